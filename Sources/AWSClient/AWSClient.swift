import Foundation
import Support

/// Calls to AWS's JSON 1.1 APIs from orgprofile's own process: each call (`AWSRequest`)
/// signed (`SigV4`) with the source's credentials, sent at the rate the limiter allows, tried
/// again on throttling, 5xx answers and failed connections (exponential backoff with full
/// jitter, as the AWS SDKs do), every page followed by `NextToken` and decoded into the
/// answer's type, and the pages joined into one answer (`AWSAnswer`), as the AWS CLI joins
/// them.
public final class AWSClient: Sendable {
    public let region: String
    public let credentials: CredentialSource
    let environment: [String: String]
    let configured: ConfiguredEndpoints
    public let limiter: AdaptiveRateLimiter
    let transport: HTTPTransport
    /// Tries of one request before its failure is the call's.
    let maxAttempts: Int
    /// The longest wait between two tries, seconds.
    let maxBackoff: Double
    let userAgent: String
    /// Waits between tries (tests make it instant).
    let sleep: @Sendable (Double) -> Void

    public init(
        region: String, credentials: CredentialSource, environment: [String: String],
        configured: ConfiguredEndpoints = ConfiguredEndpoints(),
        limiter: AdaptiveRateLimiter = AdaptiveRateLimiter(),
        transport: HTTPTransport = SharedHTTPClient(), maxAttempts: Int = 5, maxBackoff: Double = 20, userAgent: String = "orgprofile",
        sleep: @escaping @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }
    ) {
        (self.region, self.credentials, self.environment, self.configured) = (region, credentials, environment, configured)
        (self.limiter, self.transport) = (limiter, transport)
        (self.maxAttempts, self.maxBackoff, self.userAgent, self.sleep) = (maxAttempts, maxBackoff, userAgent, sleep)
    }

    /// A call that failed for good: its words, as the AWS CLI would say them.
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The most pages one call reads, and the most bytes its pages may hold together: a
    /// service that never stops paging is an error, not a read without end.
    public static let maximumPages = 10_000
    public static let maximumCallBytes = 64 << 20

    /// The whole answer of `request` (every page); a `DecodingError` when a page is not the
    /// JSON of `Answer`.
    public func call<Answer: AWSAnswer>(_ request: AWSRequest, as _: Answer.Type = Answer.self) throws -> Answer {
        let call = JSONProtocol(request: request)
        let endpoint = AWSEndpoint.resolve(request.service, region: region, environment: environment, configured: configured)
        var whole: Answer?
        var pages = 0
        var token: String?
        var seen: Set<String> = []
        var bytes = 0
        repeat {
            let body = try send(call, endpoint: endpoint, body: call.body(nextToken: token))
            let page = try JSONDecoder().decode(AWSPage<Answer>.self, from: Data(body))
            if whole == nil { whole = page.answer } else { whole!.append(page.answer) }
            pages += 1
            bytes += body.count
            token = page.nextToken.flatMap { $0.isEmpty ? nil : $0 }
            if let token, !seen.insert(token).inserted {
                throw Failure(
                    message: call.name + " answered the same NextToken twice; a service that pages without end is not read further")
            }
            if token != nil, pages >= Self.maximumPages {
                throw Failure(message: call.name + " answered more than \(Self.maximumPages) pages; orgprofile reads no more of it")
            }
            if bytes > Self.maximumCallBytes {
                throw Failure(
                    message: call.name + " answered more than \(Self.maximumCallBytes >> 20) MiB in all; orgprofile reads no more of it")
            }
        } while token != nil
        return whole!
    }

    /// One page's body, tried until it succeeds, fails for good, or
    /// `maxAttempts` are spent (a timeout is tried once more at most, so a slow answer holds
    /// a call for at most twice the deadline).
    private func send(_ call: JSONProtocol, endpoint: AWSEndpoint, body: [UInt8]) throws -> [UInt8] {
        var attempt = 0
        var timeouts = 0
        while true {
            attempt += 1
            let outcome = try exchange(call, endpoint: endpoint, body: body)
            switch outcome {
            case .success(let page):
                limiter.record(throttled: false)
                return page
            case .failure(let failure):
                let throttled: Bool
                let retryable: Bool
                let message: String
                switch failure {
                case .answer(let answer):
                    throttled = answer.isThrottling
                    if answer.code == "ExpiredTokenException" || answer.code == "ExpiredToken" { credentials.expire() }
                    retryable = throttled || answer.isTransient || (answer.code.hasPrefix("ExpiredToken") && attempt == 1)
                    message = call.describe(answer)
                case .exchange(let failure):
                    if failure.kind == .timeout { timeouts += 1 }
                    throttled = false
                    retryable = failure.kind == .connection || failure.kind == .timeout && timeouts < 2
                    message = "\(failure.description) (\(call.name))"
                }
                limiter.record(throttled: throttled)
                guard retryable, attempt < maxAttempts else { throw Failure(message: message) }
                // Full jitter: anywhere from nothing to the exponential bound.
                sleep(Double.random(in: 0...1) * min(maxBackoff, pow(2, Double(attempt - 1))))
            }
        }
    }

    enum ExchangeFailure: Error {
        case answer(JSONProtocol.Failure)
        case exchange(HTTPExchange.Failure)
    }

    /// One request: signed just before it goes (so a retry is signed anew).
    private func exchange(_ call: JSONProtocol, endpoint: AWSEndpoint, body: [UInt8]) throws -> Result<[UInt8], ExchangeFailure> {
        limiter.acquire()
        let headers: [(name: String, value: String)] = [
            ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", call.target), ("User-Agent", userAgent),
        ]
        var path = endpoint.url.path
        if path.isEmpty { path = "/" }
        let signable = SigV4.Request(method: "POST", host: endpoint.host, path: path, headers: headers, body: body)
        let signed = SigV4.headers(
            for: signable, credentials: try credentials.current(), region: endpoint.signingRegion, service: call.service.signingName,
            date: Date())
        let response: HTTPExchange.Response
        do {
            response = try transport.send(
                HTTPExchange.Request(method: "POST", url: endpoint.url, headers: headers + [("Host", endpoint.host)] + signed, body: body))
        } catch let failure as HTTPExchange.Failure {
            return .failure(.exchange(failure))
        }
        // A redirect is never followed: the signed request would go to another host.
        if (300..<400).contains(response.status) {
            let target = response.header("Location").flatMap { URL(string: $0)?.host } ?? response.header("Location") ?? "nowhere"
            return .failure(
                .exchange(
                    .init(
                        .refused,
                        "\(endpoint.host) answered HTTP \(response.status) (\(JSONProtocol.reason(response.status))), a redirect to \(TerminalText.firstLine(target, limit: 200)); orgprofile follows no redirect, so nothing was sent there"
                    )))
        }
        return call.page(status: response.status, errorType: response.header("X-Amzn-ErrorType"), body: response.body)
            .mapError { .answer($0) }
    }
}
