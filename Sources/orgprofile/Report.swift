import ArgumentParser
import OrgProfileKit

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
                who manages users.

                Example:
                  orgprofile report org.yaml
                  orgprofile report org.yaml --format markdown > access.md
                  orgprofile report org.yaml --format csv > access.csv
                """
        )

        @OptionGroup var input: InputOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        @Option(
            name: .long,
            help: ArgumentHelp("text, markdown, csv or json (default: text on a terminal, else markdown).", valueName: "format"))
        var format: AccessReport.Format?

        func run(printing printer: DiagnosticPrinter) throws {
            let (model, _) = try Frontend(options: diagnostics, printer: printer).analyze(input.file)
            Terminal.writeToStandardOutput(
                AccessReport(model: model).render(format ?? (Terminal.standardOutputIsTerminal ? .text : .markdown)))
        }
    }
}
