import AccessAsCode
import ArgumentParser
import FileSafety
import Foundation
import IdentityCenter
import IdentityCenterSnapshot
import OrgProfileKit
import Reconciliation

extension AssignmentsCompiler.Format: ExpressibleByArgument {}

extension OrgProfileCommand {
    struct Assignments: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "assignments",
            abstract: "Compile org.yaml's grants to CloudFormation or Terraform, through a snapshot.",
            usage: "orgprofile assignments [<file>] --snapshot <path> [options]",
            discussion: """
                Compiles what org.yaml says of Identity Center: the permission set of each \
                role it defines (roles without definition keys are referred to by their ARN \
                in the snapshot), and the grants: every group's assignments to the group, \
                every enabled user's to the user, the delegated-admin user-management grant \
                to whoever carries user_management: true, a super admin's Organization \
                Management grant to the user. With --directory, also the groups, users and \
                memberships (for the Identity Center directory, without an external identity \
                provider). Names resolve to IDs through the snapshot; a name a grant needs \
                that the snapshot lacks and org.yaml does not create is an error at its place \
                in org.yaml: the text plan goes on without those grants (exit 1), the other \
                formats write nothing. cloudformation: AWS::SSO::PermissionSet, AWS::IdentityStore::Group, \
                AWS::SSO::Assignment (at most 20 running at once) and \
                AWS::IdentityStore::GroupMembership, 500 to a template (more are written \
                beside --output as -1, -2, ...). terraform: the aws_ssoadmin_* and \
                aws_identitystore_* resources, and an import block for each that already \
                exists. text: what would be created and changed, what exists undeclared, \
                which accounts get a permission set again, and which customer-managed \
                policies each account must have. docs/assignments.md.

                Example:
                  orgprofile assignments org.yaml --snapshot snapshot.json --format text
                  orgprofile assignments --snapshot s.json --format terraform \\
                    --output identity-center.tf.json
                """
        )

        @OptionGroup var input: InputOptions

        @Option(name: .long, help: ArgumentHelp("The snapshot that orgprofile snapshot wrote.", valueName: "path"), completion: .file())
        var snapshot: String

        @Option(name: .long, help: ArgumentHelp("text, cloudformation, terraform, csv or json.", valueName: "format"))
        var format: AssignmentsCompiler.Format = .text

        @Flag(
            name: .long,
            help: "org.yaml keeps the Identity Center directory: also its groups, users and memberships (no external identity provider).")
        var directory = false

        @OptionGroup var destination: OutputFileOption

        @OptionGroup var diagnostics: DiagnosticOptions

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(options: diagnostics, printer: printer)
            let (model, lapsed, sourceName) = try frontend.analyze(input.file, lapsed: true)
            let state = try frontend.snapshot(from: SnapshotFile(path: snapshot))
            try frontend.refuseUnsafeValues(of: state)
            let resolved = Grants(
                model: model, snapshot: state, creating: directory ? [.definedPermissionSets, .directory] : [.definedPermissionSets])
            try frontend.reportDefinitionGaps(model: model, snapshot: state, index: resolved.snapshotIndex)
            // Only what a declared grant names is needed; the plan goes on without the grants
            // that need a missing name, every other output refuses, naming all of them.
            let missing = resolved.unresolvedForGrants
            if !missing.isEmpty {
                frontend.report(Grants.diagnostics(missing))
                let names = missing.map(\.subject).joined(separator: ", ")
                guard format == .text else {
                    frontend.note(
                        .unknownInIdentityCenter,
                        "nothing was written; the snapshot lacks \(missing.count) name\(missing.count == 1 ? "" : "s") grants need (\(names)), and names are never guessed"
                    )
                    throw Exit.invalidInput
                }
                frontend.note(
                    .unknownInIdentityCenter, "the plan leaves out the grants that need \(names); the rest follows")
            }
            let compiler = AssignmentsCompiler(model: model, resolved: resolved, snapshot: state, source: sourceName, directory: directory)
            let refusals = compiler.refusals(for: format)
            guard refusals.isEmpty else {
                frontend.report(refusals)
                frontend.note(.notDeployable, "nothing was written")
                throw Exit.invalidInput
            }
            let texts: [String] =
                switch format {
                case .text: [compiler.plan(Reconciliation.Drift(model: model, snapshot: state, resolved: resolved, lapsed: lapsed))]
                case .cloudformation: compiler.cloudFormation()
                case .terraform: [compiler.terraform()]
                case .csv: [compiler.csv()]
                case .json: [compiler.json()]
                }
            try write(texts, resources: compiler.resourceCount, frontend)
            // A plan printed without some grants still fails, so that CI notices.
            if !missing.isEmpty { throw Exit.invalidInput }
        }

        /// The output on standard output or in files: one per CloudFormation template.
        private func write(_ texts: [String], resources: Int, _ frontend: Frontend) throws {
            guard let output = destination.output, output != "-" else {
                guard texts.count == 1 else {
                    frontend.fail(
                        .missingOption,
                        "\(resources) resources need \(texts.count) CloudFormation templates (at most \(AssignmentsCompiler.resourcesPerTemplate) each); give --output PATH to write them beside it"
                    )
                    throw Exit.usage
                }
                Terminal.writeToStandardOutput(texts[0])
                return
            }
            let paths = texts.count == 1 ? [output] : (1...texts.count).map { Self.numbered(output, $0) }
            try frontend.writing { try OutputPath.write(zip(paths, texts).map { ($0, Array($1.utf8)) }, force: destination.force) }
            if texts.count > 1 {
                Terminal.writeToStandardError(
                    "\(resources) resources are more than one stack holds: wrote \(texts.count) templates, \(paths.joined(separator: ", "))\n"
                )
            }
        }

        /// `assignments.json` -> `assignments-2.json`.
        static func numbered(_ path: String, _ number: Int) -> String {
            let name = PathText.lastComponent(of: path)
            let folder = PathText.folder(of: path)
            let dot = name.dropFirst().firstIndex(of: ".")
            let numbered = dot.map { "\(name[..<$0])-\(number)\(name[$0...])" } ?? "\(name)-\(number)"
            return folder.isEmpty ? numbered : PathText.joined(folder, numbered)
        }
    }
}
