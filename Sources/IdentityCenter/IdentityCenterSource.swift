import FileSafety
import OrgProfileKit

/// Where a snapshot comes from: the live Identity Center, or a snapshot file.
public protocol IdentityCenterSource {
    func snapshot() throws -> Snapshot
}

/// A snapshot file `orgprofile snapshot` wrote.
public struct SnapshotFile: IdentityCenterSource {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    public func snapshot() throws -> Snapshot {
        guard let bytes = try FileSystem.read(path, owner: .person) else { throw FileError(path: path, reason: "no such file") }
        return try Snapshot.decode(bytes, file: path)
    }
}
