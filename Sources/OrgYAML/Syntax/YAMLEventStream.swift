import CLibYAML
import Dispatch
import Foundation
import Support

/// One libyaml event, copied out of libyaml so that it can cross to another thread.
struct YAMLEvent {
    enum Kind {
        case documentStart, scalar, sequenceStart, mappingStart, collectionEnd, alias, streamEnd, other
    }

    var kind: Kind
    var line: Int
    var column: Int
    /// A scalar's bytes, in the batch's `text`.
    var text: Range<Int> = 0..<0
    var style: YAMLScalar.Style = .plain
    /// Also in the batch's `text`, so that an event is a plain value: handing on hundreds of
    /// thousands of them copies no strings and counts no references.
    var anchor: Range<Int>?
    var tag: Range<Int>?
}

/// Where libyaml stopped on invalid YAML: its own words and marks.
struct YAMLSyntaxFailure {
    var problem: String
    var context: String?
    var problemLine: Int
    var problemColumn: Int
    var contextLine: Int
    var contextColumn: Int
}

/// libyaml's events for one document, parsed on a second core while the caller builds the
/// tree from the events already parsed. Events arrive in batches, in order; the last batch
/// ends with the end of the stream or with libyaml's syntax failure.
final class YAMLEventStream: @unchecked Sendable {
    struct Batch {
        var events: [YAMLEvent] = []
        var text: [UInt8] = []
        var failure: YAMLSyntaxFailure?
        var isLast = false
    }

    static let batchSize = 4096

    private let lock = NSLock()
    private let ready = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var batches: [Batch] = []
    private var cancelled = false

    /// Starts parsing `bytes`, which must stay valid until `finish()` returns, on a thread
    /// of its own (`Parallel.start`). The parser never waits for anything, so it always
    /// finishes, whoever waits for it.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        nonisolated(unsafe) let bytes = bytes
        Parallel.start { [self] in
            parse(bytes)
            finished.signal()
        }
    }

    /// The next batch, waiting for the parser when it is behind.
    func next() -> Batch {
        ready.wait()
        lock.lock()
        defer { lock.unlock() }
        return batches.removeFirst()
    }

    /// Stops the parser (if it still runs) and waits for it to let go of the bytes.
    func finish() {
        lock.lock()
        cancelled = true
        lock.unlock()
        finished.wait()
    }

    private func send(_ batch: Batch) -> Bool {
        lock.lock()
        batches.append(batch)
        let stop = cancelled
        lock.unlock()
        ready.signal()
        return !stop
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            let failure = YAMLSyntaxFailure(
                problem: "libyaml could not start", problemLine: 0, problemColumn: 0, contextLine: 0, contextColumn: 0)
            _ = send(Batch(failure: failure, isLast: true))
            return
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var batch = Batch()
        batch.events.reserveCapacity(Self.batchSize)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                batch.failure = YAMLSyntaxFailure(
                    problem: parser.problem.map { String(cString: $0) } ?? "invalid YAML",
                    context: parser.context.map { String(cString: $0) },
                    problemLine: Int(parser.problem_mark.line), problemColumn: Int(parser.problem_mark.column),
                    contextLine: Int(parser.context_mark.line), contextColumn: Int(parser.context_mark.column))
                batch.isLast = true
                _ = send(batch)
                return
            }
            let end = event.type == YAML_STREAM_END_EVENT
            batch.events.append(Self.copy(event, text: &batch.text))
            yaml_event_delete(&event)
            if end {
                batch.isLast = true
                _ = send(batch)
                return
            }
            if batch.events.count == Self.batchSize {
                guard send(batch) else { return }
                batch = Batch()
                batch.events.reserveCapacity(Self.batchSize)
            }
        }
    }

    private static func copy(_ event: yaml_event_t, text: inout [UInt8]) -> YAMLEvent {
        var copy = YAMLEvent(kind: .other, line: Int(event.start_mark.line), column: Int(event.start_mark.column))
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            copy.kind = .documentStart
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            copy.kind = .scalar
            let start = text.count
            if let value = data.value { text.append(contentsOf: UnsafeBufferPointer(start: value, count: data.length)) }
            copy.text = start..<text.count
            copy.style = style(data.style)
            copy.anchor = append(data.anchor, to: &text)
            copy.tag = append(data.tag, to: &text)
        case YAML_SEQUENCE_START_EVENT:
            copy.kind = .sequenceStart
            copy.anchor = append(event.data.sequence_start.anchor, to: &text)
            copy.tag = append(event.data.sequence_start.tag, to: &text)
        case YAML_MAPPING_START_EVENT:
            copy.kind = .mappingStart
            copy.anchor = append(event.data.mapping_start.anchor, to: &text)
            copy.tag = append(event.data.mapping_start.tag, to: &text)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            copy.kind = .collectionEnd
        case YAML_STREAM_END_EVENT:
            copy.kind = .streamEnd
        case YAML_ALIAS_EVENT:
            copy.kind = .alias
            copy.anchor = append(event.data.alias.anchor, to: &text) ?? text.endIndex..<text.endIndex
        default:
            break
        }
        return copy
    }

    /// A C string's bytes appended to `text`; where they are.
    private static func append(_ pointer: UnsafeMutablePointer<yaml_char_t>?, to text: inout [UInt8]) -> Range<Int>? {
        guard let pointer else { return nil }
        let start = text.count
        text.append(
            contentsOf: UnsafeBufferPointer(start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))))
        return start..<text.count
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
