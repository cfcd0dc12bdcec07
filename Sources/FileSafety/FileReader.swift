import Foundation

/// Whose file a path names, which decides what a symbolic link or something other than a
/// regular file there means.
public enum FileOwner: Sendable {
    /// A file orgprofile owns in its output folder: a symbolic link is never followed, and
    /// anything but a regular file counts as no file (compile replaces it, check reports it
    /// missing).
    case orgprofile
    /// A person's file (org.yaml, `~/.aws/config`, a published config): a symbolic link is
    /// followed, as the AWS CLI follows it, and anything but a regular file is an error.
    case person
}

/// The one way orgprofile reads a file: open it first, then decide from what was opened
/// (`fstat` of the descriptor), never from a path checked before, so a link swapped in
/// between cannot be followed. Reads whole or in pieces (`manifest.json`).
public struct FileReader: ~Copyable {
    private let file: OpenFile
    /// The size when opened.
    public let size: Int

    public var path: String { file.path }

    /// nil when no file is there (for `.orgprofile`, also when a link or anything but a
    /// regular file is).
    public init?(_ path: String, owner: FileOwner) throws(FileError) {
        // Non-blocking, so that opening a FIFO returns at once (it is refused below);
        // reads of a regular file never block anyway.
        let file: OpenFile
        do {
            file = try OpenFile(path, flags: O_RDONLY | O_NONBLOCK | (owner == .orgprofile ? O_NOFOLLOW : 0))
        } catch {
            let absent: Set<Int32> = owner == .orgprofile ? [ENOENT, ENOTDIR, ELOOP] : [ENOENT]
            if let code = error.code, absent.contains(code) { return nil }
            throw error
        }
        let info = try file.status()
        guard info.st_mode & S_IFMT == S_IFREG else {
            if owner == .orgprofile { return nil }
            throw FileError(path: path, reason: info.st_mode & S_IFMT == S_IFDIR ? "is a folder, not a file" : "not a regular file")
        }
        self.file = file
        size = Int(info.st_size)
    }

    /// Everything the file holds from where reading stands, up to `limit` bytes.
    public func readAll(limit: Int = .max) throws(FileError) -> [UInt8] {
        try file.read(expecting: size + 1, limit: limit)
    }

    /// The next `count` bytes; fewer only at the end of the file.
    public func read(_ count: Int) throws(FileError) -> [UInt8] {
        try file.read(expecting: count, limit: count)
    }

    /// Back to the first byte.
    public func rewind() throws(FileError) {
        try file.withDescriptor { descriptor throws(FileError) in
            if lseek(descriptor, 0, SEEK_SET) < 0 { throw FileError(path: path, errno: errno) }
        }
    }
}
