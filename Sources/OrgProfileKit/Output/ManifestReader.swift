/// Reads the list of files from a `manifest.json`, piece by piece, without holding the
/// file (tens of megabytes for a large org) or its profile lists.
///
/// The whole file must be JSON, and its top level an object with `files` (a list of
/// objects with a string `path` and `sha256`), `generator` and `source` (strings), `users`
/// and `groups` (objects); otherwise it is not a manifest orgprofile wrote and nil is the
/// answer. What `users` and `groups` hold is only checked to be JSON.
struct ManifestReader {
    private let file: RegularFileReader
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    static let maximumDepth = 64

    /// The paths the manifest lists, in its order; nil when it is not a manifest.
    static func files(in file: RegularFileReader) throws -> [String]? {
        var reader = ManifestReader(file: file)
        return try reader.manifest()
    }

    private init(file: RegularFileReader) {
        self.file = file
    }

    private enum Invalid: Error { case invalid }

    private mutating func manifest() throws -> [String]? {
        do {
            var files: [String]?
            var strings: Set<String> = []
            var objects: Set<String> = []
            try expect(UInt8(ascii: "{"))
            try members { reader, key in
                switch key {
                case "files": files = try reader.fileList()
                case "generator", "source":
                    guard try reader.peek() == UInt8(ascii: "\"") else { throw Invalid.invalid }
                    _ = try reader.string(keeping: false)
                    strings.insert(key)
                case "users", "groups":
                    guard try reader.peek() == UInt8(ascii: "{") else { throw Invalid.invalid }
                    try reader.value(depth: 1)
                    objects.insert(key)
                default:
                    try reader.value(depth: 1)
                }
            }
            guard try peek() == nil, let files, strings.count == 2, objects.count == 2 else { return nil }
            return files
        } catch is Invalid {
            return nil
        }
    }

    private mutating func fileList() throws -> [String] {
        try expect(UInt8(ascii: "["))
        var paths: [String] = []
        try elements { reader in
            var path: String?
            var hasHash = false
            try reader.expect(UInt8(ascii: "{"))
            try reader.members { reader, key in
                let isString = try reader.peek() == UInt8(ascii: "\"")
                switch key {
                case "path" where isString: path = try reader.string(keeping: true)
                case "sha256" where isString:
                    _ = try reader.string(keeping: false)
                    hasHash = true
                case "path", "sha256": throw Invalid.invalid
                default: try reader.value(depth: 3)
                }
            }
            guard let path, hasHash else { throw Invalid.invalid }
            paths.append(path)
        }
        return paths
    }

    // MARK: JSON

    /// The members of an object whose `{` was read, through its `}`. Keys are decoded only
    /// when `keys` (else `each` gets an empty one).
    private mutating func members(keys: Bool = true, _ each: (inout ManifestReader, String) throws -> Void) throws {
        if try peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw Invalid.invalid }
            let key = try string(keeping: keys) ?? ""
            try expect(UInt8(ascii: ":"))
            try each(&self, key)
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return
            default: throw Invalid.invalid
            }
        }
    }

    /// The elements of an array whose `[` was read, through its `]`.
    private mutating func elements(_ each: (inout ManifestReader) throws -> Void) throws {
        if try peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            try each(&self)
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return
            default: throw Invalid.invalid
            }
        }
    }

    /// Reads any JSON value, checking its syntax and keeping nothing.
    private mutating func value(depth: Int) throws {
        guard depth < Self.maximumDepth, let first = try peek() else { throw Invalid.invalid }
        switch first {
        case UInt8(ascii: "{"):
            position += 1
            try members(keys: false) { reader, _ in try reader.value(depth: depth + 1) }
        case UInt8(ascii: "["):
            position += 1
            try elements { reader in try reader.value(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try string(keeping: false)
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try number()
        }
    }

    private mutating func literal(_ word: String) throws {
        for byte in word.utf8 where try nextRaw() != byte { throw Invalid.invalid }
    }

    private mutating func number() throws {
        var digits = 0
        if try peekRaw() == UInt8(ascii: "-") { position += 1 }
        while let byte = try peekRaw(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || ".eE+-".utf8.contains(byte) {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { digits += 1 }
            position += 1
        }
        if digits == 0 { throw Invalid.invalid }
    }

    /// A string whose opening quote is next; its decoded text when `keeping`.
    private mutating func string(keeping: Bool) throws -> String? {
        guard try next() == UInt8(ascii: "\"") else { throw Invalid.invalid }
        var bytes: [UInt8] = []
        while true {
            try skipPlainCharacters(keeping: keeping, into: &bytes)
            guard let byte = try nextRaw() else { throw Invalid.invalid }
            switch byte {
            case UInt8(ascii: "\""):
                guard keeping else { return nil }
                guard let text = String(validating: bytes, as: UTF8.self) else { throw Invalid.invalid }
                return text
            case UInt8(ascii: "\\"):
                guard let escaped = try nextRaw() else { throw Invalid.invalid }
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escaped)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"):
                    var value: UInt32 = 0
                    for _ in 0..<4 {
                        guard let digit = try nextRaw(), let nibble = Self.hexValue(digit) else { throw Invalid.invalid }
                        value = value << 4 | nibble
                    }
                    // Paths are plain ASCII; any other escaped character is kept as U+FFFD
                    // rather than pairing surrogates: such a path is never one compile owns.
                    bytes.append(contentsOf: String(Unicode.Scalar(value).map(Character.init) ?? "\u{FFFD}").utf8)
                default: throw Invalid.invalid
                }
            case 0..<0x20: throw Invalid.invalid
            default: if keeping { bytes.append(byte) }
            }
        }
    }

    /// Moves past the bytes a string holds as they are (no quote, backslash or control
    /// character), a whole buffer at a time; the bulk of a manifest.
    private mutating func skipPlainCharacters(keeping: Bool, into kept: inout [UInt8]) throws {
        while true {
            if position == buffer.count, try peekRaw() == nil { return }
            let start = position
            let end = buffer.withUnsafeBufferPointer { bytes in
                var index = start
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                    index += 1
                }
                return index
            }
            if keeping { kept.append(contentsOf: buffer[start..<end]) }
            position = end
            if end < buffer.count { return }
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try next() == byte else { throw Invalid.invalid }
    }

    // MARK: Bytes

    /// The next byte after whitespace, consumed.
    private mutating func next() throws -> UInt8? {
        let byte = try peek()
        if byte != nil { position += 1 }
        return byte
    }

    /// The next byte after whitespace, not consumed.
    private mutating func peek() throws -> UInt8? {
        while let byte = try peekRaw() {
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return byte }
            let start = position
            position = buffer.withUnsafeBufferPointer { bytes in
                var index = start
                while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                    index += 1
                }
                return index
            }
        }
        return nil
    }

    private mutating func nextRaw() throws -> UInt8? {
        let byte = try peekRaw()
        if byte != nil { position += 1 }
        return byte
    }

    private mutating func peekRaw() throws -> UInt8? {
        if position == buffer.count {
            guard !atEnd else { return nil }
            buffer = try file.read(1 << 16)
            position = 0
            if buffer.isEmpty {
                atEnd = true
                return nil
            }
        }
        return buffer[position]
    }
}
