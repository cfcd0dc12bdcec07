import ArgumentParser
import Foundation
import IdentityCenter
import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML
import Reconciliation

extension OrgProfileCommand {
    struct Import: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Write an org.yaml from the live IAM Identity Center, or from a snapshot.",
            usage: "orgprofile import --project <name> [--snapshot <path>] [options]",
            discussion: """
                Accounts are keyed by slugs of their names, groups by slugs of their display \
                names (the Identity Center name kept in identity_center_name where it \
                differs), users by their user names. Assignments are grouped by role, "*" \
                where a role covers every account; roles that one person holds together on \
                one account get profile_suffixes. Each account's ou and tags are written as \
                Organizations has them; with --selectors, a group's grant that covers exactly \
                the accounts at or below one OU (two or more) is written as {ou: PATH}. The user_management section is written \
                commented out: the accounts are found, the roles cannot be. The same state \
                gives the same bytes, and the file always validates.

                Example:
                  orgprofile snapshot --profile acme-user-management --output snapshot.json
                  orgprofile import --project acme --snapshot snapshot.json --output org.yaml
                """
        )

        @Option(name: .long, help: ArgumentHelp("The project: profile names start with it.", valueName: "name"))
        var project: String

        @Option(
            name: .long, help: ArgumentHelp("Import this snapshot instead of reading Identity Center.", valueName: "path"),
            completion: .file())
        var snapshot: String?

        @Option(
            name: .long,
            help: ArgumentHelp("The access portal URL (default: https://<identity store ID>.awsapps.com/start).", valueName: "url"))
        var startURL: String?

        @OptionGroup var access: AWSAccessOptions

        @Option(
            name: .long, help: ArgumentHelp("Write to this new file (atomically) instead of standard output.", valueName: "path"),
            completion: .file())
        var output: String?

        @Flag(name: .long, help: "Write a group's grant that covers exactly one OU's accounts as {ou: PATH}.")
        var selectors = false

        @Flag(name: .long, help: "Replace --output if it exists.")
        var force = false

        @OptionGroup var diagnostics: DiagnosticFormatOption

        func validate() throws {
            guard NameRules.isSlug(project) else {
                throw ValidationError("--project '\(project)' must be lowercase letters, digits and single hyphens.")
            }
        }

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(format: diagnostics, printer: printer)
            if let output, output != "-", !force, FileManager.default.fileExists(atPath: output) {
                frontend.fail(.writeFailed, "\(output) already exists; orgprofile does not overwrite it without --force")
                throw Exit.invalidInput
            }
            let source: IdentityCenterSource = try snapshot.map { SnapshotFile(path: $0) } ?? access.live(frontend)
            let state = try frontend.snapshot(from: source)
            try frontend.refuseUnsafeValues(of: state)
            guard let region = access.region ?? state.instance.region else {
                frontend.fail(.missingOption, "the snapshot does not say Identity Center's region; give it with --region")
                throw Exit.usage
            }
            var importer = OrgImport(snapshot: state, project: project, startURL: startURL, region: region)
            importer.selectors = selectors
            let yaml = importer.render()
            for assignment in importer.skipped {
                frontend.warn(
                    .partialRead,
                    "an assignment of \(assignment.principalType.rawValue.lowercased()) \(assignment.principalID) on account \(assignment.accountID) names a principal, permission set or account the snapshot does not have; left out"
                )
            }
            // The file must be one orgprofile reads without errors.
            let analysis = Compiler.analyze(SourceFile(name: output ?? "imported org.yaml", bytes: Array(yaml.utf8)))
            if analysis.model == nil {
                frontend.report(analysis.diagnostics)
                frontend.fail(.writeFailed, "the imported org.yaml has errors (a bug in orgprofile import); nothing was written")
                throw Exit.invalidInput
            }
            try frontend.emit(yaml, to: output, force: force) { path in
                "wrote \(path): \(state.accounts.count) accounts, \(state.users.count) users, \(state.groups.count) groups; review it, then run orgprofile validate \(path)"
            }
            if selectors {
                let placed = state.accounts.contains { $0.ou != nil }
                frontend.printer.write(
                    importer.selectorGrants > 0
                        ? "--selectors: \(importer.selectorGrants) group grant\(importer.selectorGrants == 1 ? "" : "s") written as {ou: PATH}\n"
                        : placed
                            ? "--selectors: no group grant covers exactly the accounts at or below one OU (two or more), so none was written as {ou: PATH}\n"
                            : "--selectors: the snapshot does not say which OU each account is in (reading the OU tree needs organizations:ListRoots, ListOrganizationalUnitsForParent and ListAccountsForParent; docs/live.md), so no grant was written as {ou: PATH}\n"
                )
            }
        }
    }
}
