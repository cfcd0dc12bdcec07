import AWSConfig

/// The profile a person is told to try first: the one that can do the least harm, so a
/// first `aws sts get-caller-identity` or `aws s3 ls` never runs with administrator rights.
public enum TestProfile {
    /// The order of preference, smallest first: not the user-management profile; a role that
    /// matches no privileged pattern; a role named read-only or view-only (`ReadOnly`,
    /// `ViewOnly`, `Read`, `View`, any case) before others; an account that is not a
    /// user-management target; then by profile name.
    static func rank(
        name: String, role: String, isUserManagement: Bool, onTargetAccount: Bool, privilegedPatterns: [String]
    ) -> (Int, Int, Int, Int, String) {
        let (privileged, readOnly) = traits(of: role, privilegedPatterns: privilegedPatterns)
        return (isUserManagement ? 1 : 0, privileged ? 1 : 0, readOnly ? 0 : 1, onTargetAccount ? 1 : 0, name)
    }

    /// Whether a role matches a privileged pattern, and whether its name says read-only.
    static func traits(of role: String, privilegedPatterns: [String]) -> (privileged: Bool, readOnly: Bool) {
        let lowered = role.lowercased()
        return (
            privilegedPatterns.contains { role.contains($0) }, ["readonly", "viewonly", "read", "view"].contains { lowered.contains($0) }
        )
    }

    /// For a published config, where only the profiles' names and roles are known: the
    /// default privileged patterns decide.
    static func name(in file: ConfigFile) -> String? {
        file.profileSections(as: .config).compactMap { name, indices -> (String, String)? in
            guard case .string(let role)? = file.values(of: indices.last!)["sso_role_name"] else { return nil }
            return (name, role)
        }.min { lhs, rhs in
            rank(
                name: lhs.0, role: lhs.1, isUserManagement: false, onTargetAccount: false,
                privilegedPatterns: AccessModel.defaultPrivilegedRolePatterns)
                < rank(
                    name: rhs.0, role: rhs.1, isUserManagement: false, onTargetAccount: false,
                    privilegedPatterns: AccessModel.defaultPrivilegedRolePatterns)
        }?.0
    }
}

/// What choosing the test profile needs to know of an org, computed once per model (the
/// choice runs for every principal compile renders; see `ProfileStrings.testProfileIndex`).
struct TestProfileTraits: Sendable {
    var roles: [String: (privileged: Bool, readOnly: Bool)] = [:]
    /// Keys of the accounts the user-management profiles point at.
    var targetAccounts = Set<String>()

    init(roles: [AccessModel.Role], privilegedPatterns: [String], targetAccounts: Set<String>) {
        for role in roles { self.roles[role.name] = TestProfile.traits(of: role.name, privilegedPatterns: privilegedPatterns) }
        self.targetAccounts = targetAccounts
    }
}
