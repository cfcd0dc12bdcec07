import ArgumentParser
import Foundation
import IdentityCenter
import OrgProfileKit

/// How to reach the live Identity Center through the aws command.
struct AWSAccessOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The AWS CLI profile to read with (default: the aws command's own choice).", valueName: "name"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("Identity Center's home region (default: the aws command's own choice).", valueName: "region"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("How many aws commands run at once.", valueName: "n"))
    var jobs: Int = 4

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64.") }
    }

    /// The live reader, with progress on standard error when it is a terminal.
    func live(_ frontend: Frontend) -> LiveIdentityCenter {
        let showProgress = isatty(STDERR_FILENO) == 1
        return LiveIdentityCenter(
            aws: AWSCommand(profile: profile, region: region), jobs: jobs,
            progress: { done, total in
                guard showProgress else { return }
                FileHandle.standardError.write(Data("\rreading IAM Identity Center: \(done)/\(total) calls\u{1B}[K".utf8))
            },
            warn: { frontend.warn(.partialRead, $0) })
    }
}

extension Frontend {
    /// Reads a snapshot, live or from a file; a failed call is reported and exits 74.
    func snapshot(from source: IdentityCenterSource) throws -> IdentityCenter.Snapshot {
        defer {
            if isatty(STDERR_FILENO) == 1, source is LiveIdentityCenter { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
        do {
            return try reading { try source.snapshot() }
        } catch let failure as AWSCommand.Failure {
            fail(.awsCallFailed, failure.description)
            throw Exit.ioError
        }
    }
}

extension OrgProfileCommand {
    struct Snapshot: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snapshot",
            abstract: "Read the live IAM Identity Center into one JSON document.",
            usage: "orgprofile snapshot [--profile <name>] [--output <path>] [options]",
            discussion: """
                Reads the instance, the organisation's accounts, permission sets, users, groups, \
                memberships and every account assignment through the aws command (version 2 or \
                1), with whatever credentials it uses. The document is sorted, so the same \
                state gives the same bytes; docs/live.md describes it and the calls it makes. \
                A failed call is reported with the aws command's own words, exit 74, and \
                nothing is written.

                Example:
                  orgprofile snapshot --profile acme-user-management --output snapshot.json
                """
        )

        @OptionGroup var access: AWSAccessOptions

        @OptionGroup var destination: OutputFileOption

        @OptionGroup var diagnostics: DiagnosticFormatOption

        func run() throws {
            let frontend = Frontend(format: diagnostics)
            let snapshot = try frontend.snapshot(from: access.live(frontend))
            let text = snapshot.json()
            try frontend.emit(text, to: destination.output) { path in
                "wrote \(path): \(snapshot.accounts.count) accounts, \(snapshot.permissionSets.count) permission sets, \(snapshot.users.count) users, \(snapshot.groups.count) groups, \(snapshot.assignments.count) assignments"
            }
        }
    }
}
