import Foundation

/// A file a command writes because a person named it (`--output PATH`): only ever a regular
/// file, replaced atomically (a link is followed to the file it names, as `install` follows
/// one), never a device, FIFO, socket or folder, and never, without `force`, a read-only file
/// or one owned by another user. Every destination is checked before the first is written.
public enum OutputPath {
    /// Refuses what may not be replaced; the path to write (a link's target), or the path.
    public static func check(_ path: String, force: Bool) throws(FileError) -> String {
        guard !path.isEmpty else { throw FileError(path: path, reason: "an empty path names no file") }
        let target = ProtectedFile.resolved(path)
        var info = stat()
        guard stat(target, &info) == 0 else {
            if errno == ENOENT { return target }
            throw FileError(path: path, errno: errno)
        }
        let kind = info.st_mode & S_IFMT
        // /dev/stdout (a link to /proc/self/fd/1) names whatever standard output is, a file
        // the caller holds open among them: replacing that would lose everything printed.
        if kind == S_IFREG, [STDOUT_FILENO, STDERR_FILENO].contains(where: { Self.isSameFile(info, descriptor: $0) }) {
            throw FileError(path: path, reason: "is this command's own standard output or error; give - for standard output")
        }
        guard kind == S_IFREG else {
            let what =
                switch kind {
                case S_IFDIR: "a folder"
                case S_IFCHR, S_IFBLK: "a device"
                case S_IFIFO: "a FIFO"
                case S_IFSOCK: "a socket"
                default: "not a regular file"
                }
            throw FileError(path: path, reason: "is \(what); --output replaces only a regular file (give - for standard output)")
        }
        if !force, info.st_uid != geteuid() {
            throw FileError(path: path, reason: "is owned by another user (uid \(info.st_uid)); replace it with --force")
        }
        if !force, info.st_mode & 0o222 == 0 {
            throw FileError(path: path, reason: "is read-only (mode \(String(info.st_mode & 0o777, radix: 8))); replace it with --force")
        }
        return target
    }

    /// The mode and owner a replacement of `target` keeps: an existing file's (its owner
    /// only when it is not ours), else 0644 and ours.
    private static func kept(_ target: String) -> (mode: mode_t, owner: (uid_t, gid_t)?) {
        var info = stat()
        guard stat(target, &info) == 0 else { return (0o644, nil) }
        return (info.st_mode & 0o7777, info.st_uid == geteuid() ? nil : (info.st_uid, info.st_gid))
    }

    static func isSameFile(_ info: stat, descriptor: Int32) -> Bool {
        var open = stat()
        return fstat(descriptor, &open) == 0 && open.st_dev == info.st_dev && open.st_ino == info.st_ino
    }

    /// Writes one file piece by piece as `body` hands the pieces on, after checking it: a
    /// temporary file beside it, renamed over it only when `body` returns (so a failure
    /// leaves the old file), keeping an old file's mode and owner.
    public static func stream(to path: String, force: Bool, _ body: ((String) throws -> Void) throws -> Void) throws {
        let target = try check(path, force: force)
        let (mode, owner) = kept(target)
        let file = try AtomicFileWriter(path: target, mode: mode)
        try body { try file.append(Array($0.utf8)) }
        try file.commit(mode: mode, durable: false, owner: owner)
    }

    /// Writes each file after checking them all; a file replaced keeps its mode and owner.
    public static func write(_ files: [(path: String, contents: [UInt8])], force: Bool) throws {
        let targets = try files.map { try check($0.path, force: force) }
        for (file, target) in zip(files, targets) {
            let (mode, owner) = kept(target)
            try FileSystem.writeAtomically(file.contents, to: target, mode: mode, owner: owner)
        }
    }
}
