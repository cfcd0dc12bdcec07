import ArgumentParser
import FileSafety
import Foundation
import OrgProfileKit
import OrgYAML

extension DiagnosticFormat: ExpressibleByArgument {}

/// How a command that reads org.yaml reports diagnostics.
struct DiagnosticOptions: ParsableArguments {
    @OptionGroup var format: DiagnosticFormatOption

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false
}

/// `--output PATH` of the commands that print one document: write it there, atomically,
/// instead of to standard output (`Frontend.emit`).
struct OutputFileOption: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "path"),
        completion: .file())
    var output: String?
}

/// How diagnostics are printed; alone for a command that reads no org.yaml.
struct DiagnosticFormatOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("How to print diagnostics: text, json (one object per line) or github (workflow commands).", valueName: "format")
    )
    var diagnosticsFormat: DiagnosticFormat = .text
}

/// The steps every command shares: reading org.yaml, printing diagnostics, loading
/// templates, and reporting problems that have no place in a file.
struct Frontend {
    let format: DiagnosticFormat
    let strict: Bool

    init(options: DiagnosticOptions) {
        format = options.format.diagnosticsFormat
        strict = options.strict
    }

    init(format: DiagnosticFormatOption) {
        self.format = format.diagnosticsFormat
        strict = false
    }

    /// Reads and analyses org.yaml, prints every diagnostic, and returns the model; exits 1
    /// when org.yaml has errors and 74 when it cannot be read.
    func analyze(_ path: String) throws -> (model: AccessModel, sourceName: String) {
        let source = try read(path)
        return (try analyze(source), Compiler.displayName(of: path))
    }

    func read(_ path: String) throws -> SourceFile {
        let source = try reading { try SourceFile.read(path) }
        DiagnosticPrinter.shared.quote(source)
        return source
    }

    func analyze(_ source: SourceFile) throws -> AccessModel {
        let analysis = Compiler.analyze(source, strict: strict)
        print(analysis.diagnostics)
        guard let model = analysis.model else { throw Exit.invalidInput }
        return model
    }

    func templates(_ directory: String?) throws -> TemplateSet {
        switch TemplateSet.load(overridesIn: directory) {
        case .success(let templates):
            return templates
        case .failure(let failure):
            print(failure.diagnostics)
            throw failure.isIOError ? Exit.ioError : Exit.invalidInput
        }
    }

    /// Writes a command's result to `--output` (atomically; `wrote`, when given, is said on
    /// standard error afterwards) or to standard output.
    func emit(_ text: String, to output: String?, wrote: (String) -> String? = { _ in nil }) throws {
        guard let output else {
            Terminal.write(text)
            return
        }
        try writing { try FileSystem.replaceFile(at: output, with: Array(text.utf8)) }
        if let message = wrote(output) { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    }

    /// Runs a step that writes files; a failure is reported and exits 74.
    func writing<T>(_ step: () throws -> T) throws -> T {
        try exitingOnFileError(.writeFailed, "cannot write", step)
    }

    /// Runs a step that reads files outside org.yaml; a failure is reported and exits 74.
    func reading<T>(_ step: () throws -> T) throws -> T {
        try exitingOnFileError(.unreadableFile, "cannot read", step)
    }

    private func exitingOnFileError<T>(_ code: DiagnosticCode, _ verb: String, _ step: () throws -> T) throws -> T {
        do {
            return try step()
        } catch let error as FileError {
            fail(code, "\(verb) \(error)")
            throw Exit.ioError
        }
    }

    /// A problem with no place in a file, such as an unreadable file or an unknown user.
    func fail(_ code: DiagnosticCode, _ message: String) {
        print([.error(code, message, at: nil)])
    }

    /// What follows from the problems above; not a problem of its own, so not counted.
    func note(_ code: DiagnosticCode, _ message: String) {
        print([Diagnostic(.note, code, message, at: nil)])
    }

    /// Tells the person why the run pauses: another run holds the lock on its target.
    func waitingForLock(_ message: String) {
        FileHandle.standardError.write(Data("orgprofile: \(message)\n".utf8))
    }

    func warn(_ code: DiagnosticCode, _ message: String) {
        print([.warning(code, message, at: nil)])
    }

    /// Prints diagnostics on standard error in the chosen format.
    func print(_ diagnostics: [Diagnostic]) {
        DiagnosticPrinter.shared.print(diagnostics, format: format)
    }
}

/// Prints every diagnostic of the run on standard error, and counts them for the line the
/// run ends with. On a terminal, text diagnostics quote their source line with a caret
/// under the column, in colour unless `NO_COLOR` is set.
final class DiagnosticPrinter: @unchecked Sendable {
    static let shared = DiagnosticPrinter()

    private let lock = NSLock()
    private var sources: [String: [UInt8]] = [:]
    private var errors = 0
    private var warnings = 0
    /// Whether the run printed text diagnostics (machine formats get no closing count).
    private var printedText = false

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
            guard format == .text, Self.standardErrorIsTerminal else { return format.render(diagnostics) }
            return format.render(diagnostics, terminal: .init(color: Self.showsColor, sources: sources))
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `2 errors, 1 warning`, once the run is over, when it printed text diagnostics.
    func printTally() {
        let line: String? = lock.withLock {
            guard printedText else { return nil }
            return DiagnosticFormat.tally(errors: errors, warnings: warnings)
        }
        guard let line else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    var counts: (errors: Int, warnings: Int) { lock.withLock { (errors, warnings) } }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colour on a terminal, unless `NO_COLOR` is set to anything (no-color.org).
    static var showsColor: Bool {
        standardErrorIsTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}

/// Standard output, and whether it is a terminal that shows colour.
enum Terminal {
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
