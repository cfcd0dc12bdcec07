/// Everything `compile` produces, rendered one principal at a time: each file goes to a
/// consumer as soon as it exists, and the manifest is assembled on the way. `compile`
/// writes what it is given, `check` compares it; both see exactly the same files.
public enum OutputBuild {
    public struct Totals: Equatable, Sendable {
        public var users = 0
        public var groups = 0
        public var profiles = 0
        public var files = 0
    }

    public static func run(_ renderer: Renderer, each consume: (OutputFile) throws -> Void) rethrows -> (manifest: Manifest, totals: Totals) {
        var totals = Totals()
        var files: [Manifest.File] = []
        var users: [String: [ProfileSummary]] = [:]
        var groups: [String: [ProfileSummary]] = [:]
        for principal in renderer.model.principals {
            let (profiles, rendered) = renderer.files(for: principal)
            let entries = profiles.map(ProfileSummary.init)
            switch principal.kind {
            case .user: users[principal.name] = entries; totals.users += 1
            case .group: groups[principal.name] = entries; totals.groups += 1
            }
            totals.profiles += profiles.count
            for file in rendered {
                try consume(file)
                files.append(Manifest.File(path: file.path, sha256: Manifest.sha256(file.contents)))
            }
        }
        files.sort { $0.path < $1.path }
        totals.files = files.count
        let manifest = Manifest(
            generator: "\(OrgProfile.name) \(OrgProfile.version)", source: renderer.sourceName,
            files: files, users: users, groups: groups)
        return (manifest, totals)
    }
}
