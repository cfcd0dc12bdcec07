import Foundation
import TestSupport
import Testing

/// Two runs on one target at the same time: the second waits for the first and works on
/// what it left, so neither loses the other's work.
@Suite struct ConcurrencyTests {
    /// A second org.yaml, of project `beta`, beside the example of project `acme`.
    static func betaOrg(in folder: String) throws {
        let beta = try text(folder + "/org.yaml")
            .replacingOccurrences(of: "project: acme", with: "project: beta")
            .replacingOccurrences(of: "name: acme", with: "name: beta")
        try beta.write(toFile: folder + "/beta.yaml", atomically: true, encoding: .utf8)
    }

    @Test func twoInstallsOfDifferentProjectsKeepBothBlocks() throws {
        let home = try InstallCommandTests.Home()
        defer { home.remove() }
        try Self.betaOrg(in: home.folder)
        #expect(try home.orgprofile("compile", "beta.yaml", "--out", "beta").status == 0)
        for trial in 1...30 {
            try home.writeConfig("[default]\nregion = eu-west-1\n")
            let results = try runTogether(
                [(binary, ["install", "--from", "dist/users/bob/config"]), (binary, ["install", "--from", "beta/users/bob/config"])],
                in: home.folder, environment: home.environment)
            for result in results { #expect(result.status == 0, "trial \(trial): \(result.stderr)") }
            let config = try text(home.config)
            #expect(config.hasPrefix("[default]\nregion = eu-west-1\n"), "trial \(trial)")
            #expect(
                config.contains("# >>> orgprofile acme:") && config.contains("# <<< orgprofile acme <<<"),
                "trial \(trial): acme's block is lost")
            #expect(
                config.contains("# >>> orgprofile beta:") && config.contains("# <<< orgprofile beta <<<"),
                "trial \(trial): beta's block is lost")
            #expect(
                !FileManager.default.fileExists(atPath: home.folder + "/home/.aws/.config.orgprofile-lock"),
                "trial \(trial): the lock file stays")
        }
    }

    @Test func twoCompilesOfDifferentVersionsLeaveOneWholeVersion() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The second version drops two users and a group, and changes the region everywhere.
        let second = try text(folder + "/org.yaml")
            .replacingOccurrences(of: "  region: us-west-2\n  settings:", with: "  region: eu-central-1\n  settings:")
            .replacingOccurrences(of: "  dave:\n    groups: [platform]\n", with: "")
            .replacingOccurrences(of: "  erin:\n", with: "  erin:\n    disabled: true\n")
        #expect(second != (try text(folder + "/org.yaml")))
        try second.write(toFile: folder + "/second.yaml", atomically: true, encoding: .utf8)
        #expect(try orgprofile("compile", "org.yaml", "--out", "first-alone", in: folder).status == 0)
        #expect(try orgprofile("compile", "second.yaml", "--out", "second-alone", in: folder).status == 0)
        let versions = [tree(folder + "/first-alone"), tree(folder + "/second-alone")]
        #expect(versions[0] != versions[1])
        for trial in 1...10 {
            let results = try runTogether(
                [(binary, ["compile", "org.yaml", "--out", "dist"]), (binary, ["compile", "second.yaml", "--out", "dist"])], in: folder)
            for result in results { #expect(result.status == 0, "trial \(trial): \(result.stderr)") }
            let written = tree(folder + "/dist")
            #expect(versions.contains(written), "trial \(trial): the folder is neither version: \(written.keys.sorted())")
        }
    }

    /// Another process holding orgprofile's lock, as a slow run would: it writes who it is
    /// into the lock file, says `locked` on its standard output (the handshake `init` waits
    /// for), and holds the lock until `release()` closes its standard input.
    final class LockHolder {
        let process = Process()
        let input = Pipe()
        let output = Pipe()

        init(_ path: String, describedAs description: String) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", "-c",
                "import fcntl,sys; f=open(sys.argv[1],'w'); fcntl.flock(f, fcntl.LOCK_EX); f.write(sys.argv[2]); f.flush(); print('locked', flush=True); sys.stdin.read()",
                path, description,
            ]
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            let said = output.fileHandleForReading.readData(ofLength: 7)
            #expect(String(decoding: said, as: UTF8.self) == "locked\n")
        }

        func release() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    @Test func aRunWaitsForTheHolderAndSaysWhoItIs() throws {
        let home = try InstallCommandTests.Home()
        defer { home.remove() }
        try home.writeConfig("")
        let lock = home.folder + "/home/.aws/.config.orgprofile-lock"
        let holder = try LockHolder(lock, describedAs: "a test holder (pid 1)")
        let waiting = Process()
        waiting.executableURL = URL(fileURLWithPath: binary)
        waiting.arguments = ["install", "--from", "dist/users/bob/config"]
        waiting.currentDirectoryURL = URL(fileURLWithPath: home.folder)
        waiting.environment = home.environment
        let errors = Pipe()
        (waiting.standardError, waiting.standardOutput, waiting.standardInput) = (errors, FileHandle.nullDevice, FileHandle.nullDevice)
        try waiting.run()
        // Let go once the run says it waits (a blocking read of its standard error, no polling):
        // it must then go on with the lock.
        var said = Data()
        while !said.contains(UInt8(ascii: "\n")) {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            said += chunk
        }
        holder.release()
        said += errors.fileHandleForReading.readDataToEndOfFile()
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0, "\(String(decoding: said, as: UTF8.self))")
        #expect(String(decoding: said, as: UTF8.self) == "orgprofile: waiting for a test holder (pid 1) to finish (it holds \(lock))\n")

        // A holder that never lets go: the run gives up after the timeout, changing nothing.
        let before = try text(home.config)
        let stuck = try LockHolder(lock, describedAs: "a stuck holder")
        let gaveUp = try run(
            binary, ["install", "--from", "dist/users/alice/config", "--lock-timeout", "0.5"], in: home.folder,
            environment: home.environment)
        stuck.release()
        #expect(gaveUp.status == 74)
        #expect(
            gaveUp.stderr.contains("a stuck holder has held this lock for longer than 0.5 s; let it finish (or stop it) and run again"),
            "\(gaveUp.stderr)")
        #expect(try text(home.config) == before)
    }
}
