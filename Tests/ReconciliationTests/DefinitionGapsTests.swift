import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML
import Support
import TestSupport
import Testing

@testable import Reconciliation

/// A role with any definition key is deployed whole: what it leaves out that Identity Center
/// has is cleared, and what the snapshot could not read is replaced unseen. Each is a warning
/// at the role, never silence.
@Suite struct DefinitionGapsTests {
    static func gaps(_ model: AccessModel, _ snapshot: Snapshot) -> [Diagnostic] {
        DefinitionGaps.diagnostics(model: model, snapshot: snapshot, index: .init(snapshot))
    }

    /// ReadOnlyAccess defined by its inline policy alone, against a live permission set that
    /// has every other attribute set (`Fixture.definedSnapshot`).
    static let inlineOnly = Fixture.imported().replacingOccurrences(
        of: "  ReadOnlyAccess: {}\n",
        with:
            "  ReadOnlyAccess:\n    inline_policy: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: \"*\", Resource: \"*\"}]}\n"
    )

    @Test func everyAttributeLeftOutThatIdentityCenterHasIsAWarningAtTheRole() throws {
        let model = try accessModel(Self.inlineOnly)
        let gaps = Self.gaps(model, Fixture.definedSnapshot)
        let line = try #require(Self.inlineOnly.lines.firstIndex(of: "  ReadOnlyAccess:")) + 1
        #expect(gaps.allSatisfy { $0.severity == .warning && $0.location?.line == line && $0.location?.column == 3 })
        #expect(gaps.map(\.code) == Array(repeating: .definitionClears, count: 7), "\(gaps)")
        let messages = gaps.map(\.message)
        #expect(
            messages.contains(
                "role 'ReadOnlyAccess' defines its permission set without managed_policies, while Identity Center's has ReadOnlyAccess, job-function/ViewOnlyAccess attached: deploying would detach them; add managed_policies: [ReadOnlyAccess, job-function/ViewOnlyAccess] to keep it"
            ), "\(messages)")
        #expect(
            messages.contains(
                "role 'ReadOnlyAccess' defines its permission set without session_duration, while Identity Center's has sessions of PT8H: deploying would cut them to PT1H, Identity Center's default; add session_duration: PT8H to keep it"
            ))
        for key in ["description", "relay_state", "customer_managed_policies", "permissions_boundary", "tags"] {
            #expect(messages.contains { $0.contains("without \(key),") }, "\(key): \(messages)")
        }
        // The inline policy is declared: no warning of it.
        #expect(!messages.contains { $0.contains("inline_policy") })
    }

    @Test func aRoleThatDeclaresWhatIdentityCenterHasHasNoGap() throws {
        var importer = OrgImport(snapshot: Fixture.definedSnapshot, project: "acme", region: "eu-west-1")
        let model = try accessModel(importer.render())
        #expect(Self.gaps(model, Fixture.definedSnapshot).isEmpty)
        // A session of PT60M is Identity Center's default of an hour: nothing to lose.
        var hour = Fixture.definedSnapshot
        for index in hour.permissionSets.indices { hour.permissionSets[index].definition.sessionDuration = "PT60M" }
        let defined = try accessModel(Self.inlineOnly)
        #expect(!Self.gaps(defined, hour).contains { $0.message.contains("session_duration") })
    }

    @Test func aPartTheSnapshotDidNotReadIsNamedWithItsCall() throws {
        var snapshot = Fixture.definedSnapshot
        let index = try #require(snapshot.permissionSets.firstIndex { $0.name == "ReadOnlyAccess" })
        snapshot.permissionSets[index].read.remove(.permissionsBoundary)
        snapshot.permissionSets[index].unread = [
            .init(
                part: .part(.permissionsBoundary), action: "sso:GetPermissionsBoundaryForPermissionSet",
                reason: "HTTP 500 Internal Server Error")
        ]
        let gaps = Self.gaps(try accessModel(Self.inlineOnly), snapshot)
        let unread = gaps.filter { $0.code == .definitionUnread }.map(\.message)
        #expect(
            unread == [
                "role 'ReadOnlyAccess' defines its permission set, but the permissions boundary of permission set 'ReadOnlyAccess' was not read: sso:GetPermissionsBoundaryForPermissionSet failed: HTTP 500 Internal Server Error; deploying would replace it unseen; take a new snapshot with the rights docs/live.md lists, or declare the part in org.yaml knowing what it replaces"
            ])
        #expect(!gaps.contains { $0.message.contains("without permissions_boundary") })
        // Roles that define nothing are deployed as they are: no gap, whatever the snapshot.
        #expect(Self.gaps(try accessModel(Fixture.imported()), snapshot).isEmpty)
    }
}
