/// Which config and credentials files the AWS CLI uses, as it decides.
public struct AWSConfigPaths: Equatable, Sendable {
    /// How the home folder and paths are spelled.
    public enum Platform: Sendable {
        /// Linux and macOS: `$HOME/.aws/config`.
        case unix
        /// `%USERPROFILE%\.aws\config`, as the AWS CLI (Python's `expanduser`) finds it.
        case windows

        public static var current: Platform {
            #if os(Windows)
                .windows
            #else
                .unix
            #endif
        }
    }

    public var config: String
    public var credentials: String
    /// The folder of the SSO token cache: `~/.aws/sso/cache`.
    public var ssoCache: String

    /// `--config`/`--credentials` when given, else `AWS_CONFIG_FILE` and
    /// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`. A
    /// leading `~` is the home folder, as the AWS CLI expands it: `HOME` on Linux and macOS;
    /// `USERPROFILE` on Windows, else `HOMEDRIVE` and `HOMEPATH`.
    public init(config: String? = nil, credentials: String? = nil, environment: [String: String], platform: Platform = .current) {
        let separator = platform == .windows ? "\\" : "/"
        let home: String
        switch platform {
        case .unix:
            home = environment["HOME"] ?? "~"
        case .windows:
            home =
                environment["USERPROFILE"].flatMap { $0.isEmpty ? nil : $0 }
                ?? environment["HOMEDRIVE"].flatMap { drive in environment["HOMEPATH"].map { drive + $0 } }
                ?? "~"
        }
        func expand(_ path: String) -> String {
            if path == "~" { return home }
            if path.hasPrefix("~/") || platform == .windows && path.hasPrefix("~\\") { return home + separator + path.dropFirst(2) }
            return path
        }
        func inAWSFolder(_ name: String) -> String { home + separator + ".aws" + separator + name }
        self.config =
            config.map(expand) ?? environment["AWS_CONFIG_FILE"].flatMap { $0.isEmpty ? nil : expand($0) } ?? inAWSFolder("config")
        self.credentials =
            credentials.map(expand)
            ?? environment["AWS_SHARED_CREDENTIALS_FILE"].flatMap { $0.isEmpty ? nil : expand($0) } ?? inAWSFolder("credentials")
        ssoCache = inAWSFolder("sso" + separator + "cache")
    }
}
