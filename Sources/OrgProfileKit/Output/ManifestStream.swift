import FileSafety
import Foundation
import OrgYAML
import Support

/// `manifest.json` of one compile, byte for byte what `JSON.encode` writes for its `Manifest`
/// (a test holds it to that), produced in pieces of about 64 KiB: the profile lists of the
/// whole org (most of the manifest; 122 MB for 10,000 people with 60 profiles each) are never
/// held as text at once, and each distinct profile's JSON, which many principals share, is
/// encoded once. The list of files comes first and ends at the first line that is exactly
/// `  ]`, which is how `Manifest.files(in:)` reads it without the rest.
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
        var piece: [UInt8] = []
        piece.reserveCapacity(Self.pieceSize * 2)
        /// Hands over what is written once it fills a piece.
        func emitWhenFull() throws(Failure) {
            guard piece.count >= Self.pieceSize else { return }
            try emit(piece)
            piece.removeAll(keepingCapacity: true)
        }
        /// An entry is fixed by the profile's target, which many principals share.
        var entries = [[UInt8]?](repeating: nil, count: access.profiles.count)
        /// The groups or users member: an object of profile lists, as JSONEncoder lays one out
        /// at the second level (keys sorted by their UTF-8 bytes).
        func profiles(of principals: [ResolvedAccess.Entry]) throws(Failure) {
            piece.append(UInt8(ascii: "{"))
            let sorted = principals.indices.sorted {
                principals[$0].principal.name.utf8.lexicographicallyPrecedes(principals[$1].principal.name.utf8)
            }
            for (index, principal) in sorted.enumerated() {
                piece += index == 0 ? Self.firstKey : Self.nextKey
                piece += Self.string(principals[principal].principal.name)
                piece += Self.openList
                let held = principals[principal].targets
                for position in held.indices {
                    piece += position == 0 ? Self.firstEntry : Self.nextEntry
                    let target = Int(held[position])
                    if let entry = entries[target] {
                        piece += entry
                    } else {
                        let entry = Self.encoded(access.profiles[target], depth: 3)
                        entries[target] = entry
                        piece += entry
                    }
                }
                piece += held.isEmpty ? Self.closeEmptyList : Self.closeList
                try emitWhenFull()
            }
            piece += (sorted.isEmpty ? "\n\n  }" : "\n  }").utf8
        }
        // The members in sorted order, as JSONEncoder writes them; the files one by one (a
        // tree of 20,000 of them in JSONEncoder was the largest thing a large compile held).
        piece += "{\n  \"files\" : [".utf8
        for (index, file) in files.enumerated() {
            piece += index == 0 ? Self.firstFile : Self.nextFile
            piece += Self.string(file.path)
            piece += Self.fileSHA256
            piece += Self.string(file.sha256)
            piece += Self.closeFile
            try emitWhenFull()
        }
        piece += (files.isEmpty ? "\n\n  ]" : "\n  ]").utf8
        piece += ",\n  \"generator\" : ".utf8 + Self.encoded(generator, depth: 1)
        piece += ",\n  \"groups\" : ".utf8
        try profiles(of: access.groups)
        piece += ",\n  \"source\" : ".utf8 + Self.encoded(source, depth: 1)
        piece += ",\n  \"users\" : ".utf8
        try profiles(of: access.users)
        piece += "\n}\n".utf8
        try emit(piece)
    }

    private static let firstFile = Array("\n    {\n      \"path\" : ".utf8)
    private static let nextFile = Array(",\n    {\n      \"path\" : ".utf8)
    private static let fileSHA256 = Array(",\n      \"sha256\" : ".utf8)
    private static let closeFile = Array("\n    }".utf8)
    private static let firstKey = Array("\n    ".utf8)
    private static let nextKey = Array(",\n    ".utf8)
    private static let openList = Array(" : [".utf8)
    private static let firstEntry = Array("\n      ".utf8)
    private static let nextEntry = Array(",\n      ".utf8)
    private static let closeList = Array("\n    ]".utf8)
    private static let closeEmptyList = Array("\n\n    ]".utf8)

    /// A string in JSON (a name, a path, a digest): as it is between quotes when it has no
    /// character JSON escapes, as names and paths have none (`NameRules`); through the encoder
    /// otherwise.
    private static func string(_ text: String) -> [UInt8] {
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        return plain ? Array("\"\(text)\"".utf8) : encoded(text, depth: 0)
    }

    /// A value as `JSON.encode` writes it `depth` levels down: every line after the first
    /// indented by two spaces a level (the empty line of an empty list stays empty).
    private static func encoded(_ value: some Encodable, depth: Int) -> [UInt8] {
        let lines = JSON.encode(value).utf8.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let indent = Array(repeating: UInt8(ascii: " "), count: 2 * depth)
        var bytes = Array(lines[0])
        for line in lines.dropFirst() {
            bytes.append(UInt8(ascii: "\n"))
            if !line.isEmpty { bytes += indent + line }
        }
        return bytes
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
