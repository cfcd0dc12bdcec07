import Foundation
import TestSupport
import Testing

@testable import FileSafety

/// The one reader decides from what it opened, never from a path checked before.
@Suite struct FileReaderTests {
    /// A thread keeps replacing the path with a regular file and with a link to a secret
    /// file, each by an atomic rename; reading the path as orgprofile's own file meanwhile
    /// gets the regular file or nothing, never the secret. (Checking with `lstat` and then
    /// opening, which follows a link swapped in between, reads the secret within a few
    /// thousand tries here.)
    @Test func aLinkSwappedInWhileReadingIsNeverFollowed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (path, secret) = (folder + "/config", folder + "/secret")
        try "secret".write(toFile: secret, atomically: false, encoding: .utf8)
        try "mine".write(toFile: path, atomically: false, encoding: .utf8)
        let swaps = 20_000
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for swap in 0..<swaps {
                if swap % 2 == 0 {
                    symlink(secret, folder + "/link")
                    rename(folder + "/link", path)
                } else {
                    let file = open(folder + "/file", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                    _ = write(file, "mine", 4)
                    close(file)
                    rename(folder + "/file", path)
                }
            }
            done.signal()
        }
        var (reads, regular) = (0, 0)
        while done.wait(timeout: .now()) == .timedOut {
            let bytes = try FileSystem.read(path, owner: .orgprofile)
            #expect(bytes == nil || bytes == Array("mine".utf8))
            if bytes != nil { regular += 1 }
            reads += 1
        }
        // Both states were seen: the reads raced with the swaps.
        #expect(regular > 0 && regular < reads, "\(regular) of \(reads)")
    }

    @Test func orgprofilesOwnFilesAreRegularFilesOrNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "secret".write(toFile: folder + "/secret", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/secret")
        try FileManager.default.createDirectory(atPath: folder + "/folder", withIntermediateDirectories: false)
        #expect(mkfifo(folder + "/fifo", 0o600) == 0)
        try "mine".write(toFile: folder + "/file", atomically: false, encoding: .utf8)
        for absent in ["link", "folder", "fifo", "missing", "file/below"] {
            #expect(try FileSystem.read(folder + "/" + absent, owner: .orgprofile) == nil, "\(absent)")
        }
        #expect(try FileSystem.read(folder + "/file", owner: .orgprofile) == Array("mine".utf8))
    }

    @Test func aPersonsFileFollowsLinksAndIsAFileOrAnError() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "theirs".write(toFile: folder + "/dotfiles-config", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/config", withDestinationPath: folder + "/dotfiles-config")
        try FileManager.default.createDirectory(atPath: folder + "/folder", withIntermediateDirectories: false)
        #expect(mkfifo(folder + "/fifo", 0o600) == 0)
        #expect(try FileSystem.read(folder + "/config", owner: .person) == Array("theirs".utf8))
        #expect(try FileSystem.read(folder + "/missing", owner: .person) == nil)
        #expect(throws: FileError(path: folder + "/folder", reason: "is a folder, not a file")) {
            try FileSystem.read(folder + "/folder", owner: .person)
        }
        // Refused at once, without waiting for a writer.
        #expect(throws: FileError(path: folder + "/fifo", reason: "not a regular file")) {
            try FileSystem.read(folder + "/fifo", owner: .person)
        }
    }

    @Test func readsStopAtTheLimitAndInPieces() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "0123456789".write(toFile: folder + "/file", atomically: false, encoding: .utf8)
        #expect(try FileSystem.read(folder + "/file", owner: .person, limit: 4) == Array("0123".utf8))
        guard let reader = try FileReader(folder + "/file", owner: .orgprofile) else {
            Issue.record("the file is there")
            return
        }
        #expect(reader.size == 10)
        #expect(try reader.read(6) == Array("012345".utf8))
        #expect(try reader.read(6) == Array("6789".utf8))
        #expect(try reader.read(6) == [])
        try reader.rewind()
        #expect(try reader.readAll() == Array("0123456789".utf8))
    }
}
