import AWSConfig
import ArgumentParser
import Foundation
import OrgProfileKit
import OrgYAML
import Support

extension OrgProfileCommand {
    struct Uninstall: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "uninstall",
            abstract: "Remove a managed block from your ~/.aws/config, as safely as install.",
            usage: "orgprofile uninstall [--project <name> | --from <path>] [options]",
            discussion: """
                Everything outside the block stays byte for byte; the old file is backed \
                up beside it. Without --project or --from, removes the only block there is.

                Example:
                  orgprofile uninstall
                  orgprofile uninstall --project acme
                  orgprofile uninstall --from dist/users/bob/config
                """
        )

        @OptionGroup var project: ProjectOption

        @Option(
            name: .long, help: ArgumentHelp("Remove the block this published config file was installed as.", valueName: "path"),
            completion: .file())
        var from: String?

        @Option(
            name: .long, help: ArgumentHelp("The AWS config file (default: $AWS_CONFIG_FILE, else ~/.aws/config).", valueName: "path"),
            completion: .file())
        var config: String?

        @OptionGroup var lock: LockOption
        @OptionGroup var diagnostics: DiagnosticFormatOption

        /// Which block to remove, from those installed; nil when there is nothing to do.
        enum NothingToRemove: Error {
            case noFile, noBlock
        }

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(format: diagnostics, printer: printer)
            let path = AWSConfigPaths(config: config, environment: ProcessInfo.processInfo.environment).config
            let given = try from.map { try frontend.project(of: frontend.published($0), given: project.project) } ?? project.project
            do {
                let update = try frontend.writing {
                    try ConfigUpdate.run(path, holder: "orgprofile uninstall", timeout: lock.lockTimeout, waiting: frontend.waitingForLock)
                    {
                        config in
                        guard let config else { throw NothingToRemove.noFile }
                        let blocks = try ConfigMerge.blocks(in: config, configPath: path).get()
                        let chosen = try choose(given, from: blocks.map(\.project), path: path, frontend: frontend)
                        guard let removal = try ConfigMerge.uninstall(project: chosen, config: config, configPath: path).get() else {
                            throw NothingToRemove.noBlock
                        }
                        return ((chosen, removal), removal.bytes)
                    }
                }
                let (chosen, removal) = update.plan
                var said = "removed the orgprofile \(chosen) block from \(path)\(update.backup.map { " (backup: \($0))" } ?? "")\n"
                for section in removal.restored.map(TerminalText.escaped) {
                    said += "restored [\(section)], which install --adopt had replaced\n"
                }
                for section in removal.notRestored.map(TerminalText.escaped) {
                    said +=
                        "kept out [\(section)], which install --adopt had replaced: a section of that name is in \(path) again; the old one is in the backup\(update.backup.map { " \($0)" } ?? "")\n"
                }
                Terminal.writeToStandardOutput(said)
            } catch NothingToRemove.noFile {
                frontend.fail(.installConflict, "\(path) does not exist; there is no orgprofile block to remove")
                throw Exit.invalidInput
            } catch NothingToRemove.noBlock {
                frontend.fail(.installConflict, "\(path) has no orgprofile block to remove")
                throw Exit.invalidInput
            } catch let refusal as ConfigMerge.Refusal {
                frontend.report(refusal.conflicts.map(Frontend.diagnostic))
                frontend.note(.installConflict, "nothing was changed")
                throw Exit.invalidInput
            }
        }

        /// The project named by `--project` or `--from` when it is installed; else the only
        /// block there is.
        private func choose(_ project: String?, from installed: [String], path: String, frontend: Frontend) throws -> String {
            let list = installed.isEmpty ? "none is installed" : "installed: " + installed.joined(separator: ", ")
            if let project {
                guard installed.contains(project) else {
                    frontend.fail(
                        .installConflict,
                        "\(path) has no orgprofile \(project) block (\(list))\(Suggestion.hint(for: project, in: installed))")
                    throw Exit.invalidInput
                }
                return project
            }
            guard installed.count <= 1 else {
                frontend.fail(.missingOption, "\(path) has \(installed.count) orgprofile blocks (\(list)); name one with --project NAME")
                throw Exit.usage
            }
            guard let only = installed.first else { throw NothingToRemove.noBlock }
            return only
        }
    }
}
