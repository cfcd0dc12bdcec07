import OrgYAML

/// The tool's name and version, as written into every generated file.
public enum OrgProfile {
    public static let name = "orgprofile"
    public static let version = "0.1.0"

    /// `0.1.0 (git 1a2b3c4d5e6f)` when built from a checkout, else the version alone: what
    /// `--version` prints. Generated files carry only `version`, so they do not change with
    /// every commit.
    public static var versionWithRevision: String {
        BuildInfo.revision.map { "\(version) (git \($0))" } ?? version
    }

    /// The slug closest to a free-form name: lowercase letters and digits, every other run of
    /// characters one hyphen, starting with a letter (`fallback-` in front otherwise), cut to
    /// the slug length limit. `Workload Production (EU)` becomes `workload-production-eu`.
    public static func slug(_ name: String, fallback: String) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.first.map({ !("a"..."z").contains($0) }) ?? true { slug = slug.isEmpty ? fallback : fallback + "-" + slug }
        if slug.count > NameRules.maximumSlugLength {
            slug = String(slug.prefix(NameRules.maximumSlugLength))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug
    }
}
