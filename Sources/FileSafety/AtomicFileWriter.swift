import Foundation

/// A file written to a temporary name in its folder, in as many pieces as needed, and
/// renamed over its path only when complete, so readers see the old file or the new one,
/// never a part of either. Abandoned (or failed) writes leave nothing behind.
public struct AtomicFileWriter {
    public let path: String
    public let temporary: String
    private var descriptor: Int32

    /// `fault`: the test seam of `OutputWriter.fault`, asked once the temporary file exists.
    public init(path: String, mode: mode_t = 0o644, fault: WriteFault? = nil) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        temporary = (folder as NSString).appendingPathComponent(".\(name).orgprofile-tmp-\(getpid())")
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_EXCL | O_CLOEXEC | O_NOFOLLOW
        descriptor = open(temporary, flags, mode)
        if descriptor < 0, errno == EEXIST {
            // Left behind by a run of ours that died with the same process id.
            unlink(temporary)
            descriptor = open(temporary, flags, mode)
        }
        guard descriptor >= 0 else { throw FileError(path: path, errno: errno) }
        if let fault, let code = fault(path) { try fail(code) }
    }

    public mutating func append(_ bytes: [UInt8]) throws {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        if failure != 0 { try fail(failure) }
    }

    /// Gives the file its mode (and owner), and renames it over the path. `durable`: flush
    /// the file and its folder to disk before and after the rename. `beforeRename` runs last
    /// before the rename; an error it throws abandons the write.
    public func commit(mode: mode_t = 0o644, durable: Bool = false, owner: (uid_t, gid_t)? = nil, beforeRename: () throws -> Void = {})
        throws
    {
        if fchmod(descriptor, mode) != 0 { try fail(errno) }
        if let (uid, gid) = owner, fchown(descriptor, uid, gid) != 0, errno != EPERM { try fail(errno) }
        if durable, fsync(descriptor) != 0 { try fail(errno) }
        do {
            try beforeRename()
        } catch {
            abandon()
            throw error
        }
        let closed = close(descriptor)
        if closed != 0 || rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw FileError(path: path, errno: code)
        }
        if durable { FileSystem.syncFolder((path as NSString).deletingLastPathComponent) }
    }

    /// Removes the temporary file; the path keeps what it had.
    public func abandon() {
        close(descriptor)
        unlink(temporary)
    }

    private func fail(_ code: Int32) throws -> Never {
        abandon()
        throw FileError(path: path, errno: code)
    }
}
