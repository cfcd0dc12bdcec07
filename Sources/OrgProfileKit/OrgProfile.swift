/// The tool's name and version, as written into every generated file.
public enum OrgProfile {
    public static let name = "orgprofile"
    public static let version = "0.1.0"
}
