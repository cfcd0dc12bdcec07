import Foundation

/// Reads a regular file in pieces, for files too large to hold at once (`manifest.json`).
/// Like `FileSystem.readRegularFile`, it never follows a symbolic link.
struct RegularFileReader {
    let path: String
    private let descriptor: Int32

    /// nil when nothing, or something other than a regular file, is at the path.
    init?(path: String) throws {
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
    func read(_ count: Int) throws -> [UInt8] {
        try fill(count) { buffer, done in Foundation.read(descriptor, buffer + done, count - done) }
    }

    /// `count` bytes from `offset`, without moving the reading position.
    func read(_ count: Int, at offset: Int) throws -> [UInt8] {
        try fill(count) { buffer, done in pread(descriptor, buffer + done, count - done, off_t(offset + done)) }
    }

    /// Up to `count` bytes from repeated reads (each given the buffer and the bytes so far),
    /// until the count or the end of the file.
    private func fill(_ count: Int, _ readMore: (UnsafeMutableRawPointer, Int) -> Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var total = 0
        while total < count {
            let got = bytes.withUnsafeMutableBytes { readMore($0.baseAddress!, total) }
            if got < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, errno: errno)
            }
            if got == 0 { break }
            total += got
        }
        bytes.removeSubrange(total...)
        return bytes
    }

    func close() {
        Foundation.close(descriptor)
    }
}
