import ArgumentParser
import OrgProfileKit

extension OrgProfileCommand {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check org.yaml and print every problem; write nothing.",
            discussion: """
                Problems are printed as FILE:LINE:COLUMN: error: MESSAGE (or warning:), in \
                file order, then counted; on success, one line sums org.yaml up. Exits 0 \
                when there are no errors (warnings allowed), 1 otherwise.

                Example:
                  orgprofile validate org.yaml
                """
        )

        @OptionGroup var input: InputOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        func run() throws {
            let frontend = Frontend(options: diagnostics)
            let (model, sourceName) = try frontend.analyze(input.file)
            let warnings = DiagnosticPrinter.shared.counts.warnings
            let problems = warnings == 0 ? "no problems" : "\(warnings) warning\(warnings == 1 ? "" : "s")"
            print("\(sourceName): \(model.userCount) users, \(model.groups.count) groups, \(model.profileCount()) profiles, \(problems)")
        }
    }
}
