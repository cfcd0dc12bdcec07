import OrgYAML

/// A user's or group's profiles as `export`, `install` and `doctor` take them: the principal
/// looked up by name (a disabled user gets no config), optionally only the profiles of some
/// roles. Problems come back as diagnostics for the front end to print.
public struct PrincipalSelection: Sendable {
    public var principal: Principal
    public var profiles: [Profile]
    /// A role filter that leaves no profile: the config holds only the sso-session.
    public var warnings: [Diagnostic] = []

    /// `file`: org.yaml's name as the messages call it. `roles` empty: every profile.
    public static func select(
        _ kind: Principal.Kind, named name: String, roles: [String], in model: AccessModel, file: String
    ) -> Result<PrincipalSelection, Diagnostic> {
        guard let principal = model.principal(named: name, kind: kind) else {
            let known = kind == .user ? (model.users + model.disabledUsers).map(\.name) : model.groups.map(\.name)
            return .failure(
                .error(.unknownPrincipal, "unknown \(kind.rawValue) '\(name)'\(Suggestion.hint(for: name, in: known))", at: nil))
        }
        if model.isDisabled(principal) {
            return .failure(.error(.disabledUser, "user '\(name)' is disabled in \(file) and gets no config", at: nil))
        }
        var selection = PrincipalSelection(principal: principal, profiles: model.profiles(for: principal).profiles)
        guard !roles.isEmpty else { return .success(selection) }
        let declared = model.roles.map(\.name)
        if let unknown = roles.first(where: { !declared.contains($0) }) {
            return .failure(.error(.unknownRole, Validator.unknownRole(unknown, declared: declared.sorted(), in: file), at: nil))
        }
        selection.profiles.removeAll { !roles.contains($0.role.name) }
        if selection.profiles.isEmpty {
            let names = roles.map { "'\($0)'" }.joined(separator: " or ")
            selection.warnings.append(
                .warning(
                    .noMatchingProfiles,
                    "\(principal.kind) '\(principal.name)' holds no profile with role \(names); only the sso-session is exported", at: nil))
        }
        return .success(selection)
    }
}
