import Foundation
import Support

/// Replacing a file a person owns (their ~/.aws/config): a backup first, then a new file
/// written beside it, flushed to disk and renamed over the old one, keeping its
/// permissions and owner. Readers, and a crash at any moment, see the complete old file or
/// the complete new one.
public enum ProtectedFile {
    /// How many `NAME.orgprofile-backup-*` files are kept; older ones are removed.
    public static let backupsKept = 5

    /// A missing folder for a person's file is made 0700, as the AWS CLI makes `~/.aws`.
    public static let folderMode: mode_t = 0o700

    /// The file no longer holds what the change was planned from: another program changed it.
    public struct ChangedMeanwhile: Error, Equatable {
        public var path: String
    }

    /// Writes `contents` to `path` (following a symbolic link to the file it points at).
    /// A missing folder is created 0700 and a missing file 0600. Returns the backup's path,
    /// or nil when there was no file to back up.
    ///
    /// `expecting`: what the change was planned from (nil: no file). The file is compared with
    /// it before the backup and again just before the rename; when it differs, nothing is
    /// replaced and `ChangedMeanwhile` is thrown.
    ///
    /// `backup: false` for a file whose history is kept elsewhere (org.yaml, in git), where a
    /// backup beside it would only be one more file to commit by mistake.
    @discardableResult
    public static func replace(
        _ path: String, with contents: [UInt8], expecting: [UInt8]?? = .none, backup keepsBackup: Bool = true, now: Date = Date()
    ) throws -> String? {
        let target = resolved(path)
        var info = stat()
        let exists = lstat(target, &info) == 0
        if exists {
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw FileError(path: path, reason: "not a regular file")
            }
            guard info.st_mode & S_IWUSR != 0 else {
                throw FileError(
                    path: path,
                    reason:
                        "the file is read-only (mode \(String(info.st_mode & 0o777, radix: 8))); make it writable to let orgprofile change it"
                )
            }
        } else if errno != ENOENT {
            throw FileError(path: path, errno: errno)
        }
        let folder = PathText.folder(of: target)
        if !folder.isEmpty { try FileSystem.createFolder(folder, owner: .person, mode: folderMode) }
        FileSystem.removeLeftoverTemporaryFiles(in: folder)
        func checkUnchanged() throws {
            guard case .some(let expected) = expecting else { return }
            if try FileSystem.read(target, owner: .person) != expected { throw ChangedMeanwhile(path: path) }
        }
        try checkUnchanged()
        var backup: String?
        if exists, keepsBackup {
            // What was just compared with `expecting` is the file: no second read.
            let old: [UInt8]
            if case .some(let expected?) = expecting { old = expected } else { old = try FileSystem.read(target, owner: .person) ?? [] }
            let name = try backupName(for: target, at: now)
            try FileSystem.writeAtomically(old, to: name, mode: info.st_mode & 0o777, durable: true, owner: (info.st_uid, info.st_gid))
            backup = name
            pruneBackups(of: target)
        }
        try FileSystem.writeAtomically(
            contents, to: target, mode: exists ? info.st_mode & 0o7777 : 0o600, durable: true,
            owner: exists ? (info.st_uid, info.st_gid) : nil, beforeRename: checkUnchanged)
        return backup
    }

    /// `PATH.orgprofile-backup-20261127T101500Z`, with `-2`, `-3` ... if that exists.
    public static func backupName(for path: String, at date: Date) throws -> String {
        let base = "\(path).orgprofile-backup-\(UTCTime.compact(date))"
        var candidate = base
        var counter = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        return candidate
    }

    /// Removes all but the newest `backupsKept` backups of a file (their names sort by time).
    public static func pruneBackups(of path: String) {
        let folder = PathText.folder(of: path)
        let prefix = PathText.lastComponent(of: path) + ".orgprofile-backup-"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? [])
            .filter { $0.hasPrefix(prefix) }
            .sorted { backupOrder($0) > backupOrder($1) }
        for name in names.dropFirst(backupsKept) {
            _ = try? FileSystem.removeRegularFile(PathText.joined(folder, name))
        }
    }

    /// Orders `...Z`, `...Z-2`, `...Z-10` by time, then by counter.
    private static func backupOrder(_ name: String) -> (String, Int) {
        guard let dash = name.lastIndex(of: "-"), let counter = Int(name[name.index(after: dash)...]), name[..<dash].hasSuffix("Z") else {
            return (name, 1)
        }
        return (String(name[..<dash]), counter)
    }

    /// The file a symbolic link points at (a config kept in a dotfiles repository stays
    /// there); the path itself otherwise.
    public static func resolved(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }
}
