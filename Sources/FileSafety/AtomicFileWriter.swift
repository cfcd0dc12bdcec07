import Foundation

/// A file written to a temporary name in its folder, in as many pieces as needed, and
/// renamed over its path only when complete, so readers see the old file or the new one,
/// never a part of either. A write that fails, or is never committed, leaves nothing behind:
/// the writer removes its temporary file when it goes away, and its `OpenFile` closes the
/// descriptor once.
public struct AtomicFileWriter: ~Copyable {
    public let path: String
    public let temporary: String
    private var file: OpenFile
    private var committed = false

    /// `fault`: the test seam of `OutputWriter.fault` (else `WriteFault.everyWrite`), asked
    /// once the temporary file exists.
    public init(path: String, mode: mode_t = 0o644, fault: WriteFault? = nil) throws {
        let fault = fault ?? WriteFault.everyWrite
        let folder = PathText.folder(of: path)
        let name = PathText.lastComponent(of: path)
        let temporary = PathText.joined(folder, ".\(name).orgprofile-tmp-\(getpid())")
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_EXCL | O_NOFOLLOW
        let file: OpenFile
        do {
            file = try OpenFile(temporary, flags: flags, mode: mode, closed: fault?.closed)
        } catch  where error.code == EEXIST {
            // Left behind by a run of ours that died with the same process id.
            unlink(temporary)
            file = try OpenFile(temporary, flags: flags, mode: mode, closed: fault?.closed)
        } catch {
            throw error.at(path)
        }
        if let fault, let code = fault.failure(path) {
            unlink(temporary)
            throw FileError(path: path, errno: code)
        }
        self.path = path
        self.temporary = temporary
        self.file = file
    }

    deinit {
        if !committed { unlink(temporary) }
    }

    public func append(_ bytes: [UInt8]) throws {
        do {
            try file.write(bytes)
        } catch {
            throw error.at(path)
        }
    }

    /// Gives the file its mode (and owner), and renames it over the path. `durable`: flush
    /// the file and its folder to disk before and after the rename. `beforeRename` runs last
    /// before the rename; an error it throws abandons the write.
    public consuming func commit(
        mode: mode_t = 0o644, durable: Bool = false, owner: (uid_t, gid_t)? = nil, beforeRename: () throws -> Void = {}
    )
        throws
    {
        try file.withDescriptor { descriptor throws(FileError) in
            if fchmod(descriptor, mode) != 0 { throw FileError(path: path, errno: errno) }
            if let (uid, gid) = owner, fchown(descriptor, uid, gid) != 0, errno != EPERM { throw FileError(path: path, errno: errno) }
            if durable, fsync(descriptor) != 0 { throw FileError(path: path, errno: errno) }
        }
        try beforeRename()
        let closed = file.close()
        if closed != 0 { throw FileError(path: path, errno: closed) }
        if rename(temporary, path) != 0 { throw FileError(path: path, errno: errno) }
        committed = true
        if durable { FileSystem.syncFolder(PathText.folder(of: path)) }
    }
}
