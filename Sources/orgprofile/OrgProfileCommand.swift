import AWSConfig
import ArgumentParser
import FileSafety
import Foundation
import IdentityCenterSnapshot
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

            Documentation: README.md and docs/ of the repository; share/doc/orgprofile/ in the release archive.

            Exit codes:
            \(Exit.table.map { "  \($0.code)\(String(repeating: " ", count: 4 - String($0.code).count))\($0.meaning)" }.joined(separator: "\n"))

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
            Expire.self, Snapshot.self, Import.self, Drift.self, Assignments.self, Schema.self,
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
        WriteFault.everyWrite = killAtWrite()
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

extension OrgProfileCommand {
    /// The crash tests' exact kill point: with `ORGPROFILE_TEST_KILL_AT_WRITE=N` in the
    /// environment, any command kills itself (SIGKILL) when it is about to write its Nth file,
    /// whose temporary file already exists. Only in debug builds, which the tests run: a
    /// release build (what ships) has no such hook.
    static func killAtWrite() -> WriteFault? {
        #if !DEBUG
            return nil
        #else
            guard let value = ProcessInfo.processInfo.environment["ORGPROFILE_TEST_KILL_AT_WRITE"], let limit = Int(value) else {
                return nil
            }
            let lock = NSLock()
            nonisolated(unsafe) var writes = 0
            return WriteFault { _ in
                let count = lock.withLock {
                    writes += 1
                    return writes
                }
                if count >= limit { kill(getpid(), SIGKILL) }
                return nil
            }
        #endif
    }
}

/// A command of orgprofile's, run with the run's diagnostic printer (never a global one).
protocol Subcommand: ParsableCommand {
    func run(printing printer: DiagnosticPrinter) throws
}

/// Exit codes beyond argument-parser's own (0 success, 64 usage).
enum Exit {
    /// What each exit code means, command by command: the top-level help prints it, and the
    /// README's table is held to it word for word.
    static let table: [(code: Int32, meaning: String)] = [
        (0, "success (warnings may have been printed)"),
        (
            1,
            "problems found: org.yaml (or a template) has errors; check: the output folder is out of date; "
                + "diff --exit-code: access changed; drift --exit-code: Identity Center differs from org.yaml; "
                + "install, uninstall: a conflict, or no block to remove (nothing changed); doctor: a check failed; "
                + "import: the output file exists (without --force); assignments: a name the snapshot lacks, or what the format cannot deploy; "
                + "import, assignments: a snapshot value no output may carry; "
                + "expire: removing the lapsed grants would leave org.yaml with an error (nothing is written)"
        ),
        (
            64,
            "usage error: a bad option or argument; export, install, doctor: an unknown user, group or role; "
                + "install, doctor, uninstall --from: a published config that names no single project (give --project); "
                + "uninstall: several blocks installed and no --project; import: a snapshot that does not say the region (give --region); "
                + "assignments: templates that need --output"
        ),
        (
            74,
            "a file could not be read or written; another orgprofile run held the target's lock for longer than --lock-timeout; "
                + "diff --base: not a git repository or not a revision; snapshot, import, drift: an aws call failed"
        ),
    ]

    /// org.yaml (or a template) has errors.
    static let invalidInput = ExitCode(1)
    static let usage = ExitCode(64)
    /// A file could not be read or written.
    static let ioError = ExitCode(74)
}
