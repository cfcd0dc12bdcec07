import ArgumentParser
import Foundation
import IdentityCenter
import IdentityCenterSnapshot
import OrgProfileKit
import Reconciliation

extension DriftFormat: ExpressibleByArgument {}

extension OrgProfileCommand {
    struct Drift: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "drift",
            abstract: "Report where IAM Identity Center differs from org.yaml.",
            usage: "orgprofile drift [<file>] [--snapshot <path>] [--exit-code] [options]",
            discussion: """
                Compares org.yaml with the live Identity Center (or a snapshot): assignments \
                declared but missing (the profile fails at sign-in), assignments that exist but \
                are not declared (access nobody reviewed), memberships either way, and users, \
                groups, accounts and permission sets org.yaml names that Identity Center lacks, \
                each at its place in org.yaml. Grouped by user and group, privileged first. \
                Disabled users are expected to hold nothing. docs/live.md explains every line \
                (share/doc/orgprofile/live.md in the release archive).

                Example:
                  orgprofile drift org.yaml --profile acme-user-management --exit-code
                  orgprofile drift org.yaml --snapshot snapshot.json --format markdown
                """
        )

        @OptionGroup var input: InputOptions

        @Option(
            name: .long, help: ArgumentHelp("Compare with this snapshot instead of reading Identity Center.", valueName: "path"),
            completion: .file())
        var snapshot: String?

        @OptionGroup var access: AWSAccessOptions

        @Option(name: .long, help: ArgumentHelp("text, markdown (for a pull-request comment) or json.", valueName: "format"))
        var format: DriftFormat = .text

        @OptionGroup var destination: OutputFileOption

        @Flag(name: .long, help: "Exit 1 when anything drifted.")
        var exitCode = false

        @OptionGroup var diagnostics: DiagnosticOptions

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(options: diagnostics, printer: printer)
            let (model, lapsed, _) = try frontend.analyze(input.file, lapsed: true)
            let source: IdentityCenterSource = try snapshot.map { SnapshotFile(path: $0) } ?? access.live(frontend)
            let state = try frontend.snapshot(from: source)
            let resolved = Grants(model: model, snapshot: state)
            try frontend.reportDefinitionGaps(model: model, snapshot: state, index: resolved.snapshotIndex)
            let drift = Reconciliation.Drift(model: model, snapshot: state, resolved: resolved, lapsed: lapsed)
            try frontend.emit(format.render(drift), to: destination.output, force: destination.force)
            if exitCode, !drift.isEmpty { throw Exit.invalidInput }
        }
    }
}
