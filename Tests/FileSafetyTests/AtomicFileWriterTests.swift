import Foundation
import TestSupport
import Testing

@testable import FileSafety

/// Every way an atomic write can end closes its file exactly once and leaves no temporary
/// file; only a commit changes the target.
@Suite struct AtomicFileWriterTests {
    /// Counts closes by path, through the write fault seam.
    final class Closes: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]

        func record(_ path: String) { lock.withLock { counts[(path as NSString).lastPathComponent, default: 0] += 1 } }
        var all: [String: Int] { lock.withLock { counts } }
    }

    struct Failure: Error {}

    /// Runs `body` with a writer for `folder/config` (which holds "old"), and returns the
    /// closes counted, the error thrown, and what the folder then holds.
    func ending(
        failAtStart: Int32? = nil, _ body: (consuming AtomicFileWriter) throws -> Void
    ) throws -> (closes: [String: Int], error: Error?, files: [String: String]) {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "old".write(toFile: folder + "/config", atomically: false, encoding: .utf8)
        let closes = Closes()
        let fault = WriteFault(failure: { _ in failAtStart }, closed: closes.record)
        var thrown: Error?
        do {
            try body(try AtomicFileWriter(path: folder + "/config", fault: fault))
        } catch {
            thrown = error
        }
        let files = tree(folder).mapValues { String(decoding: $0, as: UTF8.self) }
        return (closes.all, thrown, files)
    }

    var temporary: String { ".config.orgprofile-tmp-\(getpid())" }

    @Test func aCommitClosesOnceAndReplaces() throws {
        let result = try ending { writer in
            try writer.append(Array("new".utf8))
            try writer.commit()
        }
        #expect(result.error == nil)
        #expect(result.closes == [temporary: 1])
        #expect(result.files == ["config": "new"])
    }

    @Test func aWriteFailingAtItsStartClosesOnce() throws {
        let result = try ending(failAtStart: ENOSPC) { _ in Issue.record("no writer expected") }
        #expect((result.error as? FileError)?.reason == "No space left on device")
        #expect(result.closes == [temporary: 1])
        #expect(result.files == ["config": "old"])
    }

    /// What `ManifestStream.write(to:)` does when producing a piece fails: the writer is
    /// dropped after some appends.
    @Test func aWriterDroppedAfterAppendsClosesOnce() throws {
        let result = try ending { writer in
            try writer.append(Array("half".utf8))
            throw Failure()
        }
        #expect(result.error is Failure)
        #expect(result.closes == [temporary: 1])
        #expect(result.files == ["config": "old"])
    }

    @Test func aCheckBeforeTheRenameThatThrowsClosesOnce() throws {
        let result = try ending { writer in
            try writer.append(Array("new".utf8))
            try writer.commit(beforeRename: { throw Failure() })
        }
        #expect(result.error is Failure)
        #expect(result.closes == [temporary: 1])
        #expect(result.files == ["config": "old"])
    }

    @Test func aFailedRenameClosesOnce() throws {
        let result = try ending { writer in
            try writer.append(Array("new".utf8))
            // A folder where the file goes: the rename fails after the file is closed.
            try FileManager.default.removeItem(atPath: writer.path)
            try FileManager.default.createDirectory(atPath: writer.path + "/inside", withIntermediateDirectories: true)
            try writer.commit()
        }
        #expect((result.error as? FileError)?.reason == "Is a directory")
        #expect(result.closes == [temporary: 1])
        #expect(result.files == [:])
    }
}
