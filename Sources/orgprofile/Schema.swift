import ArgumentParser
import OrgProfileKit
import OrgYAML

extension OrgProfileCommand {
    struct Schema: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "schema",
            abstract: "Print the JSON Schema of org.yaml, for editors.",
            discussion: """
                yaml-language-server (VS Code's YAML extension and other editors) completes and \
                checks org.yaml's keys with it. The first line of org.yaml names it:
                  # yaml-language-server: $schema=schema/org.schema.json

                Example:
                  orgprofile schema > schema/org.schema.json
                """
        )

        func run(printing printer: DiagnosticPrinter) throws {
            Terminal.writeToStandardOutput(OrgSchema.text)
        }
    }
}
