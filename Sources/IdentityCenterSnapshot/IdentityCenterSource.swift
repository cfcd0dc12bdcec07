import FileSafety

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
        let bytes = try FileSystem.readExisting(path, owner: .person)
        return try Snapshot.decode(bytes, file: path)
    }
}
