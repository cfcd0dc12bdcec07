import ArgumentParser
import IdentityCenter
import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML

extension OrgProfileCommand {
    struct Validate: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check org.yaml and print every problem; write nothing.",
            usage: "orgprofile validate [<file>] [--snapshot <path>] [options]",
            discussion: """
                Problems are printed as FILE:LINE:COLUMN: error: MESSAGE (or warning:), in \
                file order, then counted; on success, one line sums org.yaml up. Exits 0 \
                when there are no errors (warnings allowed), 1 otherwise. With --snapshot, \
                also warns where deploying a role org.yaml defines would clear or replace \
                unseen what Identity Center has (definition-clears, definition-unread), as \
                drift and assignments do.

                Every diagnostic has a code (--diagnostics-format github and json show it); \
                docs/diagnostics.md has an example and the fix for each: \
                \(codes).

                Example:
                  orgprofile validate org.yaml
                  orgprofile validate org.yaml --snapshot snapshot.json
                """
        )

        /// Every diagnostic code, for the help (and so the man page).
        static let codes = (DiagnosticCode.orgYAMLCodes + DiagnosticCode.orgProfileKitCodes + DiagnosticCode.identityCenterCodes)
            .map(\.rawValue).joined(separator: ", ")

        @OptionGroup var input: InputOptions
        @Option(
            name: .long, help: ArgumentHelp("A snapshot to check the roles org.yaml defines against.", valueName: "path"),
            completion: .file())
        var snapshot: String?

        @OptionGroup var diagnostics: DiagnosticOptions

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(options: diagnostics, printer: printer)
            let (model, found) = try frontend.analyze(try frontend.read(input.file))
            var warnings = found
            if let snapshot {
                let state = try frontend.snapshot(from: SnapshotFile(path: snapshot))
                warnings += try frontend.reportDefinitionGaps(model: model, snapshot: state, index: .init(state))
            }
            let sourceName = Compiler.displayName(of: input.file)
            let problems = warnings == 0 ? "no problems" : "\(warnings) warning\(warnings == 1 ? "" : "s")"
            print("\(sourceName): \(model.users.count) users, \(model.groups.count) groups, \(model.profileCount()) profiles, \(problems)")
        }
    }
}
