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
