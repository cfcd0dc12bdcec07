import Foundation

/// The two streams a command writes to: its result on standard output, and diagnostics,
/// progress and notes on standard error.
enum Terminal {
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static func writeToStandardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
