import ArgumentParser
import Foundation
import OrgProfileKit

extension OrgProfileCommand {
    struct Export: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Print one user's or group's config, optionally only the profiles of some roles.",
            usage: "orgprofile export [<file>] (--user <user> | --group <group>) [options]",
            discussion: """
                The sso-session block is always included. With --role, only profiles of those roles follow it \
                (the user-management profile counts as a profile of the role it points at).

                Example:
                  orgprofile export org.yaml --user bob
                  orgprofile export org.yaml --user bob --role ReadOnlyAccess --output bob-readonly.config
                  orgprofile export org.yaml --group developers
                """
        )

        @OptionGroup var input: InputOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        @OptionGroup var selection: PrincipalOptions

        @OptionGroup var destination: OutputFileOption

        func validate() throws {
            try selection.requireOne()
        }

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(options: diagnostics, printer: printer)
            let text = try PrincipalConfig(file: input.file, options: selection, frontend: frontend).text
            try frontend.emit(text, to: destination.output, force: destination.force)
        }
    }
}
