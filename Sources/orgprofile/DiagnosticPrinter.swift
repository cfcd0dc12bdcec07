import Foundation
import OrgProfileKit
import OrgYAML

/// Prints the run's diagnostics on standard error, and counts them for the line the run
/// ends with. On a terminal, text diagnostics quote their source line with a caret under
/// the column, in colour unless `NO_COLOR` is set. One per run, made by `main` and handed
/// to the command (`Subcommand.run(printing:)`). It also owns the progress line a live read
/// shows on a terminal, and clears it before anything else is written.
final class DiagnosticPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [String: [UInt8]] = [:]
    private var errors = 0
    private var warnings = 0
    /// Whether the run printed text diagnostics (machine formats get no closing count).
    private var printedText = false
    /// Whether a progress line is on the terminal.
    private var progressShown = false

    /// Lets diagnostics in this file quote its lines.
    func quote(_ source: SourceFile) {
        lock.withLock { sources[source.name] = source.bytes }
    }

    func print(_ diagnostics: [Diagnostic], format: DiagnosticFormat) {
        guard !diagnostics.isEmpty else { return }
        let text: String = lock.withLock {
            for diagnostic in diagnostics {
                switch diagnostic.severity {
                case .error: errors += 1
                case .warning: warnings += 1
                case .note: break
                }
            }
            if format == .text { printedText = true }
            guard format == .text, Terminal.standardErrorIsTerminal else { return format.render(diagnostics) }
            return format.render(diagnostics, terminal: .init(color: Self.showsColor, sources: sources))
        }
        write(text)
    }

    /// Shows one line of progress on a terminal's standard error, in place of the one before;
    /// nothing when standard error is not a terminal.
    func progress(_ line: String) {
        guard Terminal.standardErrorIsTerminal else { return }
        lock.withLock {
            progressShown = true
            Terminal.writeToStandardError("\r\(line)\u{1B}[K")
        }
    }

    /// Clears the progress line, if one is shown.
    func clearProgress() {
        write("")
    }

    /// Writes to standard error, clearing the progress line first if one is shown.
    func write(_ text: String) {
        lock.withLock {
            if progressShown {
                progressShown = false
                Terminal.writeToStandardError("\r\u{1B}[K")
            }
            if !text.isEmpty { Terminal.writeToStandardError(text) }
        }
    }

    /// `2 errors, 1 warning`, once the run is over, when it printed text diagnostics.
    func printTally() {
        let line: String? = lock.withLock {
            guard printedText else { return nil }
            return DiagnosticFormat.tally(errors: errors, warnings: warnings)
        }
        guard let line else { return }
        write(line + "\n")
    }

    /// Colour on a terminal, unless `--no-color` or `NO_COLOR` says no (`Terminal.colorAllowed`).
    static var showsColor: Bool { Terminal.standardErrorShowsColor }
}
