import Foundation

/// An open file descriptor and its one owner, which closes it exactly once: with `close()`,
/// or when the owner goes away. It cannot be copied, so no second holder can close the
/// number again (after a first close, the number may already name a file another thread
/// has just opened).
public struct OpenFile: ~Copyable {
    public let path: String
    /// -1 once closed.
    private var descriptor: Int32
    /// Told after each close (the tests count them through `WriteFault`).
    private let closed: (@Sendable (String) -> Void)?

    /// Opens `path` with `open(2)`'s flags (`O_CLOEXEC` is always added).
    public init(_ path: String, flags: Int32, mode: mode_t = 0, closed: (@Sendable (String) -> Void)? = nil) throws(FileError) {
        let descriptor = Foundation.open(path, flags | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw FileError(path: path, errno: errno) }
        (self.path, self.descriptor, self.closed) = (path, descriptor, closed)
    }

    /// Opens `name` inside the folder `folder` holds open (`openat(2)`), `path` naming it in errors.
    public init(in folder: borrowing OpenFile, _ name: String, path: String, flags: Int32) throws(FileError) {
        let descriptor = folder.withDescriptor { Foundation.openat($0, name, flags | O_CLOEXEC) }
        guard descriptor >= 0 else { throw FileError(path: path, errno: errno) }
        (self.path, self.descriptor, self.closed) = (path, descriptor, nil)
    }

    deinit {
        if descriptor >= 0 {
            Foundation.close(descriptor)
            closed?(path)
        }
    }

    /// Closes the file now, where its result matters (before a rename); the errno `close`
    /// reported, or 0. Closing again does nothing.
    @discardableResult
    public mutating func close() -> Int32 {
        guard descriptor >= 0 else { return 0 }
        let result = Foundation.close(descriptor) == 0 ? 0 : errno
        descriptor = -1
        closed?(path)
        return result
    }

    /// Calls `body` with the descriptor, which it must not close.
    public func withDescriptor<Result, Failure: Error>(_ body: (Int32) throws(Failure) -> Result) throws(Failure) -> Result {
        try body(descriptor)
    }

    /// `fstat` of what was opened.
    public func status() throws(FileError) -> stat {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileError(path: path, errno: errno) }
        return info
    }

    /// Everything from where the file stands, up to `limit` bytes: read into an array of the
    /// `expecting` size first, grown only when the file turns out longer.
    public func read(expecting size: Int, limit: Int = .max) throws(FileError) -> [UInt8] {
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

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws(FileError) {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        if failure != 0 { throw FileError(path: path, errno: failure) }
    }
}
