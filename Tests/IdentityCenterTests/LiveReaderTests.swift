import Foundation
import IdentityCenter
import OrgProfileKit
import TestSupport
import Testing

/// The live reader against a stand-in `aws` command on PATH that answers each call with
/// canned JSON: the enumeration, what it skips, and how a failed call is reported.
@Suite struct LiveReaderTests {
    /// A folder with an `aws` script answering every call the reader makes; `failing` makes
    /// that operation fail as the AWS CLI does (a message on standard error, exit 254).
    static func fakeAWS(failing: String? = nil, organizationReadable: Bool = true) throws -> (folder: String, environment: [String: String])
    {
        let folder = try temporaryFolder()
        let org =
            organizationReadable
            ? #"echo '{"Organization": {"MasterAccountId": "111111111111"}}'"#
            : #"echo 'An error occurred (AccessDeniedException) when calling the DescribeOrganization operation: no' >&2; exit 254"#
        var script = """
            #!/bin/sh
            # Every call is logged, one line each, for the test to count.
            echo "$*" >> "\(folder)/calls"
            case "$1 $2" in
            "\(failing ?? "none")") echo; echo 'An error occurred (ThrottlingException) when calling the operation: Rate exceeded'; echo >&2 'An error occurred (ThrottlingException) when calling the operation: Rate exceeded' >&2; exit 254 ;;
            "sso-admin list-instances") echo '{"Instances": [{"InstanceArn": "arn:i", "IdentityStoreId": "d-1"}]}' ;;
            "organizations describe-organization") \(org) ;;
            "organizations list-delegated-administrators") echo '{"DelegatedAdministrators": [{"Id": "222222222222"}]}' ;;
            "organizations list-accounts") echo '{"Accounts": [{"Id": "111111111111", "Name": "Mgmt", "Status": "ACTIVE"}, {"Id": "222222222222", "Name": "Infra", "Status": "ACTIVE"}, {"Id": "999999999999", "Name": "Old", "Status": "SUSPENDED"}]}' ;;
            "sso-admin list-permission-sets") echo '{"PermissionSets": ["arn:ps-a", "arn:ps-r"]}' ;;
            "sso-admin describe-permission-set")
                case "$*" in *arn:ps-a*) echo '{"PermissionSet": {"Name": "AdministratorAccess", "PermissionSetArn": "arn:ps-a", "SessionDuration": "PT1H"}}' ;;
                *) echo '{"PermissionSet": {"Name": "ReadOnlyAccess", "PermissionSetArn": "arn:ps-r", "Description": "read"}}' ;; esac ;;
            "identitystore list-users") echo '{"Users": [{"UserId": "u1", "UserName": "ann", "Emails": [{"Value": "other@x"}, {"Value": "ann@x", "Primary": true}]}]}' ;;
            "identitystore list-groups") echo '{"Groups": [{"GroupId": "g1", "DisplayName": "Ops"}]}' ;;
            "identitystore list-group-memberships") echo '{"GroupMemberships": [{"GroupId": "g1", "MemberId": {"UserId": "u1"}}]}' ;;
            "sso-admin list-permission-sets-provisioned-to-account")
                case "$*" in *111111111111*) echo '{"PermissionSets": ["arn:ps-r", "arn:foreign"]}' ;; *) echo '{"PermissionSets": ["arn:ps-a"]}' ;; esac ;;
            "sso-admin list-account-assignments")
                case "$*" in *222222222222*) echo '{"AccountAssignments": [{"AccountId": "222222222222", "PermissionSetArn": "arn:ps-a", "PrincipalType": "USER", "PrincipalId": "u1"}]}' ;;
                *) echo '{"AccountAssignments": [{"AccountId": "111111111111", "PermissionSetArn": "arn:ps-r", "PrincipalType": "GROUP", "PrincipalId": "g1"}]}' ;; esac ;;
            *) echo "unexpected call: $*" >&2; exit 2 ;;
            esac

            """
        script = script.replacingOccurrences(of: "\n            ", with: "\n")
        try writeExecutable(script, to: folder + "/aws")
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = folder + ":/usr/bin:/bin"
        environment["AWS_REGION"] = "eu-west-1"
        return (folder, environment)
    }

    final class Collected: @unchecked Sendable {
        let lock = NSLock()
        var warnings: [String] = []
        var progress: [(Int, Int)] = []
    }

    @Test func readsEverythingAndSkipsSuspendedAccounts() throws {
        let (folder, environment) = try Self.fakeAWS()
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
        // 7 fixed calls, 2 permission sets, 1 group, 2 active accounts, 2 provisioned pairs of
        // this instance (the foreign permission set is not asked about).
        let calls = try String(contentsOfFile: folder + "/calls", encoding: .utf8).split(separator: "\n")
        #expect(calls.count == 14)
        #expect(calls.allSatisfy { $0.hasSuffix("--output json") })
        #expect(!calls.contains { $0.contains("arn:foreign") })
        #expect(collected.progress.count == 14)
        #expect(collected.progress.map(\.0).max() == 14)
        #expect(collected.progress.allSatisfy { $0.0 <= $0.1 })
    }

    @Test func anUnreadableOrganizationIsAWarning() throws {
        let (folder, environment) = try Self.fakeAWS(organizationReadable: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let collected = Collected()
        let snapshot = try LiveIdentityCenter(
            aws: AWSCommand(environment: environment), warn: { message in collected.lock.withLock { collected.warnings.append(message) } }
        ).snapshot()
        #expect(snapshot.organization?.managementAccountID == nil)
        #expect(
            collected.warnings.contains(
                "the organisation could not be described (organizations:DescribeOrganization); the management account is unknown"))
    }

    @Test func aFailedCallNamesTheCallAndQuotesTheAWSCommand() throws {
        let (folder, environment) = try Self.fakeAWS(failing: "sso-admin list-account-assignments")
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
