import AWSConfig
import OrgYAML

/// A config orgprofile published (`dist/users/NAME/config`), read back where org.yaml is
/// not at hand: `install --from`, `uninstall --from` and `doctor --from`. The one place
/// that says which project such a file belongs to.
public struct PublishedConfig {
    public let path: String
    public let text: String
    public let file: ConfigFile

    /// nil when the bytes are not a config file the AWS CLI can read.
    public init?(path: String, bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self), let file = try? ConfigFile.parse(bytes) else { return nil }
        (self.path, self.text, self.file) = (path, text, file)
    }

    /// The project whose block the file goes into: the name of its only sso-session (compile
    /// writes exactly one, and a block is named after it). An error, asking for `--project`,
    /// when the file has none or several, or one whose name cannot name a block.
    public var project: Result<String, Diagnostic> {
        let sessions = file.ssoSessionSections().keys.sorted()
        if sessions.count == 1, NameRules.isSlug(sessions[0]) { return .success(sessions[0]) }
        let found =
            switch sessions.count {
            case 0: "no sso-session"
            case 1: "the sso-session '\(sessions[0])', which cannot name a block (lowercase letters, digits and single hyphens)"
            default: "\(sessions.count) sso-sessions"
            }
        return .failure(.error(.installConflict, "\(path) has \(found); name the block with --project NAME", at: nil))
    }

    /// The profile to try first, where only the profiles' names and roles are known: the
    /// default privileged patterns decide (see `LeastPrivilegedProfile`).
    public var testProfile: String? {
        LeastPrivilegedProfile.name(in: file)
    }
}
