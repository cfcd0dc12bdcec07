import Foundation
import OrgYAML

/// The root of the package, found from this file's path.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A small deterministic random number generator (SplitMix64) for seeded tests, so a
/// failing trial can be replayed.
public struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fresh empty folder under the system's temporary folder, removed by the caller.
public func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "orgprofile-test-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Every regular file under a folder, by relative path.
public func tree(_ folder: String) -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let path = enumerator?.nextObject() as? String {
        var isFolder: ObjCBool = false
        let full = (folder as NSString).appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
            files[path] = FileManager.default.contents(atPath: full)
        }
    }
    return files
}

/// Whether this machine has a python3 that can import botocore (the AWS CLI's parser);
/// tests that need it are skipped, with a message, where it does not.
public let python3WithBotocore: Bool = (try? runProgram("python3", ["-c", "import botocore"]))?.status == 0

/// The golden-file rule the test targets use: compares text with a file under
/// Tests/OrgProfileKitTests/Fixtures and returns why they differ (nil when equal). With
/// ORGPROFILE_RECORD set in the environment, a file that differs is written anew and the
/// comparison still fails, so that a recording run never passes over a changed file.
public func goldenMismatch(_ actual: String, fixture: String) throws -> String? {
    let path = packageRoot.appendingPathComponent("Tests/OrgProfileKitTests/Fixtures/\(fixture)").path
    let expected = try? String(contentsOfFile: path, encoding: .utf8)
    if actual == expected { return nil }
    guard ProcessInfo.processInfo.environment["ORGPROFILE_RECORD"] != nil else {
        return "\(fixture) differs; if the change is intended, rerun with ORGPROFILE_RECORD=1"
    }
    try actual.write(toFile: path, atomically: true, encoding: .utf8)
    return "\(fixture) was recorded anew; review it with git diff, then run the tests without ORGPROFILE_RECORD"
}

/// Writes a script the tests then run as a program. The file is opened close-on-exec: a
/// descriptor open for writing that a process started meanwhile by another test inherited
/// would make running the script fail with "Text file busy" for as long as that process lives.
public func writeExecutable(_ text: String, to path: String) throws {
    let temporary = path + ".writing"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    let bytes = Array(text.utf8)
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
    guard written == bytes.count, rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}

/// A small valid org.yaml that tests change one piece of at a time.
public let validOrg = """
    version: 1
    project: acme
    sso_session:
      start_url: https://acme.awsapps.com/start
      region: us-west-2
    accounts:
      infrastructure:
        id: "222222222222"
      workload-development:
        id: "333333333333"
    roles:
      Developer: {}
      ReadOnlyAccess:
        profile_suffix: readonly
    groups:
      developers:
        assignments:
          - role: Developer
            accounts: [workload-development]
    users:
      bob:
        groups: [developers]
        assignments:
          - role: ReadOnlyAccess
            accounts: [infrastructure]

    """

/// Diagnostics each as `LINE:COLUMN: severity[code]: message`, notes on lines of their own as
/// `LINE:COLUMN: note: message`, in the order given.
public func diagnosticLines(_ diagnostics: [Diagnostic]) -> [String] {
    func format(_ location: OrgYAML.SourceLocation?, _ severity: String, _ message: String) -> String {
        guard let location else { return "\(severity): \(message)" }
        return "\(location.line):\(location.column): \(severity): \(message)"
    }
    return diagnostics.flatMap { diagnostic in
        [format(diagnostic.location, "\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]", diagnostic.message)]
            + diagnostic.notes.map { format($0.location, "note", $0.message) }
    }
}

/// How a program ended and what it printed.
public struct RunResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs a program to completion in a folder, with standard input closed.
public func run(_ executable: String, _ arguments: [String], in folder: String? = nil, environment: [String: String]? = nil) throws
    -> RunResult
{
    try Started(executable, arguments, in: folder, environment: environment).finish()
}

/// Runs several programs at the same time and waits for all of them.
public func runTogether(
    _ commands: [(executable: String, arguments: [String])], in folder: String? = nil, environment: [String: String]? = nil
)
    throws -> [RunResult]
{
    let started = try commands.map { try Started($0.executable, $0.arguments, in: folder, environment: environment) }
    return started.map { $0.finish() }
}

/// A program started with its output captured in files (nothing to drain concurrently, no
/// pipe to fill up).
public struct Started {
    public let process = Process()
    let capture = NSTemporaryDirectory() + "orgprofile-run-\(UUID().uuidString)"

    public init(_ executable: String, _ arguments: [String], in folder: String?, environment: [String: String]?) throws {
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

    public func finish() -> RunResult {
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

/// A program found on PATH (through `/usr/bin/env`), run to completion.
public func runProgram(_ name: String, _ arguments: [String]) throws -> RunResult {
    try run("/usr/bin/env", [name] + arguments)
}
