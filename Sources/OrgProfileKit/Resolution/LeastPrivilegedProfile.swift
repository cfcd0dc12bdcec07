import AWSConfig

/// The profile a page tells people to try first (`test_profile` in templates): the one that
/// can do the least harm, so a first `aws sts get-caller-identity` or `aws s3 ls` never runs
/// with administrator rights.
public enum LeastPrivilegedProfile {
    /// The order of preference, smallest first: not the user-management profile; a role that
    /// matches no privileged pattern; a role named read-only or view-only (`ReadOnly`,
    /// `ViewOnly`, `Read`, `View`, any case) before others; an account that is not a
    /// user-management target; then by profile name.
    static func rank(
        name: String, isUserManagement: Bool, isPrivileged: Bool, isReadOnly: Bool, onTargetAccount: Bool
    ) -> (Int, Int, Int, Int, String) {
        (isUserManagement ? 1 : 0, isPrivileged ? 1 : 0, isReadOnly ? 0 : 1, onTargetAccount ? 1 : 0, name)
    }

    /// Whether a role matches a privileged pattern, and whether its name says read-only.
    static func traits(of role: String, privilegedPatterns: [String]) -> (privileged: Bool, readOnly: Bool) {
        let lowered = role.lowercased()
        return (
            AccessModel.privilegeRank(of: role, patterns: privilegedPatterns) != nil,
            ["readonly", "viewonly", "read", "view"].contains { lowered.contains($0) }
        )
    }

    /// The position of the profile to try first among a principal's profiles; nil when there
    /// are none.
    public static func index(in profiles: [Profile]) -> Int? {
        profiles.indices.min { lhs, rhs in rank(profiles[lhs]) < rank(profiles[rhs]) }
    }

    private static func rank(_ profile: Profile) -> (Int, Int, Int, Int, String) {
        rank(
            name: profile.name, isUserManagement: profile.userManagement != nil, isPrivileged: profile.role.isPrivileged,
            isReadOnly: profile.role.isReadOnly, onTargetAccount: profile.account.isUserManagementTarget)
    }

    /// For a published config, where only the profiles' names and roles are known: the
    /// default privileged patterns decide.
    static func name(in file: ConfigFile) -> String? {
        let ranked = file.profileSections(as: .config).compactMap { name, indices -> (Int, Int, Int, Int, String)? in
            guard case .string(let role)? = file.values(of: indices.last!)["sso_role_name"] else { return nil }
            let (privileged, readOnly) = traits(of: role, privilegedPatterns: AccessModel.defaultPrivilegedRolePatterns)
            return rank(name: name, isUserManagement: false, isPrivileged: privileged, isReadOnly: readOnly, onTargetAccount: false)
        }
        return ranked.min { $0 < $1 }?.4
    }
}
