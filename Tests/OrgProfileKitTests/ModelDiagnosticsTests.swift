import TestSupport
import Testing

@testable import OrgProfileKit
@testable import OrgYAML

/// What the model of org.yaml finds beyond its front end (`DiagnosticsTests` in OrgYAMLTests):
/// two grants giving one principal the same profile name, and scalars as the model keeps them.
@Suite struct ModelDiagnosticsTests {
    /// `validOrg` with its text `replace` replaced by `with`.
    func variant(_ replace: String, _ with: String) -> String {
        precondition(validOrg.contains(replace), "validOrg has no '\(replace)'")
        return validOrg.replacingOccurrences(of: replace, with: with)
    }

    @Test func scalarsAreTakenAsWritten() throws {
        #expect(
            diagnostics(variant("id: \"222222222222\"", "id: 1.2e11")) == [
                "8:9: error[invalid-account-id]: account id '1.2e11' of account 'infrastructure' must be exactly 12 digits"
            ])
        let model = try model(variant("id: \"222222222222\"", "id: 022222222222"))
        #expect(model.accounts[0].id == "022222222222")
    }

    @Test func profileCollisionsNameUserAccountRolesAndPlaces() {
        let yaml = variant(
            "      - role: ReadOnlyAccess\n        accounts: [infrastructure]\n",
            "      - role: Developer\n        accounts: [infrastructure]\n      - role: ReadOnlyAccess\n        accounts: [workload-development]\n"
        )
        .replacingOccurrences(of: "  Developer: {}\n", with: "  Developer: {}\n  Admin: {}\n")
        .replacingOccurrences(
            of: "      - role: Developer\n        accounts: [workload-development]\n",
            with:
                "      - role: Developer\n        accounts: [workload-development]\n      - role: Admin\n        accounts: [workload-development]\n"
        )
        #expect(
            diagnostics(yaml) == [
                "22:20: error[profile-collision]: group 'developers' would get two profiles named 'acme-workload-development': 'Developer' on account 'workload-development' and 'Admin' on account 'workload-development'; give one of the roles a profile_suffix",
                "20:20: note: 'Developer' on account 'workload-development' is granted here",
            ])
    }

    @Test func collisionWithTheUserManagementProfile() {
        let yaml = variant(
            "groups:\n",
            """
            user_management:
              profile: infrastructure
              delegated_admin: {account: infrastructure, role: Developer}
              organization_management: {account: infrastructure, role: Developer}
            groups:

            """
        ).replacingOccurrences(of: "    groups: [developers]\n", with: "    groups: [developers]\n    user_management: true\n")
            .replacingOccurrences(of: "profile_suffix: readonly", with: "{}").replacingOccurrences(
                of: "  ReadOnlyAccess:\n    {}", with: "  ReadOnlyAccess: {}")
        #expect(
            diagnostics(yaml) == [
                "26:22: error[profile-collision]: user 'bob' would get two profiles named 'acme-infrastructure': 'ReadOnlyAccess' on account 'infrastructure' and the user-management profile ('Developer' on account 'infrastructure'); set user_management.profile to another name",
                "29:20: note: 'ReadOnlyAccess' on account 'infrastructure' is granted here",
            ])
    }
}
