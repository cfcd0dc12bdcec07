import ArgumentParser
import FileSafety
import Foundation
import OrgProfileKit

extension OrgProfileCommand {
    struct Compile: Subcommand {
        static let configuration = CommandConfiguration(
            commandName: "compile",
            abstract: "Validate org.yaml, then write every user's and group's config and README, and manifest.json.",
            usage: "orgprofile compile [<file>] [--out <dir>] [--templates <dir>] [options]",
            discussion: """
                Writes users/<user>/config, users/<user>/README.md, groups/<group>/config, groups/<group>/README.md \
                and manifest.json under the output folder. Unchanged files are not rewritten; files the previous \
                manifest lists that are no longer produced are removed; nothing else in the folder is touched. \
                An org.yaml with errors writes nothing.

                Example:
                  orgprofile compile org.yaml --out dist
                  orgprofile compile org.yaml --templates my-templates
                """
        )

        @OptionGroup var input: InputOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        @OptionGroup var output: OutputOptions
        @OptionGroup var lock: LockOption

        @Flag(name: .long, help: "Write into a folder that is not empty and holds no earlier output of orgprofile's.")
        var force = false

        func run(printing printer: DiagnosticPrinter) throws {
            let frontend = Frontend(options: diagnostics, printer: printer)
            let renderer = try frontend.renderer(input.file, templates: output.templates)
            let writer = OutputWriter(root: output.out, force: force)
            let summary = try frontend.writing {
                try writer.write(renderer, lockTimeout: lock.lockTimeout, waiting: frontend.waitingForLock)
            }
            print(
                "compiled \(renderer.sourceName) into \(output.out): \(summary.totals.users) users, \(summary.totals.groups) groups, \(summary.totals.profiles) profiles; "
                    + "\(summary.written) files written, \(summary.unchanged) unchanged, \(summary.removed) removed")
        }
    }
}
