import IdentityCenterSnapshot
import OrgYAML
import Support

/// A small Identity Center, built in memory: the snapshot the tests of the live side and of the
/// snapshot itself read.
public enum SnapshotFixture {
    public static let arn = "arn:aws:sso:::instance/ssoins-1111111111111111"

    public static func ps(_ name: String) -> String { "\(arn)/ps-\(name.lowercased())" }

    public static var snapshot: Snapshot {
        Snapshot(
            instance: .init(arn: arn, identityStoreID: "d-1234567890", region: "eu-west-1"),
            organization: .init(managementAccountID: "111111111111", delegatedAdministratorIDs: ["222222222222"]),
            accounts: [
                .init(id: "111111111111", name: "Org Management", status: "ACTIVE"),
                .init(id: "222222222222", name: "Infrastructure", status: "ACTIVE"),
                .init(id: "333333333333", name: "Workload Dev", status: "ACTIVE"),
            ],
            permissionSets: ["AdministratorAccess", "Developer", "ReadOnlyAccess"].map {
                .init(arn: ps($0), name: $0, description: nil, sessionDuration: "PT8H")
            },
            users: [
                .init(id: "u-ann", userName: "ann@x.example", displayName: "Ann A", email: "ann@x.example"),
                .init(id: "u-ben", userName: "ben", displayName: nil, email: nil),
            ],
            groups: [
                .init(id: "g-dev", displayName: "Dev Team", description: "Developers"),
                .init(id: "g-ops", displayName: "ops", description: nil),
            ],
            memberships: [
                .init(groupID: "g-dev", userID: "u-ann"), .init(groupID: "g-ops", userID: "u-ben"),
                .init(groupID: "g-dev", userID: "u-ben"),
            ],
            assignments: [
                .init(accountID: "333333333333", permissionSetARN: ps("Developer"), principalType: .group, principalID: "g-dev"),
                .init(accountID: "333333333333", permissionSetARN: ps("ReadOnlyAccess"), principalType: .group, principalID: "g-ops"),
                .init(accountID: "222222222222", permissionSetARN: ps("ReadOnlyAccess"), principalType: .group, principalID: "g-ops"),
                .init(accountID: "111111111111", permissionSetARN: ps("ReadOnlyAccess"), principalType: .group, principalID: "g-ops"),
                .init(accountID: "222222222222", permissionSetARN: ps("AdministratorAccess"), principalType: .user, principalID: "u-ann"),
                // The same assignment listed twice (moto does this) is one assignment.
                .init(accountID: "222222222222", permissionSetARN: ps("AdministratorAccess"), principalType: .user, principalID: "u-ann"),
            ])
    }

    /// The snapshot with ReadOnlyAccess's definition read whole (snapshot version 2).
    public static var definedSnapshot: Snapshot {
        var snapshot = SnapshotFixture.snapshot
        let index = snapshot.permissionSets.firstIndex { $0.name == "ReadOnlyAccess" }!
        snapshot.permissionSets[index].description = "Reads: everything"
        snapshot.permissionSets[index].definition.texts["relay_state"] = "https://console.aws.amazon.com/"
        snapshot.permissionSets[index].record(
            .managedPolicies, \.managedPolicyARNs,
            ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"])
        snapshot.permissionSets[index].record(
            .customerManagedPolicies, \.customerManagedPolicies,
            [.init(name: "audit,extras", path: "/security/"), .init(name: "billing", path: "/")])
        snapshot.permissionSets[index].record(
            .inlinePolicy, \.inlinePolicy,
            JSONValue(
                policyText:
                    #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["s3:DeleteBucket"],"Resource":"arn:aws:s3:::*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":false},"NumericLessThan":{"aws:MultiFactorAuthAge":3600}}}]}"#
            ))
        snapshot.permissionSets[index].record(
            .permissionsBoundary, \.permissionsBoundary, .managed(arn: "arn:aws:iam::aws:policy/PowerUserAccess"))
        snapshot.permissionSets[index].record(.tags, \.tags, ["team": "ops", "cost-center": "4711"])
        snapshot.permissionSets[index].outdatedAccountIDs = []
        return snapshot
    }
}
