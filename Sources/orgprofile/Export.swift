import ArgumentParser
import Foundation
import OrgProfileKit

extension OrgProfileCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one user's or group's config, optionally only the profiles of some roles.",
            discussion: """
                The sso-session block is always included. With --role, only profiles of those roles follow it
                (the user-management profile counts as a profile of the role it points at).

                Example:
                  orgprofile export org.yaml --user bob
                  orgprofile export org.yaml --user bob --role ReadOnlyAccess --output bob-readonly.config
                  orgprofile export org.yaml --group developers
                """
        )

        @OptionGroup var input: InputOptions
        @OptionGroup var diagnostics: DiagnosticOptions

        @Option(name: .long, help: "The user whose config to export.")
        var user: String?

        @Option(name: .long, help: "The group whose config to export, instead of a user.")
        var group: String?

        @Option(name: .long, help: ArgumentHelp("Only profiles of this role; repeat for more roles.", valueName: "role"))
        var role: [String] = []

        @Option(name: .long, help: ArgumentHelp("A folder of NAME.mustache files that replace the built-in templates.", valueName: "dir"))
        var templates: String?

        @Option(name: .long, help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "path"))
        var output: String?

        func validate() throws {
            guard (user == nil) != (group == nil) else {
                throw ValidationError("Give exactly one of --user NAME and --group NAME.")
            }
        }

        func run() throws {
            let frontend = Frontend(options: diagnostics)
            let (model, sourceName) = try frontend.analyze(input.file)
            let renderer = Renderer(model: model, templates: try frontend.templates(templates), sourceName: sourceName)
            let principal = try selectedPrincipal(in: model, frontend)
            var profiles = model.profiles(for: principal)
            if !role.isEmpty {
                for name in role where !model.roles.contains(where: { $0.name == name }) {
                    frontend.fail(.unknownRole, "unknown role '\(name)'\(Suggestion.hint(for: name, in: model.roles.map(\.name)))")
                    throw Exit.usage
                }
                profiles = profiles.filter { role.contains($0.role) }
                if profiles.isEmpty {
                    frontend.warn(.noMatchingProfiles, "\(principal.kind) '\(principal.name)' holds no profile with role \(role.map { "'\($0)'" }.joined(separator: " or ")); only the sso-session is exported")
                }
            }
            // The built-in set always has a `config` template, and overrides only replace it.
            let text = renderer.render("config", for: principal, profiles: profiles) ?? ""
            if let output {
                try frontend.writing { try FileSystem.replaceFile(at: output, with: Array(text.utf8)) }
            } else {
                Terminal.write(text)
            }
        }

        private func selectedPrincipal(in model: AccessModel, _ frontend: Frontend) throws -> Principal {
            let (kind, name): (Principal.Kind, String) = user.map { (.user, $0) } ?? (.group, group ?? "")
            guard let principal = model.principal(named: name, kind: kind) else {
                let known = kind == .user ? (model.users + model.disabledUsers).map(\.name) : model.groups.map(\.name)
                frontend.fail(.unknownPrincipal, "unknown \(kind.rawValue) '\(name)'\(Suggestion.hint(for: name, in: known))")
                throw Exit.usage
            }
            if model.disabledUsers.contains(principal) {
                frontend.fail(.disabledUser, "user '\(name)' is disabled in \(Compiler.displayName(of: input.file)) and gets no config")
                throw Exit.usage
            }
            return principal
        }
    }
}
