import ArgumentParser
import Foundation
import IdentityCenter
import IdentityCenterSnapshot
import OrgProfileKit
import Reconciliation

extension Frontend {
    /// Reads a snapshot, live or from a file; a failed call is reported and exits 74.
    func snapshot(from source: IdentityCenterSource) throws -> IdentityCenterSnapshot.Snapshot {
        defer { printer.clearProgress() }
        do {
            return try reading { try source.snapshot() }
        } catch let failure as AWSCommand.Failure {
            fail(.awsCallFailed, failure.description)
            throw Exit.ioError
        }
    }

    /// Warns where deploying a role org.yaml defines would clear or replace unseen what the
    /// snapshot shows (`DefinitionGaps`), and returns how many; with --strict these are
    /// errors and exit 1.
    @discardableResult
    func reportDefinitionGaps(
        model: AccessModel, snapshot state: IdentityCenterSnapshot.Snapshot, index: IdentityCenterSnapshot.Snapshot.Index
    ) throws
        -> Int
    {
        var gaps = DefinitionGaps.diagnostics(model: model, snapshot: state, index: index)
        guard !gaps.isEmpty else { return 0 }
        if strict { for index in gaps.indices { gaps[index].severity = .error } }
        report(gaps)
        if strict { throw Exit.invalidInput }
        return gaps.count
    }

    /// Refuses a snapshot holding a value no output may carry, naming each (exit 1):
    /// what is built from it would carry the value into files CI applies or people read.
    func refuseUnsafeValues(of state: IdentityCenterSnapshot.Snapshot) throws {
        let unsafe = state.unsafeValues()
        guard !unsafe.isEmpty else { return }
        for message in unsafe { fail(.unsafeValue, message) }
        note(
            .unsafeValue,
            "nothing was written; correct these in IAM Identity Center or the identity provider, then take a new snapshot")
        throw Exit.invalidInput
    }
}

extension OrgProfileCommand {
    struct Snapshot: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "snapshot",
            abstract: "Read the live IAM Identity Center into one JSON document.",
            usage: "orgprofile snapshot [--profile <name>] [--output <path>] [options]",
            discussion: """
                Reads the instance, the organisation's accounts, permission sets, users, groups, \
                memberships and every account assignment with the credentials the AWS CLI uses: \
                in-process (requests signed by orgprofile itself) when it can get them, else \
                through the aws command, one call at a time (--calls). The document is sorted, so the same \
                state gives the same bytes; docs/live.md (share/doc/orgprofile/live.md in the \
                release archive) describes it and the calls it makes. A failed call is reported \
                in the words the aws command would use, exit 74, and nothing is written.

                Example:
                  orgprofile snapshot --profile acme-user-management --output snapshot.json
                """
        )

        @OptionGroup var access: AWSAccessOptions

        @OptionGroup var destination: OutputFileOption

        @OptionGroup var diagnostics: DiagnosticFormatOption

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(format: diagnostics, printer: printer)
            let snapshot = try frontend.snapshot(from: try access.live(frontend))
            let text = snapshot.json()
            try frontend.emit(text, to: destination.output, force: destination.force) { path in
                "wrote \(path): \(snapshot.accounts.count) accounts, \(snapshot.permissionSets.count) permission sets, \(snapshot.users.count) users, \(snapshot.groups.count) groups, \(snapshot.assignments.count) assignments"
            }
        }
    }
}
