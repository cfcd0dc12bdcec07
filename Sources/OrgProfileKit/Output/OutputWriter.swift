import Foundation

/// Writes the rendered output under one folder: changed files atomically, unchanged files
/// not at all, then removes the files the previous manifest lists that are no longer
/// produced, and writes the new manifest last. Nothing else in the folder is touched.
public struct OutputWriter {
    public struct Summary: Equatable, Sendable {
        public var users = 0
        public var groups = 0
        public var profiles = 0
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    public let root: String

    public init(root: String) {
        self.root = root
    }

    public func write(_ renderer: Renderer) throws -> Summary {
        let manifestPath = path(Manifest.fileName)
        let previous = try previousManifest(at: manifestPath)
        try FileSystem.createFolder(root)

        var summary = Summary()
        var files: [Manifest.File] = []
        var users: [String: [Manifest.ProfileEntry]] = [:]
        var groups: [String: [Manifest.ProfileEntry]] = [:]
        var createdFolders = Set<String>()
        for principal in renderer.model.principals {
            let (profiles, rendered) = renderer.files(for: principal)
            let entries = profiles.map(Manifest.ProfileEntry.init)
            switch principal.kind {
            case .user: users[principal.name] = entries; summary.users += 1
            case .group: groups[principal.name] = entries; summary.groups += 1
            }
            summary.profiles += profiles.count
            for file in rendered {
                let folder = (file.path as NSString).deletingLastPathComponent
                if createdFolders.insert(folder).inserted { try FileSystem.createFolder(path(folder)) }
                if try update(path(file.path), with: file.contents) { summary.written += 1 } else { summary.unchanged += 1 }
                files.append(Manifest.File(path: file.path, sha256: Manifest.sha256(file.contents)))
            }
        }
        files.sort { $0.path < $1.path }

        let produced = Set(files.map(\.path))
        for stale in (previous?.files ?? []).map(\.path) where !produced.contains(stale) && Manifest.isOwnedPath(stale) {
            if try FileSystem.removeRegularFile(path(stale)) {
                summary.removed += 1
                let folder = path((stale as NSString).deletingLastPathComponent)
                FileSystem.removeFolderIfEmpty(folder)
            }
        }

        let manifest = Manifest(generator: "\(OrgProfile.name) \(OrgProfile.version)", source: renderer.sourceName, files: files, users: users, groups: groups)
        _ = try update(manifestPath, with: manifest.encoded())
        return summary
    }

    /// Writes the file unless it already holds exactly these bytes; returns whether it wrote.
    private func update(_ path: String, with contents: [UInt8]) throws -> Bool {
        if try FileSystem.readRegularFile(path) == contents { return false }
        try FileSystem.writeAtomically(contents, to: path)
        return true
    }

    private func previousManifest(at path: String) throws -> Manifest? {
        guard let bytes = try FileSystem.readRegularFile(path) else { return nil }
        guard let manifest = Manifest.decode(bytes) else {
            throw FileError(path: path, reason: "not a manifest written by orgprofile, so the files it owns are unknown; move it away and compile again")
        }
        return manifest
    }

    private func path(_ relative: String) -> String {
        (root as NSString).appendingPathComponent(relative)
    }
}
