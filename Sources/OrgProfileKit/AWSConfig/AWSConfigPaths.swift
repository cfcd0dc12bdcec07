/// Which config and credentials files the AWS CLI uses, as it decides.
public struct AWSConfigPaths: Equatable, Sendable {
    public var config: String
    public var credentials: String
    /// The folder of the SSO token cache: `~/.aws/sso/cache`.
    public var ssoCache: String

    /// `--config`/`--credentials` when given, else `AWS_CONFIG_FILE` and
    /// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`. A
    /// leading `~` is the home folder, as the AWS CLI expands it.
    public init(config: String? = nil, credentials: String? = nil, environment: [String: String]) {
        let home = environment["HOME"] ?? "~"
        func expand(_ path: String) -> String {
            if path == "~" { return home }
            if path.hasPrefix("~/") { return home + path.dropFirst() }
            return path
        }
        self.config = expand(config ?? environment["AWS_CONFIG_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "~/.aws/config")
        self.credentials = expand(credentials ?? environment["AWS_SHARED_CREDENTIALS_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "~/.aws/credentials")
        ssoCache = expand("~/.aws/sso/cache")
    }
}
