import AWSConfig
import ArgumentParser
import FileSafety
import Foundation
import OrgProfileKit
import OrgYAML
import Support

extension OrgProfileCommand {
    struct Doctor: Subcommand {
        enum Format: String, CaseIterable, ExpressibleByArgument {
            case text, json
        }

        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check your AWS CLI setup (read-only): files, managed blocks, profiles, sign-in tokens, the aws command.",
            usage: "orgprofile doctor [--from <path> | <file> --user <user>] [options]",
            discussion: """
                Prints a checklist with one fix per problem. Exits 0 when every check passes, 1 otherwise. \
                With --from FILE, or org.yaml and --user NAME, also checks that the installed block is current.

                Example:
                  orgprofile doctor
                  orgprofile doctor --from dist/users/bob/config
                  orgprofile doctor org.yaml --user bob --format json
                """
        )

        @Argument(
            help: "The org.yaml to compile the expected config from (with --user or --group).",
            completion: .file(extensions: ["yaml", "yml"]))
        var file: String = "org.yaml"

        @Option(
            name: .long, help: ArgumentHelp("A published config file that should be the installed block.", valueName: "path"),
            completion: .file())
        var from: String?

        @OptionGroup var selection: PrincipalOptions
        @OptionGroup var project: ProjectOption
        @OptionGroup var files: AWSFileOptions

        @Option(name: .long, help: ArgumentHelp("text or json.", valueName: "format"))
        var format: Format = .text

        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            if from != nil, selection.isGiven {
                throw ValidationError("Give --from FILE or --user/--group, not both.")
            }
        }

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(options: diagnostics, printer: printer)
            let checks = AWSConfig.Doctor.run(
                .init(
                    paths: files.paths, now: Date(), awsVersion: Self.awsVersion(), expected: try expected(frontend)))
            switch format {
            case .json:
                Terminal.writeToStandardOutput(JSON.encode(DoctorReport(ok: !checks.contains { $0.status == .fail }, checks: checks)))
            case .text:
                for check in checks {
                    let mark =
                        switch check.status {
                        case .pass: "ok  "
                        case .fail: "FAIL"
                        case .info: "info"
                        }
                    // Messages quote the person's files: shown, never sent to the terminal as they are.
                    Terminal.writeToStandardOutput("[\(mark)] \(TerminalText.escaped(check.message))\n")
                    if let fix = check.fix, check.status == .fail {
                        Terminal.writeToStandardOutput("       fix: \(TerminalText.escaped(fix))\n")
                    }
                }
            }
            if checks.contains(where: { $0.status == .fail }) { throw Exit.invalidInput }
        }

        struct DoctorReport: Encodable {
            var ok: Bool
            var checks: [AWSConfig.Doctor.Check]
        }

        private func expected(_ frontend: Frontend) throws -> (project: String, config: String)? {
            if let from {
                let config = try frontend.published(from)
                return (try frontend.project(of: config, given: project.project), config.text)
            }
            guard selection.isGiven else { return nil }
            try selection.requireOne()
            let compiled = try PrincipalConfig(file: file, options: selection, frontend: frontend)
            return (project.project ?? compiled.model.project, compiled.text)
        }

        /// What `aws --version` prints (v1 wrote it to standard error), or nil when there is no
        /// aws command.
        static func awsVersion() -> String? {
            guard let result = try? ProcessRunner.run("aws", ["--version"]), result.status == 0 else { return nil }
            let text = String(decoding: result.output, as: UTF8.self) + result.error
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
