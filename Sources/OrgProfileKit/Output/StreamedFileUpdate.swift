import FileSafety

/// Writes a file produced in pieces only when its bytes differ from the file already
/// there. Pieces are compared with the old file as they come; on the first difference a
/// temporary file starts, with the identical prefix copied from the old file, and takes
/// every piece after. Nothing is written when the bytes are the same, and memory holds one
/// piece at a time.
struct StreamedFileUpdate {
    let path: String
    private var old: RegularFileReader?
    /// Bytes of the old file equal to the pieces so far (while no temporary file exists).
    private var matched = 0
    private var writer: AtomicFileWriter?
    private let fault: WriteFault?

    init(path: String, fault: WriteFault? = nil) throws {
        self.path = path
        self.fault = fault
        old = try RegularFileReader(path: path)
    }

    mutating func append(_ piece: [UInt8]) throws {
        if writer == nil, let old {
            if piece.hasSameBytes(as: try old.read(piece.count)) {
                matched += piece.count
                return
            }
            try startWriting()
        }
        if writer == nil { try startWriting() }
        try writer!.append(piece)
    }

    /// Finishes the update; returns whether the file was written.
    mutating func finish() throws -> Bool {
        defer { old?.close() }
        if writer == nil {
            // Every piece matched: the same file, unless the old one is longer.
            guard let old else {
                try startWriting()
                return try commit()
            }
            if try old.read(1).isEmpty { return false }
            try startWriting()
        }
        return try commit()
    }

    private mutating func commit() throws -> Bool {
        try writer!.commit()
        return true
    }

    private mutating func startWriting() throws {
        var writer = try AtomicFileWriter(path: path, fault: fault)
        do {
            if let old, matched > 0 {
                // The old file is not compared any more once writing starts: read its prefix again.
                try old.rewind()
                var offset = 0
                while offset < matched {
                    let piece = try old.read(min(1 << 16, matched - offset))
                    // The old file shrank under us: it no longer holds the prefix it had.
                    if piece.isEmpty { throw FileError(path: path, reason: "changed while orgprofile was reading it") }
                    try writer.append(piece)
                    offset += piece.count
                }
            }
        } catch {
            writer.abandon()
            throw error
        }
        self.writer = writer
    }

    /// Drops a started temporary file (after an error elsewhere).
    func abandon() {
        writer?.abandon()
        old?.close()
    }
}
