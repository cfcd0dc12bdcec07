/// Everything `compile` produces, rendered one principal at a time: each file goes to a
/// consumer as soon as it exists, and the manifest follows as a stream. `compile` writes
/// what it is given, `check` compares it; both see exactly the same files.
public enum OutputBuild {
    public struct Totals: Equatable, Sendable {
        public var users = 0
        public var groups = 0
        public var profiles = 0
        public var files = 0
    }

    static func run(_ renderer: Renderer, each consume: (OutputFile) throws -> Void) rethrows -> (manifest: ManifestStream, totals: Totals) {
        var totals = Totals()
        var files: [Manifest.File] = []
        for principal in renderer.model.principals {
            let (profiles, rendered) = renderer.files(for: principal)
            switch principal.kind {
            case .user: totals.users += 1
            case .group: totals.groups += 1
            }
            totals.profiles += profiles.count
            for file in rendered {
                try consume(file)
                files.append(Manifest.File(path: file.path, sha256: Manifest.sha256(file.contents)))
            }
        }
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        totals.files = files.count
        let manifest = ManifestStream(
            generator: "\(OrgProfile.name) \(OrgProfile.version)", source: renderer.sourceName, files: files, model: renderer.model)
        return (manifest, totals)
    }
}
