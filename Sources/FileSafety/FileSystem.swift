import Foundation

/// The few file operations orgprofile needs, done with POSIX calls so that every failure
/// names its path and a write never leaves a half-written file behind.
public enum FileSystem {
    /// The file's bytes, or nil when no file is there (see `FileOwner` for what a link or
    /// something other than a regular file means). At most `limit` bytes are read.
    public static func read(_ path: String, owner: FileOwner, limit: Int = .max) throws -> [UInt8]? {
        guard let file = try FileReader(path, owner: owner) else { return nil }
        return try file.readAll(limit: limit)
    }

    /// A file that must be there: its bytes, or an error naming the path when nothing is.
    public static func readExisting(_ path: String, owner: FileOwner, limit: Int = .max) throws -> [UInt8] {
        guard let bytes = try read(path, owner: owner, limit: limit) else { throw FileError(path: path, errno: ENOENT) }
        return bytes
    }

    /// A regular file below `folder` by its relative path, every component opened without
    /// following a symbolic link (`openat` with `O_NOFOLLOW`, one folder at a time), so no
    /// link in the path can lead outside the folder; at most `limit` bytes. `folder` itself
    /// is a person's and may be a link. The relative path holds no `..` (its caller checks).
    public static func readBeneath(_ folder: String, _ relative: String, limit: Int = .max) throws(FileError) -> [UInt8] {
        let path = PathText.joined(folder, relative)
        let components = relative.split(separator: "/").filter { $0 != "." }.map(String.init)
        guard let last = components.last, !components.contains("..") else {
            throw FileError(path: path, reason: "not a path of a file inside its folder")
        }
        var current = try OpenFile(folder.isEmpty ? "." : folder, flags: O_RDONLY | O_DIRECTORY)
        var reached = folder
        /// The error said of a link as a link (`O_NOFOLLOW` answers ELOOP for a link to a
        /// file, ENOTDIR for one where a folder was asked for).
        func linkError(_ error: FileError, in folder: borrowing OpenFile, _ name: String, _ at: String) -> FileError {
            var info = stat()
            let isLink = folder.withDescriptor { fstatat($0, name, &info, AT_SYMLINK_NOFOLLOW) } == 0 && info.st_mode & S_IFMT == S_IFLNK
            return isLink
                ? FileError(path: at, reason: "is a symbolic link, which is not followed here (it could lead outside the folder)")
                : error
        }
        for component in components.dropLast() {
            reached = PathText.joined(reached, component)
            do {
                current = try OpenFile(in: current, component, path: reached, flags: O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
            } catch {
                throw linkError(error, in: current, component, reached)
            }
        }
        let file: OpenFile
        do {
            file = try OpenFile(in: current, last, path: path, flags: O_RDONLY | O_NONBLOCK | O_NOFOLLOW)
        } catch {
            throw linkError(error, in: current, last, path)
        }
        let info = try file.status()
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FileError(path: path, reason: info.st_mode & S_IFMT == S_IFDIR ? "is a folder, not a file" : "not a regular file")
        }
        return try file.read(expecting: Int(info.st_size) + 1, limit: limit)
    }

    /// Writes `contents` to a temporary file in the same folder and renames it over `path`,
    /// so readers see the old file or the new one, never a part of either.
    /// `durable`: flush the file and its folder to disk before and after the rename, for
    /// files a person cannot regenerate. `owner`: give the new file this owner and group.
    public static func writeAtomically(
        _ contents: [UInt8], to path: String, mode: mode_t = 0o644, durable: Bool = false, owner: (uid_t, gid_t)? = nil,
        beforeRename: () throws -> Void = {}, fault: WriteFault? = nil
    ) throws {
        let file = try AtomicFileWriter(path: path, mode: mode, fault: fault)
        try file.append(contents)
        try file.commit(mode: mode, durable: durable, owner: owner, beforeRename: beforeRename)
    }

    /// Flushes a folder's entries (a rename in it) to disk; best effort.
    public static func syncFolder(_ path: String) {
        guard let folder = try? OpenFile(path.isEmpty ? "." : path, flags: O_RDONLY | O_DIRECTORY) else { return }
        folder.withDescriptor { _ = fsync($0) }
    }

    /// Creates a folder unless one is there; returns whether it created it (so it is empty).
    ///
    /// `.orgprofile` (a folder inside the output folder): only the last part is created, and a
    /// symbolic link or a file in its place is an error, so nothing is ever written through
    /// a planted link. `.person` (a folder a person named, such as the output folder or
    /// `~/.aws`): missing parents are created too, and a link to a folder is followed.
    @discardableResult
    public static func createFolder(_ path: String, owner: FileOwner, mode: mode_t = 0o755) throws -> Bool {
        if mkdir(path, mode) == 0 { return true }
        var code = errno
        let parent = PathText.folder(of: path)
        if code == ENOENT, owner == .person, !parent.isEmpty, parent != path {
            try createFolder(parent, owner: owner, mode: mode)
            if mkdir(path, mode) == 0 { return true }
            code = errno
        }
        guard code == EEXIST else { throw FileError(path: path, errno: code) }
        var info = stat()
        guard (owner == .orgprofile ? lstat(path, &info) : stat(path, &info)) == 0 else { throw FileError(path: path, errno: errno) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return false
        case S_IFLNK: throw FileError(path: path, reason: "a symbolic link; orgprofile does not write through it")
        default: throw FileError(path: path, reason: "not a folder; orgprofile does not write through it")
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

    /// Removes files named like the temporary files of `writeAtomically` that a run killed
    /// mid-write left in a folder.
    public static func removeLeftoverTemporaryFiles(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
        for name in names where name.hasPrefix(".") && name.range(of: ".orgprofile-tmp-") != nil {
            _ = try? removeRegularFile(PathText.joined(folder, name))
        }
    }
}
