import Foundation
import OrgProfileKit
import OrgYAML

/// Reads the live Identity Center through the aws command.
///
/// The enumeration (docs/live.md), complete for real AWS because creating an assignment
/// provisions its permission set to the account:
/// 1. the instance, the organisation (management account, delegated administrator), its
///    accounts, the permission sets (each described), users and groups;
/// 2. each group's members, and each active account's provisioned permission sets;
/// 3. the assignments of each (account, provisioned permission set) pair.
/// Calls: 6 + permission sets + groups + accounts + provisioned pairs, at most `jobs` at once.
public struct LiveIdentityCenter: IdentityCenterSource {
    public var aws: AWSCommand
    public var jobs: Int
    /// Told of each call done: (done, known so far). The total grows as steps reveal work.
    public var progress: @Sendable (Int, Int) -> Void
    /// Told of what was skipped or could not be read, in words for the admin.
    public var warn: @Sendable (String) -> Void

    public init(
        aws: AWSCommand, jobs: Int = 4, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
        warn: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.aws = aws
        self.jobs = jobs
        self.progress = progress
        self.warn = warn
    }

    // The parts of each response that are read.
    struct Instances: Decodable {
        struct Instance: Decodable {
            var InstanceArn: String
            var IdentityStoreId: String
        }

        var Instances: [Instance]
    }

    struct Organization: Decodable {
        struct Details: Decodable { var MasterAccountId: String? }
        var Organization: Details
    }

    struct DelegatedAdministrators: Decodable {
        struct Administrator: Decodable { var Id: String }
        var DelegatedAdministrators: [Administrator]
    }

    struct Accounts: Decodable {
        struct Account: Decodable {
            var Id: String
            var Name: String?
            var Status: String?
            var State: String?
        }

        var Accounts: [Account]
    }

    struct PermissionSetARNs: Decodable { var PermissionSets: [String] }

    struct PermissionSetDetails: Decodable {
        struct Details: Decodable {
            var Name: String
            var PermissionSetArn: String
            var Description: String?
            var SessionDuration: String?
        }

        var PermissionSet: Details
    }

    struct Users: Decodable {
        struct User: Decodable {
            struct Email: Decodable {
                var Value: String?
                var Primary: Bool?
            }

            var UserId: String
            var UserName: String
            var DisplayName: String?
            var Emails: [Email]?
        }

        var Users: [User]
    }

    struct Groups: Decodable {
        struct Group: Decodable {
            var GroupId: String
            var DisplayName: String?
            var Description: String?
        }

        var Groups: [Group]
    }

    struct Memberships: Decodable {
        struct Membership: Decodable {
            struct Member: Decodable { var UserId: String? }
            var MembershipId: String?
            var GroupId: String?
            var MemberId: Member
        }

        var GroupMemberships: [Membership]
    }

    struct Assignments: Decodable {
        struct Assignment: Decodable {
            var AccountId: String
            var PermissionSetArn: String
            var PrincipalType: String
            var PrincipalId: String
        }

        var AccountAssignments: [Assignment]
    }

    /// Counts calls for the progress line.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var done = 0
        private var total = 0
        let report: @Sendable (Int, Int) -> Void

        init(report: @escaping @Sendable (Int, Int) -> Void) { self.report = report }

        func expect(_ calls: Int) { lock.withLock { total += calls } }

        func finished() {
            let (done, total) = lock.withLock {
                self.done += 1
                return (self.done, self.total)
            }
            report(done, total)
        }
    }

    public func snapshot() throws -> Snapshot {
        let counter = Counter(report: progress)
        let aws = self.aws
        @Sendable func call<Response: Decodable & Sendable>(
            _ service: String, _ operation: String, _ arguments: [String] = [], as type: Response.Type
        ) throws -> Response {
            defer { counter.finished() }
            return try aws.call(service, operation, arguments, as: type)
        }

        // 1. What everything else hangs on.
        counter.expect(1)
        let instances = try call("sso-admin", "list-instances", as: Instances.self).Instances
        guard let instance = instances.first else {
            throw AWSCommand.Failure(
                call: "sso-admin list-instances",
                message:
                    "no IAM Identity Center instance in this account and region; give --region (Identity Center's home region) or --profile"
            )
        }
        let instanceArn = instance.InstanceArn
        let storeID = instance.IdentityStoreId
        // Five steps, the last of two calls.
        counter.expect(6)
        let firstStep: [FirstStep] = try Parallel.map(count: 5, jobs: jobs) { index -> FirstStep in
            switch index {
            case 0:
                return .organization(
                    try? call("organizations", "describe-organization", as: Organization.self).Organization.MasterAccountId)
            case 1:
                return .delegated(
                    try? call(
                        "organizations", "list-delegated-administrators", ["--service-principal", "sso.amazonaws.com"],
                        as: DelegatedAdministrators.self
                    )
                    .DelegatedAdministrators.map(\.Id))
            case 2: return .accounts(try call("organizations", "list-accounts", as: Accounts.self).Accounts)
            case 3:
                return .permissionSets(
                    try call("sso-admin", "list-permission-sets", ["--instance-arn", instanceArn], as: PermissionSetARNs.self)
                        .PermissionSets)
            default:
                return .identities(
                    try call("identitystore", "list-users", ["--identity-store-id", storeID], as: Users.self).Users,
                    try call("identitystore", "list-groups", ["--identity-store-id", storeID], as: Groups.self).Groups)
            }
        }
        var managementID: String?
        var delegated: [String]?
        var allAccounts: [Accounts.Account] = []
        var permissionSetARNs: [String] = []
        var rawUsers: [Users.User] = []
        var rawGroups: [Groups.Group] = []
        for result in firstStep {
            switch result {
            case .organization(let id): managementID = id
            case .delegated(let ids): delegated = ids
            case .accounts(let accounts): allAccounts = accounts
            case .permissionSets(let arns): permissionSetARNs = arns
            case .identities(let users, let groups): (rawUsers, rawGroups) = (users, groups)
            }
        }
        if managementID == nil {
            warn("the organisation could not be described (organizations:DescribeOrganization); the management account is unknown")
        }
        if delegated == nil {
            warn(
                "the delegated administrators could not be listed (organizations:ListDelegatedAdministrators); the delegated-admin account is unknown"
            )
        }
        let active = allAccounts.filter { accountStatus($0) == "ACTIVE" }
        for account in allAccounts where accountStatus(account) != "ACTIVE" {
            warn(
                "account \(account.Id) (\(account.Name ?? "no name")) is \(accountStatus(account).lowercased()); it and its assignments are skipped"
            )
        }

        // 2. Details that depend on the lists: permission sets, members, what is provisioned where.
        let groupIDs = rawGroups.map(\.GroupId)
        let arns = permissionSetARNs
        let secondCount = arns.count + groupIDs.count + active.count
        counter.expect(secondCount)
        let second: [SecondStep] = try Parallel.map(count: secondCount, jobs: jobs) { index -> SecondStep in
            if index < arns.count {
                let details = try call(
                    "sso-admin", "describe-permission-set", ["--instance-arn", instanceArn, "--permission-set-arn", arns[index]],
                    as: PermissionSetDetails.self
                ).PermissionSet
                return .permissionSet(
                    Snapshot.PermissionSet(
                        arn: details.PermissionSetArn, name: details.Name, description: details.Description,
                        sessionDuration: details.SessionDuration))
            }
            let rest = index - arns.count
            if rest < groupIDs.count {
                let members = try call(
                    "identitystore", "list-group-memberships", ["--identity-store-id", storeID, "--group-id", groupIDs[rest]],
                    as: Memberships.self
                ).GroupMemberships
                return .members(
                    members.compactMap { member in
                        member.MemberId.UserId.map { Snapshot.Membership(groupID: groupIDs[rest], userID: $0, id: member.MembershipId) }
                    })
            }
            let account = active[rest - groupIDs.count].Id
            let provisioned = try call(
                "sso-admin", "list-permission-sets-provisioned-to-account", ["--instance-arn", instanceArn, "--account-id", account],
                as: PermissionSetARNs.self
            ).PermissionSets
            return .provisioned(account, provisioned)
        }
        var permissionSets: [Snapshot.PermissionSet] = []
        var memberships: [Snapshot.Membership] = []
        var pairs: [(String, String)] = []
        let known = Set(permissionSetARNs)
        for result in second {
            switch result {
            case .permissionSet(let set): permissionSets.append(set)
            case .members(let members): memberships += members
            // Only permission sets of this instance (an account can have others' provisioned).
            case .provisioned(let account, let arns): pairs += Set(arns).intersection(known).sorted().map { (account, $0) }
            }
        }

        // 3. The assignments of each provisioned pair.
        let provisionedPairs = pairs
        counter.expect(provisionedPairs.count)
        let assignments = try Parallel.map(count: provisionedPairs.count, jobs: jobs) { index -> [Snapshot.Assignment] in
            let (account, arn) = provisionedPairs[index]
            return try call(
                "sso-admin", "list-account-assignments",
                ["--instance-arn", instanceArn, "--account-id", account, "--permission-set-arn", arn], as: Assignments.self
            )
            .AccountAssignments.compactMap { assignment in
                Snapshot.PrincipalType(rawValue: assignment.PrincipalType).map {
                    Snapshot.Assignment(
                        accountID: assignment.AccountId, permissionSetARN: assignment.PermissionSetArn, principalType: $0,
                        principalID: assignment.PrincipalId)
                }
            }
        }.flatMap { $0 }

        let users = rawUsers.map { user in
            let email = user.Emails?.first { $0.Primary == true }?.Value ?? user.Emails?.first?.Value
            return Snapshot.User(id: user.UserId, userName: user.UserName, displayName: user.DisplayName, email: email)
        }
        let groups = rawGroups.map {
            Snapshot.Group(id: $0.GroupId, displayName: $0.DisplayName ?? $0.GroupId, description: $0.Description)
        }
        let organization =
            managementID == nil && delegated == nil
            ? nil : Snapshot.Organization(managementAccountID: managementID, delegatedAdministratorIDs: delegated ?? [])
        return Snapshot(
            instance: .init(arn: instanceArn, identityStoreID: storeID, region: aws.effectiveRegion()), organization: organization,
            accounts: active.map { Snapshot.Account(id: $0.Id, name: $0.Name ?? $0.Id, status: accountStatus($0)) },
            permissionSets: permissionSets, users: users, groups: groups, memberships: memberships, assignments: assignments)
    }

    enum FirstStep: Sendable {
        case organization(String?)
        case delegated([String]?)
        case accounts([Accounts.Account])
        case permissionSets([String])
        case identities([Users.User], [Groups.Group])
    }

    enum SecondStep: Sendable {
        case permissionSet(Snapshot.PermissionSet)
        case members([Snapshot.Membership])
        case provisioned(String, [String])
    }
}

/// An account's status as Organizations reports it (`Status`, or the newer `State`).
private func accountStatus(_ account: LiveIdentityCenter.Accounts.Account) -> String {
    account.Status ?? account.State ?? "ACTIVE"
}
