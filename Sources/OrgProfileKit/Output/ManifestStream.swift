import FileSafety
import Foundation
import OrgYAML
import Support

/// `manifest.json` of one compile, byte for byte what `JSON.encode` writes for its `Manifest`
/// (a test holds it to that), written through `JSONStream` in pieces of about 64 KiB: the
/// profile lists of the whole org (most of the manifest; 122 MB for 10,000 people with 60
/// profiles each) are never held as text at once, and each distinct profile's JSON, which many
/// principals share, is encoded once. The list of files comes first, so that
/// `Manifest.files(in:)` reads it without the rest.
struct ManifestStream {
    let generator: String
    let source: String
    /// Every file compile produces, sorted by path.
    let files: [Manifest.File]
    /// Each group's and user's profiles, as target numbers.
    let access: ResolvedAccess

    static let pieceSize = 1 << 16

    /// Calls `emit` with consecutive pieces of the file, in order.
    func write<Failure: Error>(_ emit: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        var json = JSONStream(.pretty)
        json.bytes.reserveCapacity(Self.pieceSize * 2)
        /// Hands over what is written once it fills a piece.
        func emitWhenFull() throws(Failure) {
            if json.bytes.count >= Self.pieceSize { try emit(json.take()) }
        }
        /// An entry is fixed by the profile's target, which many principals share.
        var entries = [[UInt8]?](repeating: nil, count: access.profiles.count)
        /// The groups or users member: an object of profile lists, keys sorted by their UTF-8
        /// bytes as `JSON` sorts them.
        func profiles(of principals: [ResolvedAccess.Entry]) throws(Failure) {
            json.openObject()
            let sorted = principals.indices.sorted {
                principals[$0].principal.name.utf8.lexicographicallyPrecedes(principals[$1].principal.name.utf8)
            }
            for principal in sorted {
                json.key(principals[principal].principal.name)
                json.openArray()
                for target in principals[principal].targets.map(Int.init) {
                    let entry = entries[target] ?? json.encoding(access.profiles[target])
                    entries[target] = entry
                    json.append(encoded: entry)
                }
                json.close()
                try emitWhenFull()
            }
            json.close()
        }
        // The members in sorted order; the files one by one (a tree of 20,000 of them in
        // JSONEncoder was the largest thing a large compile held).
        json.openObject()
        json.key("files")
        json.openArray()
        for file in files {
            json.openObject()
            json.key("path")
            json.string(file.path)
            json.key("sha256")
            json.string(file.sha256)
            json.close()
            try emitWhenFull()
        }
        json.close()
        json.key("generator")
        json.string(generator)
        json.key("groups")
        try profiles(of: access.groups)
        json.key("source")
        json.string(source)
        json.key("users")
        try profiles(of: access.users)
        json.close()
        try emit(json.take())
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
