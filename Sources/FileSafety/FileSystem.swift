import Foundation

/// The few file operations output needs, done with POSIX calls so that every failure names
/// its path and a write never leaves a half-written file behind.
public enum FileSystem {
    /// The file's bytes, or nil when nothing (or something other than a regular file, a
    /// symbolic link included) is there. For files in the output folder, which orgprofile owns.
    public static func readRegularFile(_ path: String) throws -> [UInt8]? {
        var info = stat()
        if lstat(path, &info) != 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw FileError(path: path, errno: errno)
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return nil }
        return try readContents(path, size: Int(info.st_size))
    }

    /// A person's file (their config, following a symbolic link as the AWS CLI does), or
    /// nil when there is none; an error when something other than a file is there.
    public static func readFile(_ path: String) throws -> [UInt8]? {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return nil }
            throw FileError(path: path, errno: errno)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FileError(path: path, reason: "not a regular file")
        }
        return try readContents(path, size: Int(info.st_size))
    }

    private static func readContents(_ path: String, size: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, errno: errno) }
        defer { close(descriptor) }
        return try read(descriptor, path: path, expecting: size)
    }

    /// Everything an open file holds from where it stands, up to `limit` bytes: read into an
    /// array of the `expecting` size first, grown only when the file turns out longer.
    public static func read(_ descriptor: Int32, path: String, expecting size: Int, limit: Int = .max) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: min(max(size, 0), limit))
        var total = 0
        while total < limit {
            if total == bytes.count { bytes.append(contentsOf: repeatElement(0, count: min(max(4096, bytes.count), limit - total))) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, errno: errno)
            }
            if count == 0 { break }
            total += count
        }
        bytes.removeSubrange(total...)
        return bytes
    }

    /// Writes `contents` to a temporary file in the same folder and renames it over `path`,
    /// so readers see the old file or the new one, never a part of either.
    /// `durable`: flush the file and its folder to disk before and after the rename, for
    /// files a person cannot regenerate. `owner`: give the new file this owner and group.
    public static func writeAtomically(
        _ contents: [UInt8], to path: String, mode: mode_t = 0o644, durable: Bool = false, owner: (uid_t, gid_t)? = nil,
        beforeRename: () throws -> Void = {}, fault: WriteFault? = nil
    ) throws {
        var file = try AtomicFileWriter(path: path, mode: mode, fault: fault)
        try file.append(contents)
        try file.commit(mode: mode, durable: durable, owner: owner, beforeRename: beforeRename)
    }

    /// Flushes a folder's entries (a rename in it) to disk; best effort.
    public static func syncFolder(_ path: String) {
        let descriptor = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Replaces (or creates) a file atomically, keeping an existing file's permissions
    /// (0644 for a new one).
    public static func replaceFile(at path: String, with contents: [UInt8]) throws {
        var info = stat()
        let mode = stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0o644
        try writeAtomically(contents, to: path, mode: mode)
    }

    /// Creates a folder and its missing parents (0755).
    public static func createFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw FileError(path: path, reason: FileError.reason(error))
        }
    }

    /// Removes a regular file; anything else at the path (a folder, a link) is left alone.
    /// Returns whether a file was removed.
    public static func removeRegularFile(_ path: String) throws -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        guard unlink(path) == 0 else { throw FileError(path: path, errno: errno) }
        return true
    }

    /// Creates one folder (0755) unless a folder is already there; a symbolic link or a file
    /// in its place is an error, so nothing is ever written through a planted link.
    /// Returns whether it created the folder (so it is empty).
    @discardableResult
    public static func createRealFolder(_ path: String) throws -> Bool {
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { return false }
            let what = info.st_mode & S_IFMT == S_IFLNK ? "a symbolic link" : "not a folder"
            throw FileError(path: path, reason: "\(what); orgprofile does not write through it")
        }
        guard errno == ENOENT else { throw FileError(path: path, errno: errno) }
        if mkdir(path, 0o755) == 0 { return true }
        if errno != EEXIST { throw FileError(path: path, errno: errno) }
        return false
    }

    /// Removes files named like the temporary files of `writeAtomically` that a run killed
    /// mid-write left in a folder.
    public static func removeLeftoverTemporaryFiles(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
        for name in names where name.hasPrefix(".") && name.range(of: ".orgprofile-tmp-") != nil {
            _ = try? removeRegularFile((folder as NSString).appendingPathComponent(name))
        }
    }

    /// Removes a folder if it is empty; quietly keeps it otherwise.
    public static func removeFolderIfEmpty(_ path: String) {
        rmdir(path)
    }
}
