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
            FileHandle.standardError.write(Data(message.utf8))
            Foundation.exit(Exit.usage.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            DiagnosticPrinter.shared.printTally()
        } catch {
            DiagnosticPrinter.shared.printTally()
            exit(withError: error)
        }
    }
}

/// The org.yaml argument every command takes.
struct InputOptions: ParsableArguments {
    @Argument(help: "The org.yaml to read.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String = "org.yaml"
}

/// Where compile writes, and with which templates; shared by compile and check.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"), completion: .directory)
    var out: String = "dist"

    @Option(
        name: .long, help: ArgumentHelp("A folder of NAME.mustache files that replace or add to the built-in templates.", valueName: "dir"),
        completion: .directory)
    var templates: String?
}

/// Exit codes beyond argument-parser's own (0 success, 64 usage).
enum Exit {
    /// org.yaml (or a template) has errors.
    static let invalidInput = ExitCode(1)
    static let usage = ExitCode(64)
    /// A file could not be read or written.
    static let ioError = ExitCode(74)
}
