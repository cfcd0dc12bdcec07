import Foundation

/// The two streams a command writes to: its result on standard output, and diagnostics,
/// progress and notes on standard error.
enum Terminal {
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Set once, while the arguments are parsed, by `--no-color`.
    nonisolated(unsafe) static var colorRefused = false

    /// Whether colour is wanted at all: `--no-color`, or `NO_COLOR` set to anything, says no (no-color.org).
    static var colorAllowed: Bool { !colorRefused && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty }

    /// Colour on standard output: a terminal, and colour allowed. Every coloured output asks this.
    static var standardOutputShowsColor: Bool { standardOutputIsTerminal && colorAllowed }

    /// Colour on standard error (diagnostics), by the same rule.
    static var standardErrorShowsColor: Bool { standardErrorIsTerminal && colorAllowed }

    static func writeToStandardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
