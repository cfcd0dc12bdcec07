import AWSConfig
import ArgumentParser
import Foundation
import OrgProfileKit
import OrgYAML

@main
struct OrgProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgprofile",
        abstract: "Compile org.yaml into ready AWS configs for IAM Identity Center.",
        discussion: """
            One org.yaml declares the sso-session, accounts, roles, groups and users; \
            orgprofile writes one ~/.aws/config and onboarding page per person and team.

            Exit codes: 0 success, 1 problems found (org.yaml errors, a stale folder, a \
            conflict), 64 usage error, 74 a file could not be read or written.

            Examples:
              orgprofile validate org.yaml
              orgprofile compile org.yaml --out dist
              orgprofile install org.yaml --user alice --dry-run
              orgprofile install org.yaml --user alice
              orgprofile export org.yaml --user alice --output alice.config
            """,
        version: OrgProfile.versionWithRevision,
        subcommands: [
            Validate.self, Compile.self, Check.self, Export.self, Diff.self, Report.self, Install.self, Uninstall.self, Doctor.self,
            Snapshot.self, Import.self, Drift.self, Assignments.self, Schema.self,
        ]
    )

    /// Runs the command, then ends a run that printed problems with their count. A word where
    /// the command belongs that names no command gets a "did you mean" and the list of
    /// commands, instead of argument-parser's "Unexpected argument".
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        if let word = arguments.first, !word.hasPrefix("-"), !names.contains(word) {
            let message =
                "orgprofile: error: unknown command '\(word)'\(Suggestion.hint(for: word, in: names))\n"
                + "commands: \(names.dropLast().joined(separator: ", ")); see 'orgprofile --help'\n"
            Terminal.writeToStandardError(message)
            Foundation.exit(Exit.usage.rawValue)
        }
        let printer = DiagnosticPrinter()
        do {
            var command = try parseAsRoot(arguments)
            if let subcommand = command as? any Subcommand {
                try subcommand.run(printing: printer)
            } else {
                try command.run()
            }
            printer.printTally()
        } catch {
            printer.printTally()
            exit(withError: error)
        }
    }
}

/// A command of orgprofile's, run with the run's diagnostic printer (never a global one).
protocol Subcommand: ParsableCommand {
    func run(printing printer: DiagnosticPrinter) throws
}

/// Exit codes beyond argument-parser's own (0 success, 64 usage).
enum Exit {
    /// org.yaml (or a template) has errors.
    static let invalidInput = ExitCode(1)
    static let usage = ExitCode(64)
    /// A file could not be read or written.
    static let ioError = ExitCode(74)
}
