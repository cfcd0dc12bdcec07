import Foundation
import Support

/// An advisory lock that serialises orgprofile runs changing the same target: two
/// `install`s into one `~/.aws/config`, two `compile`s into one folder. The second run waits
/// for the first and then works on what the first left.
///
/// The lock is `flock` on a small file that names its holder: `.NAME.orgprofile-lock`
/// beside a file, `.orgprofile-lock` inside a folder. The kernel releases it when the holder
/// exits, even when killed, so a lock is never stale. The holder removes the file when it
/// is done; a waiter that then gets the lock on the removed file notices and locks the new
/// one instead.
public final class FileLock {
    /// How long a run waits for another one before giving up, in seconds.
    public static let defaultTimeout: Double = 60

    public let path: String
    /// nil once released.
    private var file: OpenFile?

    private init(path: String, file: consuming OpenFile) {
        self.path = path
        self.file = consume file
    }

    deinit { release() }

    /// The lock file for a file the run replaces.
    public static func path(besideFile file: String) -> String {
        let folder = PathText.folder(of: file)
        return PathText.joined(folder, ".\(PathText.lastComponent(of: file)).orgprofile-lock")
    }

    /// The lock file for a folder the run writes into (the folder must exist).
    public static func path(insideFolder folder: String) -> String {
        PathText.joined(folder, ".orgprofile-lock")
    }

    /// Takes the lock at `path`, waiting up to `timeout` seconds for its holder; `waiting` is
    /// called once, with a sentence naming the holder, if the run has to wait. `holder` says
    /// who takes it (for example `orgprofile install`).
    public static func acquire(_ path: String, holder: String, timeout: Double = defaultTimeout, waiting: (String) -> Void = { _ in })
        throws -> FileLock
    {
        let deadline = Date().addingTimeInterval(timeout)
        var announced = false
        while true {
            let file = try OpenFile(path, flags: O_RDWR | O_CREAT | O_NOFOLLOW, mode: 0o600)
            let code = file.withDescriptor { flock($0, LOCK_EX | LOCK_NB) == 0 ? 0 : errno }
            if code == 0 {
                // The holder before us may have removed the file after we opened it.
                let opened = try file.status()
                var current = stat()
                if lstat(path, &current) == 0, opened.st_ino == current.st_ino, opened.st_dev == current.st_dev {
                    let lock = FileLock(path: path, file: file)
                    lock.record(holder)
                    return lock
                }
                continue
            }
            guard code == EWOULDBLOCK || code == EINTR else { throw FileError(path: path, errno: code) }
            let description = Self.holder(of: file)
            if Date() >= deadline {
                throw FileError(
                    path: path,
                    reason:
                        "\(description) has held this lock for longer than \(String(format: "%g", timeout)) s; let it finish (or stop it) and run again"
                )
            }
            if !announced {
                waiting("waiting for \(description) to finish (it holds \(path))")
                announced = true
            }
            usleep(20_000)
        }
    }

    /// Lets the next run in; removes the lock file first, so nothing is left behind.
    public func release() {
        guard file != nil else { return }
        unlink(path)
        file = nil
    }

    /// Writes who holds the lock into the file, for a waiting run's message.
    private func record(_ holder: String) {
        var buffer = [UInt8](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count - 1)
        let host = String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
        let since = UTCTime.extended(Date())
        let text = "\(holder) (pid \(getpid()) on \(host), since \(since))\n"
        file?.withDescriptor { descriptor in
            ftruncate(descriptor, 0)
            _ = text.utf8CString.withUnsafeBufferPointer { pwrite(descriptor, $0.baseAddress, $0.count - 1, 0) }
        }
    }

    /// What a holder wrote about itself, or a plain description while it has not yet.
    private static func holder(of file: borrowing OpenFile) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = file.withDescriptor { pread($0, &buffer, buffer.count, 0) }
        let text = count > 0 ? String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return text.isEmpty ? "another orgprofile run" : text
    }
}
