import ArgumentParser
import OrgProfileKit
import Support

extension OrgProfileCommand {
    struct Check: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Fail when the output folder is not exactly what compile would write; write nothing.",
            usage: "orgprofile check [<file>] [--out <dir>] [--quiet] [options]",
            discussion: """
                Compiles in memory and compares with the output folder: the manifest and every file it lists. \
                Files compile does not own are ignored. Prints a unified diff per changed file, 'missing: PATH' \
                and 'stale: PATH' lines, a summary, and the command that fixes it. Exits 0 when the folder is up \
                to date, 1 when it is not or when org.yaml has errors.

                Example:
                  orgprofile check org.yaml --out dist
                  orgprofile check org.yaml --out dist --quiet --diagnostics-format github
                """
        )

        @OptionGroup var input: InputOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        @OptionGroup var output: OutputOptions

        @Flag(name: .long, help: "Print the summary line only.")
        var quiet = false

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(options: diagnostics, printer: printer)
            let renderer = try frontend.renderer(input.file, templates: output.templates)
            let color = Terminal.standardOutputShowsColor
            let result = try frontend.reading {
                try OutputChecker(root: output.out).compare(renderer) { difference in
                    guard !quiet else { return }
                    switch difference {
                    case .changed(let path, let old, let new):
                        Terminal.writeToStandardOutput(UnifiedDiff.review(old: old, new: new, path: path, color: color))
                    case .missing(let path):
                        Terminal.writeToStandardOutput("missing: \(path)\n")
                    case .stale(let path):
                        Terminal.writeToStandardOutput("stale: \(path)\n")
                    }
                }
            }
            if result.isClean {
                Terminal.writeToStandardOutput("\(output.out) is up to date with \(input.file) (\(result.totals.files) files)\n")
                return
            }
            let counts = [(result.changed, "changed"), (result.missing, "missing"), (result.stale, "stale")]
                .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            Terminal.writeToStandardOutput("\(output.out) is out of date with \(input.file): \(counts); to fix it, run: \(fixCommand)\n")
            throw Exit.invalidInput
        }

        /// The compile command that brings the folder up to date.
        var fixCommand: String {
            var words = ["orgprofile", "compile", input.file, "--out", output.out]
            if let templates = output.templates { words += ["--templates", templates] }
            return Shell.command(words)
        }
    }
}
