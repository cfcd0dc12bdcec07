import FileSafety

/// Compares what `compile` would write with an output folder, writing nothing: `check`.
public struct OutputChecker {
    public enum Difference: Equatable, Sendable {
        /// The folder's file and what compile would write differ.
        case changed(path: String, old: [UInt8], new: [UInt8])
        /// Compile would write a file the folder does not have.
        case missing(path: String)
        /// The folder's manifest lists a file compile would no longer produce, and it is there.
        case stale(path: String)
    }

    public struct Result: Equatable, Sendable {
        public var totals = OutputBuild.Totals()
        public var changed = 0
        public var missing = 0
        public var stale = 0

        public var isClean: Bool { changed == 0 && missing == 0 && stale == 0 }
    }

    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// Reports each difference as it is found (files in render order, then the manifest,
    /// then stale files), so no more than one file pair is held at a time.
    public func compare(_ renderer: Renderer, report: (Difference) -> Void) throws -> Result {
        var folder = OutputFolder(root: root)
        let previous = try folder.manifest()
        var result = Result()
        let (manifest, totals) = try OutputBuild.run(renderer, root: root) { folder, file in
            try Self.difference(file, in: &folder)
        } collect: { difference in
            switch difference {
            case .changed?: result.changed += 1
            case .missing?: result.missing += 1
            case .stale?, nil: break
            }
            if let difference { report(difference) }
        }
        result.totals = totals
        try compareManifest(manifest, in: folder, result: &result, report: report)
        for stale in folder.stalePaths(previous: previous, current: manifest) {
            guard let path = try? folder.checkedPath(stale, creatingFolders: false), try FileSystem.read(path, owner: .orgprofile) != nil
            else {
                continue
            }
            result.stale += 1
            report(.stale(path: stale))
        }
        return result
    }

    /// How the folder's copy of a file differs from it, if it does.
    private static func difference(_ file: OutputFile, in folder: inout OutputFolder) throws -> Difference? {
        // A file behind a planted link counts as missing: compile would not write through it.
        let checked = try? folder.checkedPath(file.path, creatingFolders: false)
        guard let checked, let existing = try FileSystem.read(checked, owner: .orgprofile) else { return .missing(path: file.path) }
        return existing.hasSameBytes(as: file.contents) ? nil : .changed(path: file.path, old: existing, new: file.contents)
    }

    /// Compares the manifest piece by piece; only a difference makes both versions whole.
    private func compareManifest(_ manifest: ManifestStream, in folder: OutputFolder, result: inout Result, report: (Difference) -> Void)
        throws
    {
        let path = folder.path(Manifest.fileName)
        switch try manifest.isWritten(at: path) {
        case true?:
            return
        case false?:
            result.changed += 1
            report(.changed(path: Manifest.fileName, old: try FileSystem.read(path, owner: .orgprofile) ?? [], new: manifest.bytes()))
        case nil:
            result.missing += 1
            report(.missing(path: Manifest.fileName))
        }
    }
}
