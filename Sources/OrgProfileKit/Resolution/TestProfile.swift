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
        let lowered = role.lowercased()
        let privileged = privilegedPatterns.contains { role.contains($0) }
        let readOnly = ["readonly", "viewonly", "read", "view"].contains { lowered.contains($0) }
        return (isUserManagement ? 1 : 0, privileged ? 1 : 0, readOnly ? 0 : 1, onTargetAccount ? 1 : 0, name)
    }

    /// For a published config, where only the profiles' names and roles are known: the
    /// default privileged patterns decide.
    public static func name(in file: ConfigFile) -> String? {
        file.profileSections(as: .config).compactMap { name, indices -> (String, String)? in
            guard case .string(let role)? = file.values(of: indices.last!)["sso_role_name"] else { return nil }
            return (name, role)
        }.min { lhs, rhs in
            rank(name: lhs.0, role: lhs.1, isUserManagement: false, onTargetAccount: false, privilegedPatterns: AccessModel.defaultPrivilegedRolePatterns)
                < rank(name: rhs.0, role: rhs.1, isUserManagement: false, onTargetAccount: false, privilegedPatterns: AccessModel.defaultPrivilegedRolePatterns)
        }?.0
    }
}

extension AccessModel {
    /// Of `profiles`, the least privileged by `TestProfile.rank`, with this org's privileged
    /// patterns and user-management targets. Nil only when there are no profiles.
    public func testProfile(of profiles: [Profile]) -> Profile? {
        let targetAccounts = Set(userManagementTargets.values.map { accounts[$0.account].key })
        func rank(_ profile: Profile) -> (Int, Int, Int, Int, String) {
            TestProfile.rank(
                name: profile.name, role: profile.role, isUserManagement: profile.userManagement != nil,
                onTargetAccount: targetAccounts.contains(profile.account), privilegedPatterns: privilegedRolePatterns)
        }
        return profiles.min { rank($0) < rank($1) }
    }
}
