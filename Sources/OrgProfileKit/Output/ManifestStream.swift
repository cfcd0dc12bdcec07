/// `manifest.json` of one compile, produced in pieces of about 64 KiB: the files with their
/// sha256, then each group's and each user's profiles, resolved again when their turn
/// comes. The profile lists of the whole org (most of the manifest) are never held at
/// once. The bytes are exactly what `Manifest.encoded()` gives for the same content.
struct ManifestStream {
    let generator: String
    let source: String
    /// Every file compile produces, sorted by path.
    let files: [Manifest.File]
    let model: AccessModel

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
            for principal in principals.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
                json.key(principal.name)
                json.beginArray()
                for profile in model.profiles(for: principal) { ProfileSummary(profile).write(to: &json) }
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
        // Keys in the byte order JSONEncoder sorts them in.
        json.field("generator", generator)
        try profiles(of: model.groups, under: "groups")
        json.field("source", source)
        try profiles(of: model.users, under: "users")
        json.endObject()
        json.finalNewline()
        try emit(json.take())
    }

    /// The whole file at once: for small outputs and for showing a difference.
    func bytes() -> [UInt8] {
        var bytes: [UInt8] = []
        write { bytes += $0 }
        return bytes
    }
}

extension ProfileSummary {
    /// One profile as JSONEncoder writes the `Codable` form: keys in byte order, absent
    /// optionals left out.
    func write(to json: inout PrettyJSONWriter) {
        json.beginObject()
        json.field("account", account)
        json.field("account_id", accountID)
        if let commands {
            json.key("commands")
            json.beginObject()
            for key in commands.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { json.field(key, commands[key]!) }
            json.endObject()
        }
        json.field("name", name)
        json.field("region", region)
        json.field("role", role)
        if let userManagement { json.field("user_management", userManagement) }
        json.endObject()
    }
}
