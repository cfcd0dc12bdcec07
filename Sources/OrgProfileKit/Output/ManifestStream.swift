import FileSafety

/// `manifest.json` of one compile, produced in pieces of about 64 KiB: the files with their
/// sha256, then each group's and each user's profiles, resolved again when their turn
/// comes. The profile lists of the whole org (most of the manifest) are never held at
/// once. It decodes as a `Manifest`; `files` comes first and its list ends at the first line
/// that is exactly `  ]`, which is how `Manifest.files(in:)` reads it without the rest.
struct ManifestStream {
    let generator: String
    let source: String
    /// Every file compile produces, sorted by path.
    let files: [Manifest.File]
    let model: AccessModel

    /// Every profile entry the org can show, written once (see `Entries`).
    private let entries: Entries

    init(generator: String, source: String, files: [Manifest.File], model: AccessModel, strings: ProfileStrings? = nil) {
        (self.generator, self.source, self.files, self.model) = (generator, source, files, model)
        entries = Entries(model: model, strings: strings ?? ProfileStrings(model))
    }

    static let pieceSize = 1 << 16

    /// Calls `emit` with consecutive pieces of the file, in order.
    func write<Failure: Error>(_ emit: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        var json = PrettyJSONWriter(capacity: Self.pieceSize * 2)
        func flushIfFull() throws(Failure) {
            if json.bytes.count >= Self.pieceSize { try emit(json.take()) }
        }
        func profiles(of principals: [Principal], under key: String) throws(Failure) {
            json.key(key)
            json.beginObject()
            // Keys sorted by their UTF-8 bytes.
            for principal in principals.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
                json.key(principal.name)
                json.beginArray()
                entries.bytes.withUnsafeBufferPointer { bytes in
                    for candidate in model.candidates(for: principal) {
                        let range = candidate.userManagement.map { entries.userManagement[$0]! } ?? entries.grant[candidate.pair]!
                        json.value(written: UnsafeBufferPointer(rebasing: bytes[range]))
                    }
                }
                json.endArray()
                try flushIfFull()
            }
            json.endObject()
        }
        json.beginObject()
        json.key("files")
        json.beginArray()
        for file in files {
            json.beginObject()
            json.field("path", file.path)
            json.field("sha256", file.sha256)
            json.endObject()
            try flushIfFull()
        }
        json.endArray()
        // Keys in byte order.
        json.field("generator", generator)
        try profiles(of: model.groups, under: "groups")
        json.field("source", source)
        try profiles(of: model.users, under: "users")
        json.endObject()
        json.finalNewline()
        try emit(json.take())
    }

    /// Each profile's `ProfileSummary` as it stands in a principal's list, written once for
    /// the whole org instead of once per principal that holds it: a grant's profile is fixed
    /// by its account and role (its name is a function of the two), the user-management
    /// profile by its kind.
    private struct Entries {
        var bytes: [UInt8] = []
        /// By `AccessModel.pairKey`.
        var grant: [Range<Int>?]
        var userManagement: [UserManagementKind: Range<Int>] = [:]

        init(model: AccessModel, strings: ProfileStrings) {
            grant = Array(repeating: nil, count: model.accounts.count * model.roles.count)
            strings.withBytes { text in
                func write(name: Int, account: Int, role: Int, userManagement: UserManagementKind?) -> Range<Int> {
                    // Inside the root, `users` or `groups`, and a principal's list.
                    var json = PrettyJSONWriter(valueAtDepth: 3)
                    json.summary(name: name, account: account, role: role, userManagement: userManagement, strings, text)
                    bytes += json.bytes
                    return (bytes.count - json.bytes.count)..<bytes.count
                }
                for entry in [model.groupEntries, model.userEntries].joined() {
                    for grant in entry.grants {
                        let pair = AccessModel.pairKey(grant.account, grant.role, roles: model.roles.count)
                        if self.grant[pair] == nil {
                            self.grant[pair] = write(name: grant.name, account: grant.account, role: grant.role, userManagement: nil)
                        }
                    }
                }
                for (kind, target) in model.userManagementTargets {
                    guard let name = model.profileNames.userManagementName else { continue }
                    userManagement[kind] = write(name: name, account: target.account, role: target.role, userManagement: kind)
                }
            }
        }
    }

    /// Whether the file at `path` holds exactly this manifest; nil when there is no file.
    /// The pieces are compared as they are written, up to the first difference, so neither
    /// version is ever whole in memory.
    func isWritten(at path: String) throws -> Bool? {
        guard let old = try FileReader(path, owner: .orgprofile) else { return nil }
        struct Differs: Error {}
        do {
            try write { piece in
                guard piece.hasSameBytes(as: try old.read(piece.count)) else { throw Differs() }
            }
        } catch is Differs {
            return false
        }
        return try old.read(1).isEmpty
    }

    /// Writes the manifest to `path` in pieces, replacing the file atomically (a failure
    /// leaves the old file, and the writer removes what it wrote).
    func write(to path: String, fault: WriteFault?) throws {
        let writer = try AtomicFileWriter(path: path, fault: fault)
        try write { piece in try writer.append(piece) }
        try writer.commit()
    }

    /// The whole file at once: for small outputs and for showing a difference.
    func bytes() -> [UInt8] {
        var bytes: [UInt8] = []
        write { bytes += $0 }
        return bytes
    }
}

extension PrettyJSONWriter {
    /// A profile's `ProfileSummary`: keys in byte order, absent optionals left out.
    fileprivate mutating func summary(
        name: Int, account: Int, role: Int, userManagement: UserManagementKind?, _ strings: ProfileStrings, _ bytes: ProfileStrings.Bytes
    ) {
        beginObject()
        field("account".utf8, bytes[strings.accountKey[account]])
        field("account_id".utf8, bytes[strings.accountID[account]])
        // Settings are sorted by key, and keys are ASCII: byte order.
        let settings = strings.settingsStart[account]..<strings.settingsStart[account + 1]
        if settings.contains(where: { strings.settingRunsCommand[$0] }) {
            key("commands")
            beginObject()
            for setting in settings where strings.settingRunsCommand[setting] {
                field(bytes[strings.settingKey[setting]], bytes[strings.settingValue[setting]])
            }
            endObject()
        }
        field("name".utf8, bytes[strings.profileName[name]])
        field("region".utf8, bytes[strings.region[account]])
        field("role".utf8, bytes[strings.role[role]])
        if let userManagement { field("user_management".utf8, bytes[strings.userManagementTarget[userManagement]!]) }
        endObject()
    }
}
