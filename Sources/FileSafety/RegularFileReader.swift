import Foundation

/// Reads a regular file in pieces, for files too large to hold at once (`manifest.json`).
/// Like `FileSystem.readRegularFile`, it never follows a symbolic link.
public struct RegularFileReader {
    public let path: String
    private let descriptor: Int32

    /// nil when nothing, or something other than a regular file, is at the path.
    public init?(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if descriptor < 0 {
            if errno == ENOENT || errno == ENOTDIR || errno == ELOOP { return nil }
            throw FileError(path: path, errno: errno)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            Foundation.close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    /// The next `count` bytes; fewer only at the end of the file.
    public func read(_ count: Int) throws -> [UInt8] {
        try FileSystem.read(descriptor, path: path, expecting: count, limit: count)
    }

    /// Back to the first byte.
    public func rewind() throws {
        if lseek(descriptor, 0, SEEK_SET) < 0 { throw FileError(path: path, errno: errno) }
    }

    public func close() {
        Foundation.close(descriptor)
    }
}
