import FileSafety
import Foundation

/// Writes the rendered output under one folder: changed files atomically, unchanged files
/// not at all, then removes the files the previous manifest lists that are no longer
/// produced, and writes the new manifest last. Nothing else in the folder is touched.
public struct OutputWriter {
    public struct Summary: Equatable, Sendable {
        public var totals = OutputBuild.Totals()
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    public let root: String
    /// A test's stand-in for a full disk or a read-only file system: asked with the path of
    /// every file about to be written, an errno makes that write fail with it (after the
    /// temporary file exists, so the cleanup is exercised too). nil in normal use.
    public let fault: WriteFault?

    public init(root: String, fault: WriteFault? = nil) {
        self.root = root
        self.fault = fault
    }

    /// Writes under the folder's lock: a second run into the same folder waits (`waiting` is
    /// told why) and then starts from what the first left.
    public func write(_ renderer: Renderer, lockTimeout: Double = FileLock.defaultTimeout, waiting: (String) -> Void = { _ in }) throws
        -> Summary
    {
        var folder = OutputFolder(root: root)
        try FileSystem.createFolder(root, owner: .person)
        let lock = try FileLock.acquire(
            FileLock.path(insideFolder: root), holder: "orgprofile compile", timeout: lockTimeout, waiting: waiting)
        defer { lock.release() }
        let previous = try folder.manifest()
        FileSystem.removeLeftoverTemporaryFiles(in: root)

        var summary = Summary()
        let fault = fault
        let (manifest, totals) = try OutputBuild.run(renderer, root: root) { folder, file in
            try Self.update(try folder.checkedPath(file.path, creatingFolders: true), with: file.contents, fault: fault)
        } collect: { wrote in
            if wrote { summary.written += 1 } else { summary.unchanged += 1 }
        }
        summary.totals = totals

        for stale in folder.stalePaths(previous: previous, current: manifest) {
            // Only through real folders: a link planted in the tree never leads a removal out of it.
            guard let path = try? folder.checkedPath(stale, creatingFolders: false) else { continue }
            if try FileSystem.removeRegularFile(path) {
                summary.removed += 1
                rmdir(PathText.folder(of: path))  // Only when empty.
            }
        }
        // Rewritten only when it changed; when it did, it is written again from the start.
        let manifestPath = folder.path(Manifest.fileName)
        if try manifest.isWritten(at: manifestPath) != true { try manifest.write(to: manifestPath, fault: fault) }
        return summary
    }

    /// Writes the file unless it already holds exactly these bytes; returns whether it wrote.
    private static func update(_ path: String, with contents: [UInt8], fault: WriteFault?) throws -> Bool {
        if contents.hasSameBytes(as: try FileSystem.read(path, owner: .orgprofile)) { return false }
        try FileSystem.writeAtomically(contents, to: path, fault: fault)
        return true
    }
}

/// An output folder as `compile` left it: its manifest and the files that manifest owns.
struct OutputFolder {
    let root: String
    /// Folders below the root already known to be real folders (not links).
    private var checkedFolders = Set<String>()

    init(root: String) {
        self.root = root
    }

    /// The full path of a file below the root, after making sure every folder between the
    /// root and the file is a real folder, not a symbolic link (creating missing ones when
    /// asked). The root itself may be a link: the person chose it.
    mutating func checkedPath(_ relative: String, creatingFolders: Bool) throws -> String {
        let parts = relative.split(separator: "/").dropLast()
        var folder = ""
        for part in parts {
            folder = folder.isEmpty ? String(part) : folder + "/" + part
            if checkedFolders.contains(folder) { continue }
            let full = path(folder)
            if creatingFolders {
                // A folder just created holds no leftovers to look for.
                if try !FileSystem.createFolder(full, owner: .orgprofile) { FileSystem.removeLeftoverTemporaryFiles(in: full) }
            } else {
                var info = stat()
                guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                    throw FileError(path: full, reason: "not a real folder")
                }
            }
            checkedFolders.insert(folder)
        }
        return path(relative)
    }

    func path(_ relative: String) -> String {
        PathText.joined(root, relative)
    }

    /// The files the folder's manifest lists, nil when there is no manifest; an error when
    /// something else is there.
    func manifest() throws -> [String]? {
        let manifestPath = path(Manifest.fileName)
        guard let file = try FileReader(manifestPath, owner: .orgprofile) else { return nil }
        guard let files = try Manifest.files(in: file) else {
            throw FileError(
                path: manifestPath,
                reason: "not a manifest written by orgprofile, so the files it owns are unknown; move it away and compile again")
        }
        return files
    }

    /// Files the previous manifest lists, that compile owns, and that the current output
    /// no longer has.
    func stalePaths(previous: [String]?, current: ManifestStream) -> [String] {
        let produced = Set(current.files.map(\.path))
        return (previous ?? []).filter { !produced.contains($0) && Manifest.isOwnedPath($0) }
    }
}
