/// The tool's name and version, as written into every generated file.
public enum OrgProfile {
    public static let name = "orgprofile"
    public static let version = "0.1.0"

    /// Whether a name can be a project (and so name a managed block): a slug.
    public static func isProjectName(_ name: String) -> Bool {
        NameRules.isSlug(name)
    }
}
