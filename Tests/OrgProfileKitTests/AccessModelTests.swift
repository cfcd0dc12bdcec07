import Foundation
import TestSupport
import Testing

@testable import OrgProfileKit

@Suite struct AccessModelTests {
    static let example = try! readText(packageRoot.appendingPathComponent("org.yaml.example").path)

    func userManagementProfile(_ user: String, in model: AccessModel) -> Profile? {
        let principal = model.principal(named: user, kind: .user)!
        return model.profiles(for: principal).first { $0.name == "acme-user-management" }
    }

    @Test func userManagementSplit() throws {
        let model = try model(Self.example)
        // A super admin gets the Organization Management account.
        let alice = try #require(userManagementProfile("alice", in: model))
        #expect(
            [alice.account.key, alice.account.id, alice.role.name] == ["organization-management", "111111111111", "AdministratorAccess"])
        #expect(alice.userManagement == .organizationManagement)
        // A member of a group with user_management gets the delegated admin account.
        let dave = try #require(userManagementProfile("dave", in: model))
        #expect([dave.account.key, dave.account.id, dave.role.name] == ["infrastructure", "222222222222", "UserManagement"])
        #expect(dave.userManagement == .delegatedAdmin)
        // So does a user with user_management: true.
        let erin = try #require(userManagementProfile("erin", in: model))
        #expect(erin.account.key == "infrastructure")
        // Everyone else gets none.
        #expect(userManagementProfile("bob", in: model) == nil)
        // The group with user_management has the delegated admin profile; the other has none.
        let platform = model.profiles(for: model.principal(named: "platform", kind: .group)!)
        #expect(platform.first { $0.name == "acme-user-management" }?.account.key == "infrastructure")
        let developers = model.profiles(for: model.principal(named: "developers", kind: .group)!)
        #expect(!developers.contains { $0.userManagement != nil })
    }

    @Test func accessIsTheUnionOfGroupsAndDirectAssignments() throws {
        let model = try model(Self.example)
        let bob = model.profiles(for: model.principal(named: "bob", kind: .user)!)
        #expect(
            bob.map(\.name) == [
                "acme-infrastructure-readonly", "acme-workload-development",
                "acme-workload-development-readonly", "acme-workload-production-readonly",
            ])
        #expect(bob.map(\.role.name) == ["ReadOnlyAccess", "Developer", "ReadOnlyAccess", "ReadOnlyAccess"])
    }

    @Test func regionsAndSettingsMerge() throws {
        let model = try model(Self.example)
        let bob = model.profiles(for: model.principal(named: "bob", kind: .user)!)
        let production = try #require(bob.first { $0.account.key == "workload-production" })
        #expect(production.account.region == "eu-west-1")
        #expect(production.account.settings == [Setting(key: "output", value: "table")])
        let development = try #require(bob.first { $0.account.key == "workload-development" })
        #expect(development.account.region == "us-west-2")
        #expect(development.account.settings == [Setting(key: "output", value: "json")])
    }

    @Test func everyAccountMeansEveryDeclaredAccount() throws {
        let model = try model(Self.example)
        let dave = model.profiles(for: model.principal(named: "dave", kind: .user)!)
        #expect(
            Set(dave.filter { $0.role.name == "AdministratorAccess" && $0.userManagement == nil }.map(\.account.key))
                == Set(model.accounts.map(\.key)))
    }

    @Test func disabledUsersGetNoOutput() throws {
        let model = try model(Self.example)
        #expect(model.users.map(\.name) == ["alice", "bob", "dave", "erin"])
        #expect(model.disabledUsers.map(\.name) == ["carol"])
        #expect(model.principals.map(\.name) == ["developers", "platform", "alice", "bob", "dave", "erin"])
    }

    @Test func sessionDefaults() throws {
        let model = try model(validOrg)
        #expect(model.session == Session(spec: nil, project: "acme").with(startURL: "https://acme.awsapps.com/start", region: "us-west-2"))
        #expect(model.session.name == "acme")
        #expect(model.session.registrationScopes == ["sso:account:access"])
        #expect(model.accounts.allSatisfy { $0.region == "us-west-2" })
    }
}

extension Session {
    func with(startURL: String, region: String) -> Session {
        var copy = self
        copy.startURL = startURL
        copy.region = region
        return copy
    }
}
