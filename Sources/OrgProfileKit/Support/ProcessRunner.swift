import Foundation

/// Runs another program (`git`, `aws`) to completion: the one way orgprofile starts a
/// process. The program is found on PATH through `/usr/bin/env`; standard input is closed.
public enum ProcessRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var output: [UInt8]
        /// Standard error, as text.
        public var error: String
    }

    /// A program that could not be started at all (not on PATH, not executable).
    public struct LaunchFailure: Error, CustomStringConvertible {
        public var program: String
        public var reason: String
        public var description: String { "cannot run \(program): \(reason)" }
    }

    /// Runs `program` with `arguments`; `environment` replaces the inherited one when given.
    /// Standard error goes to a temporary file, so neither stream can fill its pipe while
    /// the other is read.
    public static func run(_ program: String, _ arguments: [String], in folder: String? = nil, environment: [String: String]? = nil) throws
        -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        if let environment { process.environment = environment }
        let output = Pipe()
        let errorPath = NSTemporaryDirectory() + "orgprofile-stderr-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: errorPath, contents: nil), let errorFile = FileHandle(forWritingAtPath: errorPath)
        else {
            throw LaunchFailure(program: program, reason: "cannot create a temporary file in \(NSTemporaryDirectory())")
        }
        defer {
            try? errorFile.close()
            unlink(errorPath)
        }
        process.standardOutput = output
        process.standardError = errorFile
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw LaunchFailure(program: program, reason: error.localizedDescription)
        }
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // env exits 127 when it cannot find the program.
        if process.terminationStatus == 127, bytes.isEmpty {
            throw LaunchFailure(program: program, reason: "not found on PATH")
        }
        let error = FileManager.default.contents(atPath: errorPath) ?? Data()
        return Result(status: process.terminationStatus, output: Array(bytes), error: String(decoding: error, as: UTF8.self))
    }
}
