import AWSClient
import Foundation
import OrgProfileKit
import Support

/// The `aws` command the admin already has (version 2 or 1), run once per API call with
/// `--output json`, so every credential source the AWS CLI supports works unchanged
/// (profiles, environment variables, web identity, `AWS_ENDPOINT_URL`). The CLI follows
/// `NextToken`s itself: one call returns every page.
public struct AWSCommand: AWSCaller {
    /// `--profile`, when given.
    public var profile: String?
    /// `--region`, when given.
    public var region: String?
    /// Replaces the inherited environment when set (tests).
    public var environment: [String: String]?

    public init(profile: String? = nil, region: String? = nil, environment: [String: String]? = nil) {
        self.profile = profile
        self.region = region
        self.environment = environment
    }

    /// A call that failed: which one, and what the aws command said.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var call: String
        public var message: String

        public var description: String { "aws \(call) failed: \(message)" }
    }

    /// Runs `aws SERVICE OPERATION ARGUMENTS --output json` and decodes what it prints.
    public func call<Answer>(_ operation: AWSOperation<Answer>) throws -> Answer {
        let request = operation.request
        let shown = Self.shown(request)
        var full = request.awsArguments
        // AWS CLI v1 reads only AWS_DEFAULT_REGION: AWS_REGION, which v2 and the SDKs read
        // first, is passed on as --region so that both read the same region.
        let named = (environment ?? ProcessInfo.processInfo.environment)["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 }
        if let region = region ?? named { full += ["--region", region] }
        full += ["--output", "json"]
        if let profile { full += ["--profile", profile] }
        let result: ProcessRunner.Result
        do {
            result = try ProcessRunner.run("aws", full, environment: environment)
        } catch let failure as ProcessRunner.LaunchFailure {
            throw Failure(call: shown, message: "\(failure.reason); install the AWS CLI (version 2) and put it on PATH")
        }
        guard result.status == 0 else {
            throw Failure(call: shown, message: Self.firstLines(result.error))
        }
        do {
            return try JSONDecoder().decode(Answer.self, from: Data(result.output))
        } catch {
            throw Failure.unexpected(request, error)
        }
    }

    /// A call as the admin would type it after `aws`, for messages.
    static func shown(_ request: AWSRequest) -> String {
        request.awsArguments.joined(separator: " ")
    }

    /// The region the aws command would use: `--region`, else the environment's, else the
    /// profile's (`aws configure get region`); nil when none is set.
    public func effectiveRegion() -> String? {
        if let region { return region }
        let environment = self.environment ?? ProcessInfo.processInfo.environment
        for key in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let value = environment[key], !value.isEmpty { return value }
        }
        var arguments = ["configure", "get", "region"]
        if let profile { arguments += ["--profile", profile] }
        guard let result = try? ProcessRunner.run("aws", arguments, environment: self.environment), result.status == 0 else { return nil }
        let value = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// The aws command's error, without the blank lines and usage text around it: its first
    /// three lines as one, at most 300 characters, shown as terminal text.
    static func firstLines(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return TerminalText.firstLine(lines.prefix(3).joined(separator: " "))
    }
}
