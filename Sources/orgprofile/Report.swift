import ArgumentParser
import OrgProfileKit

extension AccessReport.Format: ExpressibleByArgument {}

extension OrgProfileCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Print the access matrix: one row per enabled user, one column per account, and who manages users.",
            discussion: """
                Columns follow the order of accounts in org.yaml; each cell lists the user's profiles on that account
                with their roles. Markdown adds the lists of user-management admins and super admins; CSV (RFC 4180)
                has a user_management column instead.

                Example:
                  orgprofile report org.yaml --format markdown > access.md
                  orgprofile report org.yaml --format csv > access.csv
                """
        )

        @OptionGroup var input: InputOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        @Option(name: .long, help: ArgumentHelp("markdown, csv or json.", valueName: "format"))
        var format: AccessReport.Format = .markdown

        func run() throws {
            let (model, _) = try Frontend(options: diagnostics).analyze(input.file)
            Terminal.write(AccessReport(model: model).render(format))
        }
    }
}
