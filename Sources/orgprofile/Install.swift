import AWSConfig
import ArgumentParser
import FileSafety
import Foundation
import OrgProfileKit
import OrgYAML
import Support

extension OrgProfileCommand {
    struct Install: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Put a compiled config into your own ~/.aws/config, as one managed block, safely.",
            usage: "orgprofile install (--from <path> | [<file>] --user <user>) [options]",
            discussion: """
                The generated sections go between two marker comments that name the project; a later install \
                replaces only that block, and everything outside it stays byte for byte.

                Before anything is written, install refuses (exit 1), naming file, line and section, when a \
                profile or sso-session it would add already exists outside the block, when the credentials file \
                has a profile of the same name, when markers are broken, or when the AWS CLI could not read the \
                file. --adopt takes over same-named sections written by hand and lists every value that changes \
                and every setting that goes.

                The old file is backed up beside it (the newest 5 backups are kept) and replaced atomically, \
                keeping its permissions. A second install into the same file waits for the first; a change \
                another program makes meanwhile is never overwritten.

                Example:
                  orgprofile install --from dist/users/bob/config
                  orgprofile install org.yaml --user bob --role ReadOnlyAccess --dry-run
                  orgprofile install --from bob.config --adopt
                """
        )

        @Argument(
            help: "The org.yaml to compile the config from (with --user or --group).", completion: .file(extensions: ["yaml", "yml"]))
        var file: String = "org.yaml"

        @Option(
            name: .long, help: ArgumentHelp("Install this published config file instead of compiling org.yaml.", valueName: "path"),
            completion: .file())
        var from: String?

        @OptionGroup var project: ProjectOption

        @OptionGroup var selection: PrincipalOptions
        @OptionGroup var files: AWSFileOptions
        @OptionGroup var lock: LockOption

        @Flag(name: .long, help: "Take over same-named sections written by hand, listing settings the generated ones lack.")
        var adopt = false

        @Flag(name: .long, help: "Print the diff of what would change; write nothing.")
        var dryRun = false

        @Flag(
            name: .long,
            help: "With --from: install settings that run a program (credential_process, cli_pager), after you have read them.")
        var allowCommands = false

        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            if from != nil {
                guard !selection.isGiven, selection.role.isEmpty else {
                    throw ValidationError("--from installs a published file as it is; --user, --group and --role compile org.yaml instead.")
                }
            } else {
                try selection.requireOne()
            }
        }

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(options: diagnostics, printer: printer)
            let (block, project, testProfile) = try source(frontend)
            let paths = files.paths
            let credentials = try frontend.reading { try FileSystem.read(paths.credentials, owner: .person) }
            func plan(_ config: [UInt8]?) throws -> (plan: ConfigMerge.Plan, bytes: [UInt8]) {
                let plan = try ConfigMerge.install(
                    block: block, project: project, config: config, configPath: paths.config,
                    credentials: credentials, credentialsPath: paths.credentials, adopt: adopt
                ).get()
                return (plan, plan.bytes)
            }
            do {
                if dryRun {
                    let config = try frontend.reading { try FileSystem.read(paths.config, owner: .person) }
                    let planned = try plan(config).plan
                    for adoption in planned.adoptions { Terminal.writeToStandardOutput(Self.describe(adoption, in: paths.config)) }
                    if planned.bytes == config {
                        Terminal.writeToStandardOutput(
                            "the orgprofile \(project) block in \(paths.config) is already up to date; nothing changed\n")
                    } else {
                        Terminal.writeToStandardOutput(
                            UnifiedDiff.diff(
                                old: config ?? [], new: planned.bytes, path: "config", color: Terminal.standardOutputShowsColor))
                        Terminal.writeToStandardOutput("dry run: \(paths.config) was not changed\n")
                    }
                    return
                }
                let update = try frontend.writing {
                    try ConfigUpdate.run(
                        paths.config, holder: "orgprofile install", timeout: lock.lockTimeout, waiting: frontend.waitingForLock, plan: plan)
                }
                let planned = update.plan
                for adoption in planned.adoptions { Terminal.writeToStandardOutput(Self.describe(adoption, in: paths.config)) }
                guard update.replaced else {
                    Terminal.writeToStandardOutput(
                        "the orgprofile \(project) block in \(paths.config) is already up to date; nothing changed\n")
                    return
                }
                Terminal.writeToStandardOutput(
                    "installed the orgprofile \(project) block into \(paths.config): \(planned.profiles.count) profiles, sso-session \(planned.ssoSessions.joined(separator: ", "))\(update.backup.map { " (backup: \($0))" } ?? "")\n"
                )
                Terminal.writeToStandardOutput("next:\n")
                for session in planned.ssoSessions { Terminal.writeToStandardOutput("  aws sso login --sso-session \(session)\n") }
                if let testProfile { Terminal.writeToStandardOutput("  aws sts get-caller-identity --profile \(testProfile)\n") }
            } catch let refusal as ConfigMerge.Refusal {
                frontend.report(refusal.conflicts.map(Frontend.diagnostic))
                frontend.note(.installConflict, "nothing was changed; resolve the problems above and run install again")
                throw Exit.invalidInput
            }
        }

        /// What taking over a hand-written section changes: every value that changes, old and
        /// new, where each setting the sso-session now holds went, and every setting that goes;
        /// then that uninstall puts the section back.
        static func describe(_ adoption: ConfigMerge.Adoption, in path: String) -> String {
            let shown = TerminalText.escaped
            var text = "adopting [\(shown(adoption.section))] (\(shown(path)) line \(adoption.line))"
            if adoption.changedSettings.isEmpty, adoption.movedSettings.isEmpty, adoption.lostSettings.isEmpty {
                text += ": every setting it had stays as it was\n"
            } else {
                text += ":\n"
                for change in adoption.changedSettings {
                    text += "  changes \(shown(change.key)): \(shown(change.old)) -> \(shown(change.new))\n"
                }
                for move in adoption.movedSettings {
                    text +=
                        "  moves   \(shown(move.key)) = \(shown(move.old)) to [\(shown(move.section))]"
                        + (move.new == move.old ? "\n" : ", where it is \(shown(move.new))\n")
                }
                for setting in adoption.lostSettings { text += "  drops   \(shown(setting)) (the generated profile has no such setting)\n" }
            }
            return text + "  the section as it was is kept in the block: orgprofile uninstall puts it back\n"
        }

        /// The config text to install, the project its block is named after, and the profile
        /// to try first.
        private func source(_ frontend: Frontend) throws -> (text: String, project: String, testProfile: String?) {
            if let from {
                let config = try frontend.published(from)
                // A file from elsewhere was not checked against any org.yaml's allow_commands.
                let commands = config.file.commandSettings()
                if !commands.isEmpty, !allowCommands {
                    frontend.report(
                        commands.map { setting in
                            .error(
                                .commandSetting,
                                "'\(setting.key)' in [\(setting.section)] would run '\(setting.value)' on this machine whenever the AWS CLI uses it",
                                at: SourceLocation(file: from, line: setting.line, column: 1))
                        })
                    frontend.note(
                        .commandSetting, "nothing was installed; read those settings, then install with --allow-commands to keep them")
                    throw Exit.invalidInput
                }
                return (config.text, try frontend.project(of: config, given: project.project), config.testProfile)
            }
            let compiled = try PrincipalConfig(file: file, options: selection, frontend: frontend)
            return (compiled.text, project.project ?? compiled.model.project, compiled.testProfile)
        }
    }
}

extension Frontend {
    /// A conflict in a person's files, as a diagnostic at its file and line.
    static func diagnostic(_ conflict: ConfigMerge.Conflict) -> Diagnostic {
        .error(.installConflict, conflict.message, at: conflict.line.map { SourceLocation(file: conflict.path, line: $0, column: 1) })
            .withFileInMessage(conflict.line == nil ? conflict.path : nil)
    }
}

extension Diagnostic {
    /// For a problem with a whole file, names the file in the message (there is no location).
    func withFileInMessage(_ path: String?) -> Diagnostic {
        guard let path else { return self }
        var copy = self
        copy.message = "\(path): \(message)"
        return copy
    }
}
