import ArgumentParser
import OrgProfileKit

extension OrgProfileCommand {
    struct Validate: Subcommand {
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

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(options: diagnostics, printer: printer)
            let (model, warnings) = try frontend.analyze(try frontend.read(input.file))
            let sourceName = Compiler.displayName(of: input.file)
            let problems = warnings == 0 ? "no problems" : "\(warnings) warning\(warnings == 1 ? "" : "s")"
            print("\(sourceName): \(model.users.count) users, \(model.groups.count) groups, \(model.profileCount()) profiles, \(problems)")
        }
    }
}
