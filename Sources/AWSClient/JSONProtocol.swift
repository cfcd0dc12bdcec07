import Foundation
import NIOHTTP1
import Support

/// AWS's JSON 1.1 protocol for one call (`AWSRequest`): the request's target and body, and
/// what an answer means, its error code and message as the AWS CLI prints them.
struct JSONProtocol {
    let request: AWSRequest

    var service: AWSService { request.service }

    /// `X-Amz-Target`.
    var target: String { "\(service.targetPrefix).\(request.operation)" }

    /// The body of one page's request: the parameters, and the token of the page before.
    func body(nextToken: String?) -> [UInt8] {
        var fields = Dictionary(request.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        if let nextToken { fields["NextToken"] = .string(nextToken) }
        return JSON.bytes(fields)
    }

    /// An error answer: its code (`AccessDeniedException`) and message.
    struct Failure: Error, Equatable {
        var status: Int
        var code: String
        var message: String

        /// Throttled: try again, more slowly (botocore's list of throttling codes, and 429).
        var isThrottling: Bool { status == 429 || Self.throttlingCodes.contains(code) }
        /// Worth trying again as it is: the service or the way to it failed for a moment.
        var isTransient: Bool { [500, 502, 503, 504].contains(status) || Self.transientCodes.contains(code) }

        static let throttlingCodes: Set<String> = [
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
            "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
            "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
            "EC2ThrottledException",
        ]
        static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "InternalFailure", "ServiceUnavailable"]
    }

    /// An answer's body (decoded by the caller, into the answer's type), or its error. The
    /// code comes from `X-Amzn-ErrorType` or the body's `__type`, without a namespace
    /// (`com.amazonaws.x#`) or a suffix after `:`.
    func page(status: Int, errorType: String?, body: [UInt8]) -> Result<[UInt8], Failure> {
        if (200..<300).contains(status) { return .success(body) }
        let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(body))
        var code = errorType ?? object?["__type"]?.text ?? (status == 429 ? "TooManyRequestsException" : "HTTP \(status)")
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
        // AWS's words, as one short line shown as text; an HTML or empty body says nothing
        // worth showing beyond its status.
        let message =
            (object?["message"]?.text ?? object?["Message"]?.text).map { TerminalText.firstLine($0) }
            ?? "HTTP \(status) \(Self.reason(status))"
        return .failure(Failure(status: status, code: TerminalText.firstLine(code, limit: 100), message: message))
    }

    /// `Internal Server Error`: an HTTP status's reason phrase.
    static func reason(_ status: Int) -> String {
        HTTPResponseStatus(statusCode: status).reasonPhrase
    }

    /// `sso-admin list-instances`: the call as the AWS CLI is given it.
    var name: String { request.command }

    /// As the AWS CLI says it: `An error occurred (AccessDeniedException) when calling the
    /// ListInstances operation: ...`.
    func describe(_ failure: Failure) -> String {
        "An error occurred (\(failure.code)) when calling the \(request.operation) operation: \(failure.message)"
    }
}
