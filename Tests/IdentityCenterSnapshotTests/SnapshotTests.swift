import FileSafety
import IdentityCenterSnapshot
import OrgYAML
import TestSupport
import Testing

@Suite struct SnapshotFileTests {
    @Test func roundTripsAndRefusesOtherFiles() throws {
        let json = SnapshotFixture.snapshot.json()
        #expect(try Snapshot.decode(Array(json.utf8), file: "s.json") == SnapshotFixture.snapshot)
        #expect(SnapshotFixture.snapshot.assignments.count == 5)
        #expect(throws: FileError.self) { try Snapshot.decode(Array("{}".utf8), file: "s.json") }
        let future = json.replacingOccurrences(of: "\"snapshot_version\" : 2", with: "\"snapshot_version\" : 3")
        #expect(throws: FileError(path: "s.json", reason: "snapshot_version 3 is not supported; this orgprofile reads versions 1 to 2")) {
            try Snapshot.decode(Array(future.utf8), file: "s.json")
        }
        // A version 1 file (no definitions) still reads: what a permission set grants is unknown.
        let old = try Snapshot.decode(
            Array(json.replacingOccurrences(of: "\"snapshot_version\" : 2", with: "\"snapshot_version\" : 1").utf8), file: "s.json")
        #expect(old.permissionSets.map(\.name) == SnapshotFixture.snapshot.permissionSets.map(\.name))
        #expect(old.permissionSets.allSatisfy { $0.read.isEmpty && $0.known(.inlinePolicy, \.inlinePolicy) == nil })
    }

    /// The inline policy is kept in the model's form and written as canonical JSON text with
    /// its values as Identity Center gave them (a Boolean stays a Boolean); one written in
    /// another layout reads the same, and text that is not JSON is no snapshot.
    @Test func theInlinePolicyIsCanonicalJSONText() throws {
        let json = SnapshotFixture.definedSnapshot.json()
        #expect(
            json.contains(
                #"\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":false},\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":3600}}"#),
            "\(json)")
        let spaced = json.replacingOccurrences(of: #"{\"Version\":"#, with: #"{ \"Version\" :  "#)
        #expect(try Snapshot.decode(Array(spaced.utf8), file: "s.json") == Snapshot.decode(Array(json.utf8), file: "s.json"))
        let broken = json.replacingOccurrences(of: #"\"Version\":\"2012-10-17\"}"#, with: #"\"Version\":"#)
        #expect(broken != json)
        #expect(throws: FileError.self) { try Snapshot.decode(Array(broken.utf8), file: "s.json") }
    }

    /// The boundary in the model's form, with its unknown explicit: a member absent is not
    /// read, `{}` is none, and one naming both kinds of policy is no snapshot.
    @Test func aBoundaryIsReadNoneOrOneOfTwoKinds() throws {
        var snapshot = SnapshotFixture.snapshot
        let forms: [(PermissionsBoundary??, String?)] = [
            (nil, nil), (.some(nil), "{\n\n      }"),
            (
                .managed(arn: "arn:aws:iam::aws:policy/PowerUserAccess"),
                #""managed_policy_arn" : "arn:aws:iam::aws:policy/PowerUserAccess""#
            ),
            (.customerManaged(PolicyReference(name: "b", path: "/x/")), #""customer_managed_policy" : {"#),
        ]
        for (boundary, written) in forms {
            snapshot.permissionSets[0].read.remove(.permissionsBoundary)
            if let boundary { snapshot.permissionSets[0].record(.permissionsBoundary, \.permissionsBoundary, boundary) }
            let json = snapshot.json()
            #expect(json.contains("\"permissions_boundary\"") == (written != nil))
            if let written { #expect(json.contains(written), "\(json)") }
            #expect(try Snapshot.decode(Array(json.utf8), file: "s.json") == snapshot)
        }
        snapshot.permissionSets[0].record(
            .permissionsBoundary, \.permissionsBoundary, .managed(arn: "arn:aws:iam::aws:policy/PowerUserAccess"))
        let both = snapshot.json().replacingOccurrences(
            of: #""managed_policy_arn" : "#, with: #""customer_managed_policy" : {"name" : "b", "path" : "/"}, "managed_policy_arn" : "#)
        #expect(
            throws: FileError(
                path: "s.json",
                reason:
                    "not a snapshot written by orgprofile snapshot (a permissions boundary is a managed policy or a customer-managed policy, not both)"
            )
        ) { try Snapshot.decode(Array(both.utf8), file: "s.json") }
    }
}

/// What of a snapshot no output may carry, each named by its owner's ID or name.
@Suite struct SnapshotUnsafeValuesTests {
    @Test func everyKindOfValueIsChecked() {
        var snapshot = SnapshotFixture.definedSnapshot
        #expect(snapshot.unsafeValues().isEmpty)
        snapshot.accounts[0].name = "Org\u{202E}Management"
        snapshot.accounts[1].tags = ["team\n": "ops", "cost": "a\u{1B}b"]
        let index = snapshot.permissionSets.firstIndex { $0.name == "ReadOnlyAccess" }!
        snapshot.permissionSets[index].definition.texts["relay_state"] = "https://x.example/\u{2066}"
        snapshot.users[0].email = "ann\r@x.example"
        #expect(
            snapshot.unsafeValues() == [
                "the name of account 111111111111 'Org\\u{202E}Management' contains U+202E (a bidirectional control, which shows text in another order than it is stored)",
                "tag 'cost' of account 222222222222 'a\\u{1B}b' contains U+001B (a control character)",
                "a tag key of account 222222222222 'team\\u{A}' contains U+000A (a line break)",
                "the relay state of permission set 'ReadOnlyAccess' 'https://x.example/\\u{2066}' contains U+2066 (a bidirectional control, which shows text in another order than it is stored)",
                "the e-mail of user u-ann 'ann\\u{D}@x.example' contains U+000D (a line break)",
            ])
    }
}
