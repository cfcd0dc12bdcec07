/// The profile an onboarding page tells a person to try first: the one that can do the
/// least harm, so a first `aws sts get-caller-identity` or `aws s3 ls` never runs with
/// administrator rights.
extension AccessModel {
    /// Of `profiles`, the least privileged: not the user-management profile; a role that
    /// matches no `review.privileged_roles` pattern; a role named read-only or view-only
    /// (`ReadOnly`, `ViewOnly`, `Read`, `View`, any case) before others; an account that is
    /// not a user-management target (the Organization Management and delegated-admin
    /// accounts); then by profile name. Nil only when there are no profiles.
    public func testProfile(of profiles: [Profile]) -> Profile? {
        let targetAccounts = Set(userManagementTargets.values.map { accounts[$0.account].key })
        func rank(_ profile: Profile) -> (Int, Int, Int, Int, String) {
            let role = profile.role.lowercased()
            let privileged = privilegedRolePatterns.contains { profile.role.contains($0) }
            let readOnly = ["readonly", "viewonly", "read", "view"].contains { role.contains($0) }
            return (profile.userManagement == nil ? 0 : 1, privileged ? 1 : 0, readOnly ? 0 : 1, targetAccounts.contains(profile.account) ? 1 : 0, profile.name)
        }
        return profiles.min { rank($0) < rank($1) }
    }
}
