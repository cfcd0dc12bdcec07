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
        guard force else {
            if info.st_uid != geteuid() {
                throw FileError(path: path, reason: "is owned by another user (uid \(info.st_uid)); replace it with --force")
            }
            if info.st_mode & 0o222 == 0 {
                throw FileError(
                    path: path, reason: "is read-only (mode \(String(info.st_mode & 0o777, radix: 8))); replace it with --force")
            }
            return target
        }
        return target
    }

    static func isSameFile(_ info: stat, descriptor: Int32) -> Bool {
        var open = stat()
        return fstat(descriptor, &open) == 0 && open.st_dev == info.st_dev && open.st_ino == info.st_ino
    }

    /// Writes one file piece by piece as `body` hands the pieces to `write`, after checking
    /// it: a temporary file beside it, renamed over it only when `body` returns (so a
    /// failure leaves the old file), keeping an old file's mode and owner.
    public static func stream(to path: String, force: Bool, _ body: ((String) throws -> Void) throws -> Void) throws {
        let target = try check(path, force: force)
        var info = stat()
        let existing = stat(target, &info) == 0 ? info : nil
        let mode = existing.map { $0.st_mode & 0o7777 } ?? 0o644
        let file = try AtomicFileWriter(path: target, mode: mode)
        var buffer: [UInt8] = []
        try body { piece in
            buffer.append(contentsOf: piece.utf8)
            if buffer.count >= 1 << 16 {
                try file.append(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try file.append(buffer)
        try file.commit(mode: mode, durable: false, owner: existing.flatMap { $0.st_uid == geteuid() ? nil : ($0.st_uid, $0.st_gid) })
    }

    /// Writes each file after checking them all; a file replaced keeps its mode and owner.
    public static func write(_ files: [(path: String, contents: [UInt8])], force: Bool) throws {
        var targets: [String] = []
        for file in files { targets.append(try check(file.path, force: force)) }
        for (file, target) in zip(files, targets) {
            var info = stat()
            let existing = stat(target, &info) == 0 ? info : nil
            try FileSystem.writeAtomically(
                file.contents, to: target, mode: existing.map { $0.st_mode & 0o7777 } ?? 0o644,
                owner: existing.flatMap { $0.st_uid == geteuid() ? nil : ($0.st_uid, $0.st_gid) })
        }
    }
}
