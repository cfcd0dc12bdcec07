import ArgumentParser
import OrgProfileKit
import OrgYAML

/// A user's or group's config compiled from org.yaml, as `export` prints it and `install`
/// installs it.
struct PrincipalConfig {
    var model: AccessModel
    var principal: Principal
    var text: String
    /// The profile to try first.
    var testProfile: String?

    init(file: String, options: PrincipalOptions, frontend: Frontend) throws {
        let renderer = try frontend.renderer(file, templates: options.templates)
        let model = renderer.model
        let (kind, name): (Principal.Kind, String) = options.user.map { (.user, $0) } ?? (.group, options.group ?? "")
        switch PrincipalSelection.select(kind, named: name, roles: options.role, in: model, file: Compiler.displayName(of: file)) {
        case .failure(let problem):
            frontend.report([problem])
            throw Exit.usage
        case .success(let selection):
            frontend.report(selection.warnings)
            self.model = model
            principal = selection.principal
            // The built-in set always has a `config` template, and overrides only replace it.
            text = renderer.render("config", for: principal, profiles: selection.profiles) ?? ""
            testProfile = LeastPrivilegedProfile.index(in: selection.profiles).map { selection.profiles[$0].name }
        }
    }
}

/// Shell completion of `--user`, `--group` and `--role` with the names declared in the
/// org.yaml on the command line (the first word ending in `.yaml` or `.yml`, else
/// `org.yaml`). Nothing is completed while that file does not compile.
enum NameCompletion {
    static let users = CompletionKind.custom { words, _, prefix in names(words, prefix) { $0.users.map(\.name) } }
    static let groups = CompletionKind.custom { words, _, prefix in names(words, prefix) { $0.groups.map(\.name) } }
    static let roles = CompletionKind.custom { words, _, prefix in names(words, prefix) { $0.roles.map(\.name) } }

    static func names(_ words: [String], _ prefix: String, _ pick: (AccessModel) -> [String]) -> [String] {
        let file = words.dropFirst().first { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") } ?? "org.yaml"
        guard let source = try? SourceFile.read(file), let model = Compiler.analyze(source).model else { return [] }
        return pick(model).filter { $0.hasPrefix(prefix) }.sorted()
    }
}
