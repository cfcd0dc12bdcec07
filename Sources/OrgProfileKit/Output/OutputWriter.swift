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
    /// Write into a folder that is not empty and holds no output of orgprofile's (`--force`).
    public let force: Bool
    /// A test's stand-in for a full disk or a read-only file system: asked with the path of
    /// every file about to be written, an errno makes that write fail with it (after the
    /// temporary file exists, so the cleanup is exercised too). nil in normal use.
    public let fault: WriteFault?

    public init(root: String, force: Bool = false, fault: WriteFault? = nil) {
        self.root = root
        self.force = force
        self.fault = fault
    }

    /// Writes under the folder's lock: a second run into the same folder waits (`waiting` is
    /// told why) and then starts from what the first left.
    public func write(_ renderer: Renderer, lockTimeout: Double = FileLock.defaultTimeout, waiting: (String) -> Void = { _ in }) throws
        -> Summary
    {
        var folder = OutputFolder(root: root)
        // A foreign folder is refused before even the lock file is made in it; one that has a
        // lock file may be another compile's first run, so it is judged under the lock.
        if !force, try folder.manifest() == nil, !FileManager.default.fileExists(atPath: FileLock.path(insideFolder: root)) {
            try folder.requireEmpty()
        }
        try FileSystem.createFolder(root, owner: .person)
        let lock = try FileLock.acquire(
            FileLock.path(insideFolder: root), holder: "orgprofile compile", timeout: lockTimeout, waiting: waiting)
        defer { lock.release() }
        let previous = try folder.manifest()
        if previous == nil, !force { try folder.requireEmpty() }
        // Every place a file goes is checked before the first write, so a refusal leaves the
        // previous tree exactly as it was.
        try folder.requireWritable(renderer.model.principals.flatMap(renderer.paths(for:)) + [AccessPage.fileName, Manifest.fileName])
        FileSystem.removeLeftoverTemporaryFiles(in: root)

        var summary = Summary()
        let fault = fault
        // Counted as each write lands (on either core), to say what a failure left behind.
        let replaced = WriteCount()
        let build: (manifest: ManifestStream, totals: OutputBuild.Totals)
        do {
            build = try OutputBuild.run(renderer, root: root) { folder, file in
                let wrote = try Self.update(try folder.checkedPath(file.path, creatingFolders: true), with: file.contents, fault: fault)
                if wrote { replaced.add() }
                return wrote
            } collect: { wrote in
                if wrote { summary.written += 1 } else { summary.unchanged += 1 }
            }
        } catch let error as FileError {
            // Each file is whole, old or new; the folder as a whole is between versions.
            let count = replaced.value
            guard count > 0 else { throw error }
            throw FileError(
                path: error.path,
                reason:
                    "\(error.reason); \(count) file\(count == 1 ? " was" : "s were") already written in the new version, and the rest, \(Manifest.fileName) among them, are still the previous version's: compile again once this is fixed"
            )
        }
        let (manifest, totals) = build
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

    /// Refuses a folder that holds anything but orgprofile's own lock and temporary files:
    /// without a manifest it was never compile's output, and compile would write beside
    /// whatever is there (`--out /` is a typo away from `--out ./dist`).
    func requireEmpty() throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.isEmpty ? "." : root)) ?? []
        let foreign = names.filter { !($0 == ".orgprofile-lock" || $0.hasPrefix(".") && $0.contains(".orgprofile-tmp-")) }.sorted()
        guard let first = foreign.first else { return }
        throw FileError(
            path: root,
            reason:
                "holds \(foreign.count == 1 ? "'\(first)'" : "\(foreign.count) entries ('\(first)', ...)") and no \(Manifest.fileName) of orgprofile's, so it is not an output folder of compile's; give an empty or new folder, or --force to write into this one"
        )
    }

    /// Refuses, before anything is written, when a file would go through a symbolic link or
    /// anything but a real folder, or where something other than a regular file stands.
    func requireWritable(_ relativePaths: [String]) throws {
        var folders = Set<String>()
        for relative in relativePaths {
            var parts = relative.split(separator: "/").map(String.init)
            let name = parts.removeLast()
            var folder = ""
            for part in parts {
                folder = folder.isEmpty ? part : folder + "/" + part
                guard folders.insert(folder).inserted else { continue }
                if let kind = Self.kind(path(folder)), kind != S_IFDIR {
                    throw FileError(
                        path: path(folder), reason: "\(Self.describe(kind)) stands where compile needs a folder; nothing was written")
                }
            }
            let file = path(folder.isEmpty ? name : folder + "/" + name)
            if let kind = Self.kind(file), kind != S_IFREG {
                throw FileError(path: file, reason: "\(Self.describe(kind)) stands where compile writes a file; nothing was written")
            }
        }
    }

    /// What stands at a path, a link not followed; nil for nothing.
    private static func kind(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    private static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFLNK: "a symbolic link (never followed)"
        case S_IFDIR: "a folder"
        case S_IFREG: "a file"
        default: "a device, FIFO or socket"
        }
    }

    /// Files the previous manifest lists, that compile owns, and that the current output
    /// no longer has.
    func stalePaths(previous: [String]?, current: ManifestStream) -> [String] {
        let produced = Set(current.files.map(\.path))
        return (previous ?? []).filter { !produced.contains($0) && Manifest.isOwnedPath($0) }
    }
}

/// Files written so far, counted from both cores.
private final class WriteCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() { lock.withLock { count += 1 } }

    var value: Int { lock.withLock { count } }
}
