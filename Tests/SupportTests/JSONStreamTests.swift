import Support
import Testing

/// The streamed JSON is byte for byte what the encoder writes for the same document whole,
/// in both layouts, so a streamed document and an encoded one never differ.
@Suite struct JSONStreamTests {
    struct Entry: Encodable, Equatable {
        var name: String
        var tags: [String]
        var size: Int
    }

    struct Document: Encodable {
        var empty: [Int]
        var entries: [String: [Entry]]
        var nothing: [String: Int]
        var quoted: String
    }

    static let document = Document(
        empty: [],
        entries: [
            "a \"quoted\" </script> key": [Entry(name: "tab\there", tags: [], size: 1)], "b": [],
            "c": [Entry(name: "plain", tags: ["x", "y"], size: -3), Entry(name: "é/ü", tags: ["<"], size: 0)],
        ],
        nothing: [:], quoted: "line\nbreak")

    /// The document through the stream: containers opened and closed by hand, entries as values.
    static func streamed(_ layout: JSONStream.Layout, htmlSafe: Bool = false) -> [UInt8] {
        var json = JSONStream(layout, htmlSafe: htmlSafe)
        var pieces: [UInt8] = []
        json.openObject()
        json.key("empty")
        json.openArray()
        json.close()
        json.key("entries")
        json.openObject()
        for key in document.entries.keys.sorted() {
            json.key(key)
            json.openArray()
            for (index, entry) in document.entries[key]!.enumerated() {
                // Encoded once and appended, or written as a value: the same bytes.
                if index == 0 { json.append(encoded: json.encoding(entry)) } else { json.value(entry) }
                pieces += json.take()
            }
            json.close()
        }
        json.close()
        json.key("nothing")
        json.value([String: Int]())
        json.key("quoted")
        json.string(document.quoted)
        json.close()
        return pieces + json.take()
    }

    @Test func prettyIsWhatTheEncoderWritesWhole() {
        #expect(String(decoding: Self.streamed(.pretty), as: UTF8.self) == JSON.encode(Self.document))
    }

    @Test func compactIsOneLineAndHTMLSafeEscapesEveryLessThan() {
        let line = String(JSON.line(Self.document).dropLast())
        #expect(String(decoding: Self.streamed(.compact), as: UTF8.self) == line)
        let safe = String(decoding: Self.streamed(.compact, htmlSafe: true), as: UTF8.self)
        #expect(safe == line.replacingOccurrences(of: "<", with: "\\u003c"))
        #expect(!safe.contains("<"))
    }

    /// Deeper than the indentation made ahead of time, the layout is the encoder's still.
    @Test func deepNesting() {
        var json = JSONStream(.pretty)
        for _ in 0..<12 { json.openArray() }
        json.integer(1)
        json.value([String: Int]())
        for _ in 0..<12 { json.close() }
        var expected: JSONValue = [.integer(1), .object([:])]
        for _ in 0..<11 { expected = [expected] }
        #expect(String(decoding: json.take(), as: UTF8.self) == JSON.encode(expected))
    }

    @Test func numbersAndFlatValues() {
        var json = JSONStream(.compact)
        json.openArray()
        for number in [0, -12, Int.max] { json.integer(number) }
        json.string("")
        json.close()
        #expect(String(decoding: json.take(), as: UTF8.self) == "[0,-12,\(Int.max),\"\"]")
        #expect(json.bytes.isEmpty)
    }
}
