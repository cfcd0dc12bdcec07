import FileSafety
import Foundation

/// Changes a person's config file safely when other programs use it too: under
/// orgprofile's lock (a second `install` waits for the first, then plans from what the first
/// wrote), and never over a change another program made between orgprofile's read and its
/// replace (orgprofile plans again from the new contents, and gives up after a few tries).
public enum ConfigUpdate {
    /// How often a change is planned again when another program keeps changing the file.
    public static let attempts = 3

    public struct Outcome<Plan> {
        public var plan: Plan
        /// Whether the file was replaced (false: it already held the planned bytes).
        public var replaced: Bool
        /// The backup of the old file, when there was one.
        public var backup: String?
    }

    /// Reads `path`, hands its bytes (nil: no file) to `plan`, and replaces the file with the
    /// bytes the plan returns. `plan` may throw to refuse; it runs again when the file changed
    /// in the meantime. `holder` names the command for the lock; `waiting` is told when
    /// another run holds it. `beforeReplace` is called with the path after the file was read
    /// and the change planned, just before it is replaced: a test's stand-in for another
    /// program editing the file at that moment.
    public static func run<Plan>(
        _ path: String, holder: String, timeout: Double = FileLock.defaultTimeout, waiting: (String) -> Void = { _ in },
        beforeReplace: (String) -> Void = { _ in }, plan: ([UInt8]?) throws -> (plan: Plan, bytes: [UInt8])
    ) throws -> Outcome<Plan> {
        let target = ProtectedFile.resolved(path)
        // The lock file lives beside the config, so its folder must exist first.
        let folder = PathText.folder(of: target)
        if !folder.isEmpty { try FileSystem.createFolder(folder, owner: .person, mode: ProtectedFile.folderMode) }
        let lock = try FileLock.acquire(FileLock.path(besideFile: target), holder: holder, timeout: timeout, waiting: waiting)
        defer { lock.release() }
        for _ in 1...attempts {
            let current = try FileSystem.read(path, owner: .person)
            let planned = try plan(current)
            if planned.bytes == current { return Outcome(plan: planned.plan, replaced: false) }
            beforeReplace(path)
            do {
                let backup = try ProtectedFile.replace(path, with: planned.bytes, expecting: .some(current))
                return Outcome(plan: planned.plan, replaced: true, backup: backup)
            } catch is ProtectedFile.ChangedMeanwhile {
                continue
            }
        }
        throw FileError(
            path: path,
            reason:
                "another program changed the file each time orgprofile was about to replace it (\(attempts) tries); nothing was overwritten, run again when it is done"
        )
    }
}
