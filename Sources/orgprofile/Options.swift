import AWSConfig
import ArgumentParser
import FileSafety
import Foundation
import IdentityCenter
import OrgProfileKit
import OrgYAML
import Support

// The option groups commands share, each mounted with @OptionGroup.

/// The org.yaml argument every command takes.
struct InputOptions: ParsableArguments {
    @Argument(help: "The org.yaml to read.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String = "org.yaml"
}

/// `--templates`, said one way wherever a command renders (compile, check, export, install).
let templatesHelp = ArgumentHelp(
    "A folder of NAME.mustache files that replace or add to the built-in templates.", valueName: "dir")

/// Where compile writes, and with which templates; shared by compile and check.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"), completion: .directory)
    var out: String = "dist"

    @Option(name: .long, help: templatesHelp, completion: .directory)
    var templates: String?

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out must name a folder.") }
    }
}

/// How a command that reads org.yaml reads it (as of which day) and reports diagnostics.
struct DiagnosticOptions: ParsableArguments {
    @OptionGroup var format: DiagnosticFormatOption

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @OptionGroup var clock: AsOfOption

    /// The moment access is read as of.
    var moment: Date { clock.moment }
}

/// `--as-of DATE`: the one clock of every command that reads org.yaml.
struct AsOfOption: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Read temporary access (from, until) as of this day (2027-01-31) or moment (2027-01-31T18:00:00Z) instead of today in UTC.",
            valueName: "date"))
    var asOf: String?

    /// The moment access is read as of: the first moment of a day given, a moment given, or
    /// of today in UTC.
    var moment: Date {
        asOf.flatMap { AccessWindow.moment($0, endOfDay: false) } ?? UTCTime.today
    }

    func validate() throws {
        if let asOf, AccessWindow.moment(asOf, endOfDay: false) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a day (2027-01-31) or a moment with its offset (2027-01-31T18:00:00Z).")
        }
    }
}

/// `--output PATH` of the commands that print one document: write it there, atomically,
/// instead of to standard output (`Frontend.emit`).
struct OutputFileOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Write to this file (atomically) instead of standard output (- is standard output).", valueName: "path"),
        completion: .file())
    var output: String?

    @Flag(name: .long, help: "Replace an --output file that is read-only or owned by another user.")
    var force = false
}

/// How diagnostics are printed; alone for a command that reads no org.yaml.
struct DiagnosticFormatOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("How to print diagnostics: text, json (one object per line) or github (workflow commands).", valueName: "format")
    )
    var diagnosticsFormat: DiagnosticFormat = .text

    @Flag(name: .long, help: "Never colour anything (as NO_COLOR does): diagnostics, diffs.")
    var noColor = false

    /// `--no-color` is `NO_COLOR` for this run: every coloured output asks `Terminal.colorAllowed`.
    func validate() throws {
        if noColor { Terminal.colorRefused = true }
    }
}

/// Which config and credentials files to edit or inspect.
struct AWSFileOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("The AWS config file (default: $AWS_CONFIG_FILE, else ~/.aws/config).", valueName: "path"),
        completion: .file())
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The AWS credentials file (default: $AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials).", valueName: "path"),
        completion: .file())
    var credentials: String?

    var paths: AWSConfigPaths {
        AWSConfigPaths(config: config, credentials: credentials, environment: ProcessInfo.processInfo.environment)
    }
}

extension AWSCallPath: ExpressibleByArgument {}

/// How to reach the live Identity Center.
struct AWSAccessOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The AWS CLI profile to read with (default: the aws command's own choice).", valueName: "name"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("Identity Center's home region (default: the aws command's own choice).", valueName: "region"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("How many calls are made at once (default: 8 in-process, 4 aws commands).", valueName: "n"))
    var jobs: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "At most this many calls a second (default: as fast as AWS allows, slowing down when it throttles).", valueName: "n"))
    var maxRate: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How calls are made: in-process (signed requests from orgprofile itself), aws-cli (one aws command per call), or auto (in-process when credentials can be had from the environment or aws configure export-credentials).",
            valueName: "auto|in-process|aws-cli"))
    var calls: AWSCallPath = .auto

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The longest one in-process request may take, its whole answer included, in seconds (default: 60); a timed-out request is tried once more.",
            valueName: "seconds"))
    var timeout: Double = 60

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be more than 0 and at most 3600 seconds.") }
        if let jobs, !(1...64).contains(jobs) { throw ValidationError("--jobs must be between 1 and 64.") }
        if let maxRate, !(maxRate > 0) { throw ValidationError("--max-rate must be a positive number of calls a second.") }
    }

    /// The live reader, with progress on standard error when it is a terminal; the progress
    /// line says which way calls are made.
    func live(_ frontend: Frontend) throws -> LiveIdentityCenter {
        let printer = frontend.printer
        let aws = AWSCommand(profile: profile, region: region)
        let (caller, path) = try calls.caller(
            for: aws, maxRate: maxRate, timeout: timeout, userAgent: "\(OrgProfile.name)/\(OrgProfile.version)")
        return LiveIdentityCenter(
            aws: aws, caller: caller, jobs: jobs ?? (caller is AWSCommand ? 4 : 8),
            progress: { done, total in printer.progress("reading IAM Identity Center \(path): \(done)/\(total) calls") },
            warn: { frontend.warn(.partialRead, $0) })
    }
}

/// Whose config to produce from org.yaml: a user or a group, optionally only some roles.
struct PrincipalOptions: ParsableArguments {
    @Option(name: .long, help: "The user whose config to use.", completion: NameCompletion.users)
    var user: String?

    @Option(name: .long, help: "The group whose config to use, instead of a user.", completion: NameCompletion.groups)
    var group: String?

    @Option(
        name: .long, help: ArgumentHelp("Only profiles of this role; repeat for more roles.", valueName: "role"),
        completion: NameCompletion.roles)
    var role: [String] = []

    @Option(name: .long, help: templatesHelp, completion: .directory)
    var templates: String?

    var isGiven: Bool { user != nil || group != nil }

    /// Exactly one of --user and --group.
    func requireOne() throws {
        guard (user == nil) != (group == nil) else {
            throw ValidationError("Give exactly one of --user NAME and --group NAME.")
        }
    }
}

/// `--lock-timeout SECONDS` of the commands that change a file or folder under orgprofile's
/// lock (`FileLock`).
struct LockOption: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("How long to wait for another orgprofile run that holds the lock.", valueName: "seconds"))
    var lockTimeout: Double = FileLock.defaultTimeout

    func validate() throws {
        guard lockTimeout >= 0 else { throw ValidationError("--lock-timeout must be 0 or more seconds.") }
    }
}

/// `--project NAME`: the project whose managed block a command works on.
struct ProjectOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The project whose block to work on (default: org.yaml's project, the --from file's sso-session, or the only block installed).",
            valueName: "name"))
    var project: String?

    func validate() throws {
        if let project, !NameRules.isSlug(project) {
            throw ValidationError("--project '\(project)' must be lowercase letters, digits and single hyphens.")
        }
    }
}
