import ArgumentParser
import IdentityCenter
import IdentityCenterSnapshot
import OrgProfileKit
import Reconciliation

extension AccessReport.Format: ExpressibleByArgument {}

extension OrgProfileCommand {
    struct Report: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Print who has which access: every user's profiles and where they come from.",
            usage: "orgprofile report [<file>] [--format <format>] [options]",
            discussion: """
                text (the default on a terminal) lists one profile per line with its account, \
                role and where it comes from (a group, a direct assignment, user management). \
                markdown (the default otherwise), csv (RFC 4180) and json give the matrix:
                one row per enabled user, one column per account in org.yaml's order, and \
                who manages users. html is the access page, one self-contained file to open \
                in a browser: find a person, the matrix, groups, who manages users \
                (compile writes it as index.html beside the configs, with links to them).

                Example:
                  orgprofile report org.yaml
                  orgprofile report org.yaml --format markdown > access.md
                  orgprofile report org.yaml --format csv > access.csv
                  orgprofile report org.yaml --format html --output access.html
                  orgprofile report org.yaml --format html --snapshot s.json --output drift.html
                """
        )

        @OptionGroup var input: InputOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        @Option(
            name: .long,
            help: ArgumentHelp("text, markdown, csv, json or html.", valueName: "format"))
        var format: AccessReport.Format = .text

        @OptionGroup var destination: OutputFileOption

        @Option(
            name: .long,
            help: ArgumentHelp(
                "With --format html: mark where Identity Center differs, from this snapshot (orgprofile snapshot).", valueName: "path"),
            completion: .file())
        var snapshot: String?

        func validate() throws {
            if snapshot != nil, format != .html { throw ValidationError("--snapshot marks drift on the access page: give --format html.") }
        }

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(options: diagnostics, printer: printer)
            // The lapsed grants only for the drift overlay, which reports those still live.
            let (model, lapsed, _) = try frontend.analyze(input.file, lapsed: snapshot != nil)
            // The page reads the model itself: no report rows of every profile first.
            let marks = try snapshot.map {
                Reconciliation.Drift(model: model, snapshot: try frontend.snapshot(from: SnapshotFile(path: $0)), lapsed: lapsed).pageMarks
            }
            if format == .html {
                let page = AccessPage(model: model, sourceName: Compiler.displayName(of: model.file), links: false, drift: marks).html()
                return try frontend.emit(page, to: destination.output, force: destination.force)
            }
            // A user's row at a time: memory follows the org, not users times accounts.
            try frontend.stream(to: destination.output, force: destination.force) { emit in
                try AccessReport(model: model).write(format, to: emit)
            }
        }
    }
}
