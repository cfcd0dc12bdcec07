import ArgumentParser
import FileSafety
import OrgProfileKit
import OrgYAML
import Support

extension OrgProfileCommand {
    struct Expire: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "expire",
            abstract: "Remove from org.yaml itself the grants whose until has passed.",
            usage: "orgprofile expire [<file>] [--as-of <date>] [--dry-run] [options]",
            discussion: """
                A grant has lapsed when its until is over by today in UTC (or --as-of): an \
                assignment, a membership written {group: NAME, until: DATE}, a super_admin or \
                user_management written {until: DATE}. Each is removed with the lines of its \
                entry and nothing else (in a [flow, list], its text and one comma): comments, \
                order, anchors and formatting elsewhere stay as they are, and a grant that \
                has not lapsed, or has not started, stays. Prints what it removed; the result \
                is analysed before it is written, and nothing is written when org.yaml has \
                errors or would have one. A lapsed grant written with an anchor is left in \
                place with a warning. With --dry-run, prints the change as a unified diff and \
                writes nothing. docs/temporary-access.md has the scheduled job that opens the \
                pull request.

                Example:
                  orgprofile expire org.yaml --dry-run
                  orgprofile expire org.yaml --as-of 2027-01-01
                """
        )

        @OptionGroup var input: InputOptions

        @Flag(name: .long, help: "Print the change as a unified diff; write nothing.")
        var dryRun = false

        @OptionGroup var clock: AsOfOption
        @OptionGroup var diagnostics: DiagnosticFormatOption

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(format: diagnostics, printer: printer)
            let source = try frontend.read(input.file)
            let plan: Expiry.Plan
            switch Expiry.plan(source, asOf: clock.moment) {
            case .success(let planned): plan = planned
            case .failure(let failure):
                frontend.report(failure.diagnostics)
                throw Exit.invalidInput
            }
            frontend.report(plan.kept)
            let day = UTCTime.day(of: clock.moment)
            guard !plan.removed.isEmpty else {
                Terminal.writeToStandardError("\(TerminalText.escaped(source.name)): nothing has lapsed as of \(day)\n")
                return
            }
            if dryRun {
                Terminal.writeToStandardOutput(
                    UnifiedDiff.diff(
                        old: source.bytes, new: plan.bytes, path: PathText.lastComponent(of: source.name),
                        color: Terminal.standardOutputShowsColor))
            } else {
                try frontend.writing {
                    do {
                        try ProtectedFile.replace(input.file, with: plan.bytes, expecting: .some(source.bytes), backup: false)
                    } catch is ProtectedFile.ChangedMeanwhile {
                        throw FileError(path: input.file, reason: "it changed while expire read it; nothing was written, run expire again")
                    }
                }
            }
            for grant in plan.removed {
                let location = grant.window.until?.location.inFile(source.name) ?? SourceLocation(file: source.name, line: 1, column: 1)
                Terminal.writeToStandardError(
                    TerminalText.escaped(
                        "\(location): \(dryRun ? "would remove" : "removed") \(grant.what) (until \(grant.window.until?.value ?? "")\(grant.window.reason.map { "; reason: \($0.value)" } ?? ""))"
                    )
                        + "\n")
            }
            let count = plan.removed.count == 1 ? "1 lapsed grant" : "\(plan.removed.count) lapsed grants"
            Terminal.writeToStandardError(
                "\(TerminalText.escaped(source.name)): \(dryRun ? "would remove" : "removed") \(count) as of \(day)\(dryRun ? "; nothing was written" : "")\n"
            )
        }
    }
}
