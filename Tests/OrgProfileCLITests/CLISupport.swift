import Foundation
import TestSupport
import Testing

let examplePath = packageRoot.appendingPathComponent("org.yaml.example").path
let goldenFolder = packageRoot.appendingPathComponent("examples/dist").path

/// The built `orgprofile` binary, beside the test bundle in the build folder.
let binary: String = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("orgprofile").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder.deleteLastPathComponent()
    }
    return Bundle.main.bundleURL.appendingPathComponent("orgprofile").path
}()

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion in a folder, with standard input closed.
func run(_ executable: String, _ arguments: [String], in folder: String? = nil, environment: [String: String]? = nil) throws -> RunResult {
    try Started(executable, arguments, in: folder, environment: environment).finish()
}

/// Runs several programs at the same time and waits for all of them.
func runTogether(_ commands: [(executable: String, arguments: [String])], in folder: String? = nil, environment: [String: String]? = nil)
    throws -> [RunResult]
{
    let started = try commands.map { try Started($0.executable, $0.arguments, in: folder, environment: environment) }
    return started.map { $0.finish() }
}

/// A program started with its output captured in files (nothing to drain concurrently, no
/// pipe to fill up).
struct Started {
    let process = Process()
    let capture = NSTemporaryDirectory() + "orgprofile-run-\(UUID().uuidString)"

    init(_ executable: String, _ arguments: [String], in folder: String?, environment: [String: String]?) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        if let environment { process.environment = environment }
        _ = FileManager.default.createFile(atPath: capture + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: capture + ".err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: capture + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: capture + ".err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    func finish() -> RunResult {
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(atPath: capture + ".out")
            try? FileManager.default.removeItem(atPath: capture + ".err")
        }
        let stdout = FileManager.default.contents(atPath: capture + ".out") ?? Data()
        let stderr = FileManager.default.contents(atPath: capture + ".err") ?? Data()
        return RunResult(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// Runs the built orgprofile.
func orgprofile(arguments: [String], in folder: String? = nil) throws -> RunResult {
    try run(binary, arguments, in: folder)
}

func orgprofile(_ arguments: String..., in folder: String? = nil) throws -> RunResult {
    try run(binary, arguments, in: folder)
}

/// A fresh folder holding org.yaml.example, and a copy of it as org.yaml; removed by the caller.
func workspace() throws -> String {
    let path = NSTemporaryDirectory() + "orgprofile-cli-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: examplePath, toPath: path + "/org.yaml")
    try FileManager.default.copyItem(atPath: examplePath, toPath: path + "/org.yaml.example")
    return path
}

func inode(_ path: String) throws -> UInt64 {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
}

func text(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

/// Compares output with a golden file of the review fixtures; with ORGPROFILE_RECORD set,
/// a file that differs is written anew (and the test fails).
func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let mismatch = try goldenMismatch(actual, fixture: "review/\(name)")
    #expect(mismatch == nil, "\(mismatch ?? "")", sourceLocation: sourceLocation)
}
