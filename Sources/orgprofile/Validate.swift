import ArgumentParser
import OrgProfileKit

extension OrgProfileCommand {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check org.yaml and print every problem; write nothing.",
            discussion: """
                Problems are printed as FILE:LINE:COLUMN: error: MESSAGE (or warning:), in file order.
                Exits 0 when there are no errors (warnings allowed), 1 otherwise.

                Example:
                  orgprofile validate org.yaml
                """
        )

        @OptionGroup var input: InputOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let frontend = Frontend(options: diagnostics)
            _ = try frontend.analyze(input.file)
        }
    }
}
