import Foundation
import IdentityCenter
import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML
import TestSupport
import Testing

/// The live reader against a stand-in `aws` command on PATH that answers each call with
/// canned JSON: the enumeration, what it skips, and how a failed call is reported.
@Suite struct LiveReaderTests {
    final class Collected: @unchecked Sendable {
        let lock = NSLock()
        var warnings: [String] = []
        var progress: [(Int, Int)] = []
    }

    /// A snapshot through the stand-in command, and the warnings it gave.
    static func read(_ environment: [String: String]) throws -> (Snapshot, Collected) {
        let collected = Collected()
        let snapshot = try LiveIdentityCenter(
            aws: AWSCommand(environment: environment), warn: { message in collected.lock.withLock { collected.warnings.append(message) } }
        ).snapshot()
        return (snapshot, collected)
    }

    @Test func readsEverythingAndSkipsSuspendedAccounts() throws {
        let (folder, environment) = try FakeAWS.make()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let collected = Collected()
        let reader = LiveIdentityCenter(
            aws: AWSCommand(environment: environment), jobs: 3,
            progress: { done, total in collected.lock.withLock { collected.progress.append((done, total)) } },
            warn: { message in collected.lock.withLock { collected.warnings.append(message) } })
        let snapshot = try reader.snapshot()
        #expect(snapshot.instance == .init(arn: "arn:i", identityStoreID: "d-1", region: "eu-west-1"))
        #expect(snapshot.organization == .init(managementAccountID: "111111111111", delegatedAdministratorIDs: ["222222222222"]))
        #expect(snapshot.accounts.map(\.id) == ["111111111111", "222222222222"])
        #expect(collected.warnings == ["account 999999999999 (Old) is suspended; it and its assignments are skipped"])
        #expect(snapshot.permissionSets.map(\.name) == ["AdministratorAccess", "ReadOnlyAccess"])
        #expect(snapshot.users == [.init(id: "u1", userName: "ann", displayName: nil, email: "ann@x")])
        #expect(snapshot.memberships == [.init(groupID: "g1", userID: "u1")])
        #expect(snapshot.assignments.count == 2)
        // Where the accounts sit: the management account under the root, Infra in Workloads.
        #expect(snapshot.accounts.map(\.ou) == ["/", "Workloads"])
        #expect(snapshot.accounts.map(\.tags) == [[:], ["env": "prod"]])
        // 7 fixed calls, 2 permission sets described and their definitions read (6 calls each),
        // 1 group, 2 active accounts, 2 provisioned pairs of this instance (the foreign
        // permission set is not asked about); the OU tree (the root, then two calls for each
        // of the root and Workloads) and each active account's tags.
        let calls = try String(contentsOfFile: folder + "/calls", encoding: .utf8).split(separator: "\n")
        #expect(calls.count == 33)
        #expect(calls.allSatisfy { $0.hasSuffix("--output json") })
        #expect(!calls.contains { $0.contains("arn:foreign") })
        #expect(collected.progress.count == 33)
        #expect(collected.progress.map(\.0).max() == 33)
        #expect(collected.progress.allSatisfy { $0.0 <= $0.1 })
    }

    /// moto returns a permission set's SessionDuration as seconds: read as the same duration.
    /// An optional field of another type is a warning naming it, and the snapshot goes on.
    @Test func anOptionalFieldsShapeDoesNotStopTheSnapshot() throws {
        for (written, read, warnings) in [
            ("3600", "PT1H", [String]()), ("5400", "PT1H30M", []), ("90", "PT1M30S", []),
            (
                "true", nil,
                [
                    "permission set 'AdministratorAccess': its SessionDuration is of a type AWS does not document; it is left out of the snapshot"
                ]
            ),
        ] {
            let (folder, environment) = try FakeAWS.make(sessionDuration: written)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let (snapshot, collected) = try Self.read(environment)
            #expect(snapshot.permissionSets.first { $0.name == "AdministratorAccess" }?.definition.sessionDuration == read, "\(written)")
            #expect(collected.warnings.filter { $0.hasPrefix("permission set") } == warnings, "\(written)")
        }
    }

    /// Snapshot version 2: what each permission set grants, sorted; no boundary is a read
    /// boundary of neither kind (Identity Center answers ResourceNotFoundException).
    @Test func definitionsAreRead() throws {
        let (folder, environment) = try FakeAWS.make()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let snapshot = try LiveIdentityCenter(aws: AWSCommand(environment: environment)).snapshot()
        let admin = try #require(snapshot.permissionSets.first { $0.name == "AdministratorAccess" })
        let readOnly = try #require(snapshot.permissionSets.first { $0.name == "ReadOnlyAccess" })
        #expect(admin.read == Set(PermissionSetPart.allCases))
        #expect(admin.definition.managedPolicyARNs == ["arn:aws:iam::aws:policy/AdministratorAccess"])
        #expect(admin.definition.customerManagedPolicies == [])
        #expect(admin.definition.inlinePolicy == nil)
        #expect(admin.definition.permissionsBoundary == nil)
        #expect(admin.outdatedAccountIDs == ["222222222222"])
        #expect(
            readOnly.definition.managedPolicyARNs == [
                "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
            ])
        #expect(
            readOnly.definition.customerManagedPolicies == [
                .init(name: "billing-read", path: "/"), .init(name: "audit-extras", path: "/security/"),
            ])
        #expect(
            readOnly.definition.inlinePolicy?.canonicalText
                == #"{"Statement":[{"Action":"s3:DeleteBucket","Effect":"Deny","Resource":"*"}],"Version":"2012-10-17"}"#)
        #expect(readOnly.definition.permissionsBoundary == .customerManaged(PolicyReference(name: "boundary", path: "/")))
        #expect(readOnly.definition.tags == ["team": "ops"])
        #expect(readOnly.outdatedAccountIDs == [])
        #expect(snapshot.snapshotVersion == 2)
    }

    /// An inline policy Identity Center answers that is not JSON is not read: that part is
    /// unknown, with the reason recorded, and the snapshot goes on.
    @Test func anInlinePolicyThatIsNotJSONIsUnread() throws {
        let (folder, environment) = try FakeAWS.make(inlinePolicy: "{Version: 2012}")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (snapshot, collected) = try Self.read(environment)
        let readOnly = try #require(snapshot.permissionSets.first { $0.name == "ReadOnlyAccess" })
        #expect(readOnly.read == Set(PermissionSetPart.allCases).subtracting([.inlinePolicy]))
        #expect(readOnly.unread?.map(\.reason) == ["the inline policy it answered is not JSON"])
        #expect(snapshot.permissionSets.first { $0.name == "AdministratorAccess" }?.read.contains(.inlinePolicy) == true)
        #expect(collected.warnings.contains { $0.hasPrefix("1 permission set could not be read by get-inline-policy-for-permission-set") })
    }

    /// A definition call the reader may not make leaves that part unknown, with one warning
    /// for all the permission sets it failed for; the snapshot goes on.
    @Test func anUnreadablePartOfADefinitionIsAWarning() throws {
        let (folder, environment) = try FakeAWS.make(failing: "sso-admin list-tags-for-resource")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (snapshot, collected) = try Self.read(environment)
        #expect(snapshot.permissionSets.allSatisfy { $0.read == Set(PermissionSetPart.allCases).subtracting([.tags]) })
        // The snapshot records the part, the call's action and the answer, for import and assignments.
        #expect(
            snapshot.permissionSets.allSatisfy {
                $0.unread == [
                    .init(
                        part: .part(.tags), action: "sso:ListTagsForResource",
                        reason: "An error occurred (ThrottlingException) when calling the operation: Rate exceeded")
                ]
            }, "\(snapshot.permissionSets.map(\.unread))")
        #expect(try Snapshot.decode(Array(snapshot.json().utf8), file: "snapshot.json").permissionSets == snapshot.permissionSets)
        #expect(snapshot.json().contains(#""part" : "tags""#))
        #expect(
            collected.warnings.contains(
                "2 permission sets could not be read by list-tags-for-resource (sso:ListTagsForResource); that part of their definition is left out of the snapshot: aws sso-admin list-tags-for-resource --instance-arn arn:i --resource-arn arn:ps-a failed: An error occurred (ThrottlingException) when calling the operation: Rate exceeded"
            ), "\(collected.warnings)")
    }

    /// Without the right to read the OU tree or the accounts' tags, the snapshot goes on
    /// without them (unknown, so drift does not compare them), each with one warning.
    @Test func anUnreadablePlacementIsAWarning() throws {
        for (failing, warning) in [
            ("organizations list-organizational-units-for-parent", "the accounts' OUs are unknown: the OU tree could not be read"),
            ("organizations list-tags-for-resource", "the accounts' tags are unknown: they could not be listed"),
        ] {
            let (folder, environment) = try FakeAWS.make(failing: failing)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let (snapshot, collected) = try Self.read(environment)
            #expect(collected.warnings.filter { $0.hasPrefix(warning) }.count == 1, "\(collected.warnings)")
            let ousFailed = failing.contains("organizational-units")
            #expect(snapshot.accounts.allSatisfy { ($0.ou == nil) == ousFailed && ($0.tags == nil) == !ousFailed })
        }
    }

    @Test func anUnreadableOrganizationIsAWarning() throws {
        let (folder, environment) = try FakeAWS.make(organizationReadable: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (snapshot, collected) = try Self.read(environment)
        #expect(snapshot.organization?.managementAccountID == nil)
        #expect(
            collected.warnings.contains(
                "the management account is unknown: the organisation could not be described (organizations:DescribeOrganization); aws organizations describe-organization failed: An error occurred (AccessDeniedException) when calling the DescribeOrganization operation: no"
            ))
    }

    @Test func aFailedCallNamesTheCallAndQuotesTheAWSCommand() throws {
        let (folder, environment) = try FakeAWS.make(failing: "sso-admin list-account-assignments")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect {
            try LiveIdentityCenter(aws: AWSCommand(profile: "admin", environment: environment)).snapshot()
        } throws: { error in
            guard let failure = error as? AWSCommand.Failure else { return false }
            return failure.call.hasPrefix("sso-admin list-account-assignments --instance-arn arn:i --account-id ")
                && failure.message == "An error occurred (ThrottlingException) when calling the operation: Rate exceeded"
        }
        let calls = try String(contentsOfFile: folder + "/calls", encoding: .utf8)
        #expect(calls.contains("--profile admin"))
    }

    @Test func noAWSCommandIsAClearError() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = "/nonexistent"
        #expect {
            try LiveIdentityCenter(aws: AWSCommand(environment: environment)).snapshot()
        } throws: { error in
            (error as? AWSCommand.Failure)?.message == "not found on PATH; install the AWS CLI (version 2) and put it on PATH"
        }
    }
}
