import ArgumentParser
import IdentityCenter
import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML
import Reconciliation

extension AccessDiffFormat: ExpressibleByArgument {}

extension OrgProfileCommand {
    struct Diff: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Show, user by user and group by group, which access a change to org.yaml grants and takes away.",
            usage: "orgprofile diff <old> <new> [options]\n       orgprofile diff --base <rev> [<file>] [options]",
            discussion: """
                Compares two versions: OLD and NEW files, or with --base REV the file as it was at a git revision \
                and as it is now. Lists profiles added, removed, changed (the same name now pointing at another \
                account, role or region) and renamed; users and groups added, removed, disabled or re-enabled; and \
                sso-session changes. Privileged changes come first, most powerful first, marked with ! and their \
                reason: super admin, user management, a role matching review.privileged_roles (default: Admin, \
                PowerUser, FullAccess), a command setting that is new or changed. A "*" assignment that follows \
                every account is broad, marked with * after them. Every added or removed profile says where it \
                comes from: a group, a direct assignment, user management. Role definitions that \
                change are listed with who holds the role; with --snapshot, a role becoming defined \
                also lists what deploying it would change in Identity Center (every attribute, the \
                inline policy's diff, and each part the snapshot could not read).

                Exits 0 whether or not access changed, unless --exit-code is given (then 1 when it changed).

                Example:
                  orgprofile diff old.yaml org.yaml
                  orgprofile diff --base origin/main org.yaml --format markdown > access.md
                  orgprofile diff --base HEAD~1 --snapshot snapshot.json
                """
        )

        @Argument(
            help: ArgumentHelp("OLD and NEW org.yaml files; with --base, only the current file (default org.yaml).", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml"]))
        var files: [String] = []

        @Option(name: .long, help: ArgumentHelp("Compare with the file as it was at this git revision.", valueName: "rev"))
        var base: String?

        @Option(name: .long, help: ArgumentHelp("text, markdown (for a pull-request comment) or json.", valueName: "format"))
        var format: AccessDiffFormat = .text

        @Option(
            name: .long,
            help: ArgumentHelp(
                "A snapshot (orgprofile snapshot): a role becoming defined also lists what deploying it would change there.",
                valueName: "path"), completion: .file())
        var snapshot: String?

        @OptionGroup var destination: OutputFileOption

        @Flag(name: .long, help: "Exit 1 when access changed.")
        var exitCode = false

        @OptionGroup var diagnostics: DiagnosticOptions

        func validate() throws {
            if base == nil, files.count != 2 {
                throw ValidationError("Give OLD and NEW files, or --base REV and at most one file.")
            }
            if base != nil, files.count > 1 {
                throw ValidationError("With --base, give at most one file: the current org.yaml.")
            }
        }

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(options: diagnostics, printer: printer)
            let new: SourceFile
            let old: SourceFile?
            if let base {
                let path = files.first ?? "org.yaml"
                new = try frontend.read(path)
                do {
                    old = try GitRevision.read(path, at: base)
                } catch let failure as GitRevision.Failure {
                    frontend.fail(.gitFailed, failure.description)
                    throw Exit.ioError
                }
                if old == nil {
                    frontend.warn(.missingAtRevision, "\(path) did not exist at \(base); everything counts as added")
                }
            } else {
                old = try frontend.read(files[0])
                new = try frontend.read(files[1])
            }
            // Both files are analysed before either stops the command, so all problems show.
            let (oldAnalysis, newAnalysis) = Compiler.analyze(old: old, new: new, strict: diagnostics.strict, asOf: diagnostics.moment)
            frontend.report((oldAnalysis?.diagnostics ?? []) + newAnalysis.diagnostics)
            guard let newModel = newAnalysis.model, oldAnalysis.map({ $0.model != nil }) ?? true else {
                throw Exit.invalidInput
            }
            var diff = AccessDiff(old: oldAnalysis?.model, new: newModel)
            if let snapshot {
                let state = try frontend.snapshot(from: SnapshotFile(path: snapshot))
                let defined = Set(diff.roles.filter(\.becomesDefined).map(\.role))
                let deployment = Reconciliation.Drift.deploymentChanges(model: newModel, snapshot: state, roles: defined)
                for index in diff.roles.indices { diff.roles[index].deployment = deployment[diff.roles[index].role] }
            }
            try frontend.stream(to: destination.output, force: destination.force) { emit in try format.write(diff, to: emit) }
            if exitCode, !diff.isEmpty { throw Exit.invalidInput }
        }
    }
}
