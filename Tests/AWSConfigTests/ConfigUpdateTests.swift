import Foundation
import TestSupport
import Testing

@testable import AWSConfig
@testable import FileSafety

/// Another program that edits ~/.aws/config between orgprofile's read and its replace never
/// loses its edit.
@Suite struct ConfigUpdateTests {
    /// A plan that appends a line to whatever the file holds.
    static func appending(_ config: [UInt8]?) -> (plan: Int, bytes: [UInt8]) {
        (0, (config ?? []) + Array("[profile added]\n".utf8))
    }

    /// Appends to a file once, as another program would, the first time it is called.
    final class OneEdit: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        func edit(_ path: String) {
            lock.lock()
            defer { lock.unlock() }
            guard !done else { return }
            done = true
            let handle = FileHandle(forUpdatingAtPath: path)!
            handle.seekToEndOfFile()
            handle.write(Data("[profile theirs]\n".utf8))
            handle.closeFile()
        }
    }

    @Test func aChangeMadeMeanwhileIsKeptAndPlannedAgain() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config"
        try "[default]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let other = OneEdit()
        var plans = 0
        let edit: @Sendable (String) -> Void = { other.edit($0) }
        let outcome = try ConfigUpdate.run(path, holder: "test", beforeReplace: edit) { config in
            plans += 1
            return Self.appending(config)
        }
        #expect(plans == 2)
        #expect(outcome.replaced)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "[default]\n[profile theirs]\n[profile added]\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/.config.orgprofile-lock"))
    }

    @Test func aProgramThatKeepsChangingTheFileMakesTheUpdateGiveUp() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config"
        try "[default]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let edits = NSLock()
        nonisolated(unsafe) var count = 0
        let keepEditing: @Sendable (String) -> Void = { path in
            edits.lock()
            count += 1
            edits.unlock()
            try? "[default]\n# edit \(count)\n".write(toFile: path, atomically: false, encoding: .utf8)
        }
        #expect(throws: FileError.self) {
            _ = try ConfigUpdate.run(path, holder: "test", beforeReplace: keepEditing, plan: Self.appending)
        }
        #expect(count == ConfigUpdate.attempts)
        // The other program's last edit stands; nothing of orgprofile's was written over it.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "[default]\n# edit \(ConfigUpdate.attempts)\n")
    }

    @Test func aFileThatAppearsMeanwhileIsNotOverwritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config"
        let other = OneEdit()
        let create: @Sendable (String) -> Void = { path in
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: Data()) }
            other.edit(path)
        }
        _ = try ConfigUpdate.run(path, holder: "test", beforeReplace: create, plan: Self.appending)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "[profile theirs]\n[profile added]\n")
    }
}
