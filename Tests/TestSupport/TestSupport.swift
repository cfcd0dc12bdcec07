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

/// Runs a program found on PATH to completion, standard input closed, its output captured in
/// files (no pipe to fill up): its exit status, standard output and standard error.
public func runProgram(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let capture = NSTemporaryDirectory() + "orgprofile-program-\(UUID().uuidString)"
    defer { for suffix in [".out", ".err"] { try? FileManager.default.removeItem(atPath: capture + suffix) } }
    for suffix in [".out", ".err"] { _ = FileManager.default.createFile(atPath: capture + suffix, contents: nil) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [name] + arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: capture + ".out"))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: capture + ".err"))
    try process.run()
    process.waitUntilExit()
    let text = { (suffix: String) in String(decoding: FileManager.default.contents(atPath: capture + suffix) ?? Data(), as: UTF8.self) }
    return (process.terminationStatus, text(".out"), text(".err"))
}
