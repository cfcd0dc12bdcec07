import TestSupport
import Testing

@testable import OrgProfileKit
@testable import OrgYAML

/// Whose config `export` and `install` produce: the lookup, the disabled-user rule and the
/// `--role` filter, with the diagnostics the front end prints.
@Suite struct PrincipalSelectionTests {
    func select(_ kind: Principal.Kind, _ name: String, roles: [String] = []) throws -> Result<PrincipalSelection, Diagnostic> {
        let model = try model(try readText(packageRoot.appendingPathComponent("org.yaml.example").path))
        return PrincipalSelection.select(kind, named: name, roles: roles, in: model, file: "org.yaml")
    }

    func problem(_ result: Result<PrincipalSelection, Diagnostic>) -> (DiagnosticCode, String)? {
        guard case .failure(let diagnostic) = result else { return nil }
        return (diagnostic.code, diagnostic.message)
    }

    @Test func aUserGetsAllTheirProfilesOrThoseOfTheGivenRoles() throws {
        let all = try select(.user, "bob").get()
        #expect(all.principal.name == "bob" && all.warnings.isEmpty)
        let readOnly = try select(.user, "bob", roles: ["ReadOnlyAccess"]).get()
        #expect(!readOnly.profiles.isEmpty && readOnly.profiles.count < all.profiles.count)
        #expect(readOnly.profiles.allSatisfy { $0.role.name == "ReadOnlyAccess" })
        #expect(readOnly.profiles == all.profiles.filter { $0.role.name == "ReadOnlyAccess" })
    }

    @Test func aRoleNobodyHoldsLeavesOnlyTheSessionWithAWarning() throws {
        let none = try select(.user, "bob", roles: ["UserManagement"]).get()
        #expect(none.profiles.isEmpty)
        #expect(none.warnings.map(\.code) == [.noMatchingProfiles])
        #expect(
            none.warnings.map(\.message) == ["user 'bob' holds no profile with role 'UserManagement'; only the sso-session is exported"])
    }

    @Test func unknownNamesDisabledUsersAndUnknownRolesAreRefused() throws {
        #expect(problem(try select(.user, "bobb"))?.0 == .unknownPrincipal)
        #expect(problem(try select(.user, "bobb"))?.1 == "unknown user 'bobb'; did you mean 'bob'?")
        #expect(problem(try select(.group, "bob"))?.0 == .unknownPrincipal)
        #expect(problem(try select(.user, "carol"))?.0 == .disabledUser)
        #expect(problem(try select(.user, "carol"))?.1 == "user 'carol' is disabled in org.yaml and gets no config")
        let unknownRole = problem(try select(.user, "bob", roles: ["ReadOnlyAccess", "Admin"]))
        #expect(unknownRole?.0 == .unknownRole)
        #expect(
            unknownRole?.1
                == "unknown role 'Admin'; a role (a permission set) is declared under 'roles:' in org.yaml (declared: AdministratorAccess, Developer, ReadOnlyAccess, UserManagement); did you mean 'AdministratorAccess'?"
        )
    }
}
