import AWSClient
import AWSConfig
import FileSafety
import Foundation
import OrgProfileKit

/// Which way the live reader calls AWS (`--calls`).
public enum AWSCallPath: String, CaseIterable, Sendable {
    /// In-process when credentials can be had without the AWS CLI's per-call process (the
    /// environment's, or `aws configure export-credentials`), else through the aws command.
    case auto
    case inProcess = "in-process"
    case awsCLI = "aws-cli"

    /// The caller this path means for `aws` (its profile and region), and in a few words which
    /// way it calls, for the progress line. `.inProcess` fails when no credentials can be had for it.
    /// `timeout`: the longest one request may take, head and body, in seconds.
    public func caller(
        for aws: AWSCommand, maxRate: Double?, timeout: Double = 60, userAgent: String
    ) throws -> (caller: any AWSCaller, description: String) {
        if self == .awsCLI { return (aws, "through the aws command") }
        let environment = aws.environment ?? ProcessInfo.processInfo.environment
        // An explicit profile comes before the environment's keys, as for the AWS CLI.
        var source = aws.profile == nil ? CredentialSource.environment(environment) : nil
        if source == nil { source = Self.exported(by: aws) }
        guard let source, let region = aws.effectiveRegion() else {
            if self == .inProcess {
                throw AWSCommand.Failure(
                    call: "configure export-credentials",
                    message:
                        "no credentials for in-process calls: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use the AWS CLI version 2.9 or later (aws configure export-credentials), and give --region"
                )
            }
            return (aws, "through the aws command")
        }
        let limiter = AdaptiveRateLimiter(ceiling: maxRate)
        // `AWS_MAX_ATTEMPTS` as the AWS CLI reads it; else 5, more than the CLI's 3: a long read
        // meets throttling more than once.
        let attempts = environment["AWS_MAX_ATTEMPTS"].flatMap { Int($0) }.map { max($0, 1) } ?? 5
        let profile = Self.profileSettings(aws.profile, environment)
        let network: NetworkSettings
        do {
            network = try NetworkSettings(environment: environment, profileCABundle: profile.caBundle)
        } catch let invalid as NetworkSettings.Invalid {
            throw AWSCommand.Failure(call: "the proxy settings", message: invalid.description)
        }
        let transport = SharedHTTPClient(timeout: .nanoseconds(Int64(timeout * 1_000_000_000)), network: network)
        let client = AWSClient(
            region: region, credentials: source, environment: environment, configured: profile.endpoints, limiter: limiter,
            transport: transport, maxAttempts: attempts, userAgent: userAgent)
        return (DirectAWS(client: client), "in-process")
    }

    /// The endpoints and the CA bundle the AWS config file sets for the profile (`--profile`,
    /// else `AWS_PROFILE`, else `default`), as the AWS CLI reads them; none when the file is
    /// missing or does not parse (the AWS CLI would have refused it when exporting the credentials).
    static func profileSettings(_ profile: String?, _ environment: [String: String]) -> (
        endpoints: ConfiguredEndpoints, caBundle: String?
    ) {
        let path = AWSConfigPaths(environment: environment).config
        guard let bytes = try? FileSystem.read(path, owner: .person), let file = try? ConfigFile.parse(bytes) else {
            return (ConfiguredEndpoints(), nil)
        }
        let (profiles, _) = file.profiles(as: .config)
        let name = profile ?? environment["AWS_PROFILE"] ?? "default"
        guard let values = profiles[name] else { return (ConfiguredEndpoints(), nil) }
        func text(_ value: ConfigFile.Value?) -> String? {
            if case .string(let text)? = value { return text }
            return nil
        }
        var configured = ConfiguredEndpoints(
            profile: text(values["endpoint_url"]), ignore: text(values["ignore_configured_endpoint_urls"])?.lowercased() == "true")
        if let services = text(values["services"]),
            let section = file.sections.indices.last(where: {
                file.sections[$0].name.split(separator: " ") == ["services", Substring(services)]
            })
        {
            for (service, value) in file.values(of: section) {
                if case .nested(let settings) = value, let url = settings["endpoint_url"] { configured.services[service] = url }
            }
        }
        return (configured, text(values["ca_bundle"]))
    }

    /// `aws configure export-credentials`, run now and again whenever they are about to
    /// expire; nil when the aws command cannot (version 1, no credentials).
    static func exported(by aws: AWSCommand) -> CredentialSource? {
        let arguments = ["configure", "export-credentials", "--format", "process"] + (aws.profile.map { ["--profile", $0] } ?? [])
        let environment = aws.environment
        @Sendable func fetch() throws -> AWSCredentials {
            let result: ProcessRunner.Result
            do {
                result = try ProcessRunner.run("aws", arguments, environment: environment)
            } catch {
                throw AWSCommand.Failure(call: "configure export-credentials", message: "\(error)")
            }
            guard result.status == 0, let credentials = CredentialSource.decodeProcessOutput(result.output) else {
                throw AWSCommand.Failure(call: "configure export-credentials", message: AWSCommand.firstLines(result.error))
            }
            return credentials
        }
        guard let first = try? fetch() else { return nil }
        let source = CredentialSource { try fetch() }
        // The first fetch is the source's first answer, not a second process.
        source.prime(first)
        return source
    }
}
