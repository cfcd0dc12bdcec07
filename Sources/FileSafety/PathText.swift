/// Paths as text, split and joined at `/` here, for every path orgprofile handles (Foundation's
/// NSString path methods trap on some one-character paths, such as `o` or `.`).
public enum PathText {
    /// The path without trailing slashes (but `/` stays `/`).
    private static func trimmed(_ path: String) -> Substring {
        var path = Substring(path)
        while path.count > 1, path.last == "/" { path.removeLast() }
        return path
    }

    /// The folder a path names its last component in: `a` for `a/b`, `/` for `/a`, "" for a
    /// bare name (the current folder), `/` for `/`.
    public static func folder(of path: String) -> String {
        let path = trimmed(path)
        guard let slash = path.lastIndex(of: "/") else { return "" }
        var folder = path[..<slash]
        while folder.count > 1, folder.last == "/" { folder.removeLast() }
        return folder.isEmpty ? "/" : String(folder)
    }

    /// The last component: `b` for `a/b` and `a/b/`, `/` for `/`.
    public static func lastComponent(of path: String) -> String {
        let path = trimmed(path)
        guard path != "/" else { return "/" }
        return String(path.split(separator: "/", omittingEmptySubsequences: true).last ?? "")
    }

    /// `name` inside `folder`: the name alone for the current folder ("").
    public static func joined(_ folder: String, _ name: String) -> String {
        guard !folder.isEmpty else { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The folder of `path` as a path to open: `.` for the current folder.
    public static func openableFolder(of path: String) -> String {
        let folder = folder(of: path)
        return folder.isEmpty ? "." : folder
    }
}
