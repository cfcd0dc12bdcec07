import Foundation
import IdentityCenterSnapshot
import OrgProfileKit
import OrgYAML
import Support

/// Reads the live Identity Center, each call made by `caller`: from orgprofile's own process
/// or through the aws command (`AWSCaller`).
///
/// The enumeration (docs/live.md), complete for real AWS because creating an assignment
/// provisions its permission set to the account, in the steps of `Reader`:
/// 1. the instance;
/// 2. the organisation (management account, delegated administrator), its accounts, the
///    permission sets, users and groups;
/// 3. each permission set described, each group's members, and each active account's
///    provisioned permission sets;
/// 4. the assignments of each (account, provisioned permission set) pair;
/// 5. where each account sits and its tags (`placement`).
/// Calls: 7 + 7 x permission sets + groups + accounts + provisioned pairs, and 1 + 2 x (OUs + 1)
/// + accounts for the placement, at most `jobs` at once.
public struct LiveIdentityCenter: IdentityCenterSource {
    /// The profile and region; also the region the snapshot records.
    public var aws: AWSCommand
    /// Makes each call (`aws` itself unless told otherwise).
    public var caller: any AWSCaller
    public var jobs: Int
    /// Told of each call done: (done, known so far). The total grows as steps reveal work.
    public var progress: @Sendable (Int, Int) -> Void
    /// Told of what was skipped or could not be read, in words for the admin.
    public var warn: @Sendable (String) -> Void

    public init(
        aws: AWSCommand, caller: (any AWSCaller)? = nil, jobs: Int = 4, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
        warn: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.aws = aws
        self.caller = caller ?? aws
        self.jobs = jobs
        self.progress = progress
        self.warn = warn
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
        let reader = Reader(caller: caller, jobs: jobs, counter: Counter(report: progress), warn: warn)
        let instance = try reader.instance()
        let lists = try reader.lists(of: instance)
        let details = try reader.details(of: instance, lists)
        let assignments = try reader.assignments(of: instance, details.provisioned)
        let placement = placement(reader, accounts: lists.activeAccounts.map(\.Id))
        let users = lists.users.map { user in
            let email = user.Emails?.first { $0.Primary == true }?.Value ?? user.Emails?.first?.Value
            return Snapshot.User(id: user.UserId, userName: user.UserName, displayName: user.DisplayName, email: email)
        }
        let groups = lists.groups.map {
            Snapshot.Group(id: $0.GroupId, displayName: $0.DisplayName ?? $0.GroupId, description: $0.Description)
        }
        let organization =
            lists.managementID == nil && lists.delegated == nil
            ? nil : Snapshot.Organization(managementAccountID: lists.managementID, delegatedAdministratorIDs: lists.delegated ?? [])
        return Snapshot(
            instance: .init(arn: instance.InstanceArn, identityStoreID: instance.IdentityStoreId, region: aws.effectiveRegion()),
            organization: organization,
            accounts: lists.activeAccounts.map { account in
                Snapshot.Account(
                    id: account.Id, name: account.Name ?? account.Id, status: account.status,
                    ou: placement.ous?[account.Id], tags: placement.tags.map { $0[account.Id] ?? [:] })
            },
            permissionSets: details.permissionSets, users: users, groups: groups, memberships: details.memberships,
            assignments: assignments)
    }

    /// What the first step lists: the organisation, its accounts, the permission sets, users
    /// and groups.
    struct Lists: Sendable {
        var managementID: String?
        var delegated: [String]?
        /// What the organisation's two optional reads could not read, and the aws command's words.
        var unread: [String] = []
        var activeAccounts: [Organizations.Account] = []
        var permissionSetARNs: [String] = []
        var users: [IdentityStore.User] = []
        var groups: [IdentityStore.Group] = []
    }

    /// What the second step reads of each permission set, group and account.
    struct Details: Sendable {
        var permissionSets: [Snapshot.PermissionSet] = []
        /// What was read of each permission set's definition, by ARN, applied once all is read.
        var definitionParts: [String: [@Sendable (inout Snapshot.PermissionSet) -> Void]] = [:]
        /// The definition calls that failed, by operation.
        var unreadParts: [String: [AWSCommand.Failure]] = [:]
        /// Warnings, in the order of the work (never in the order calls happened to end).
        var warnings: [String] = []
        var memberships: [Snapshot.Membership] = []
        /// (account, permission set) pairs provisioned, of this instance's permission sets.
        var provisioned: [(account: String, permissionSet: String)] = []
    }

    /// The enumeration's steps, each its calls run `jobs` at a time.
    struct Reader: Sendable {
        let caller: any AWSCaller
        let jobs: Int
        let counter: Counter
        let warn: @Sendable (String) -> Void

        func call<Answer>(_ operation: AWSOperation<Answer>) throws -> Answer {
            defer { counter.finished() }
            return try caller.call(operation)
        }

        /// Runs independent calls at once; their results in the given order.
        func all<Result: Sendable>(_ work: [@Sendable () throws -> Result]) throws -> [Result] {
            counter.expect(work.count)
            return try Parallel.map(count: work.count, jobs: jobs) { try work[$0]() }
        }

        /// 1. The instance, which everything else hangs on.
        func instance() throws -> SSOAdmin.Instance {
            counter.expect(1)
            guard let instance = try call(SSOAdmin.listInstances()).items.first else {
                throw AWSCommand.Failure(
                    call: "sso-admin list-instances",
                    message:
                        "no IAM Identity Center instance in this account and region; give --region (Identity Center's home region) or --profile"
                )
            }
            return instance
        }

        /// 2. The organisation (its management account and delegated administrators, each
        /// optional), its accounts, the permission sets, users and groups.
        func lists(of instance: SSOAdmin.Instance) throws -> Lists {
            let (arn, store) = (instance.InstanceArn, instance.IdentityStoreId)
            var lists = Lists()
            let work: [@Sendable () throws -> @Sendable (inout Lists) -> Void] = [
                {
                    do {
                        let id = try call(Organizations.describeOrganization()).Organization.MasterAccountId
                        return { $0.managementID = id }
                    } catch {
                        let unread =
                            "the management account is unknown: the organisation could not be described (organizations:DescribeOrganization); \(error)"
                        return { $0.unread.append(unread) }
                    }
                },
                {
                    do {
                        let ids = try call(Organizations.listDelegatedAdministrators()).items.map(\.Id)
                        return { $0.delegated = ids }
                    } catch {
                        let unread =
                            "the delegated-admin account is unknown: the delegated administrators could not be listed (organizations:ListDelegatedAdministrators); \(error)"
                        return { $0.unread.append(unread) }
                    }
                },
                {
                    let accounts = try call(Organizations.listAccounts()).items
                    return { $0.activeAccounts = accounts }
                },
                {
                    let arns = try call(SSOAdmin.listPermissionSets(instance: arn)).items.map(\.text)
                    return { $0.permissionSetARNs = arns }
                },
                {
                    let users = try call(IdentityStore.listUsers(store: store)).items
                    return { $0.users = users }
                },
                {
                    let groups = try call(IdentityStore.listGroups(store: store)).items
                    return { $0.groups = groups }
                },
            ]
            for apply in try all(work) { apply(&lists) }
            lists.unread.forEach(warn)
            for account in lists.activeAccounts where account.status != "ACTIVE" {
                warn(
                    "account \(account.Id) (\(account.Name ?? "no name")) is \(account.status.lowercased()); it and its assignments are skipped"
                )
            }
            lists.activeAccounts.removeAll { $0.status != "ACTIVE" }
            return lists
        }

        /// 3. Each permission set described, each group's members, and what is provisioned
        /// to each active account.
        func details(of instance: SSOAdmin.Instance, _ lists: Lists) throws -> Details {
            let (arn, store) = (instance.InstanceArn, instance.IdentityStoreId)
            let known = Set(lists.permissionSetARNs)
            var details = Details()
            let described: [@Sendable () throws -> @Sendable (inout Details) -> Void] = lists.permissionSetARNs.map { set in
                {
                    let found = try call(SSOAdmin.describePermissionSet(instance: arn, permissionSet: set)).PermissionSet
                    let warnings = found.unexpected.map {
                        "permission set '\(found.Name)': its \($0) is of a type AWS does not document; it is left out of the snapshot"
                    }
                    var permissionSet = Snapshot.PermissionSet(
                        arn: found.PermissionSetArn, name: found.Name, description: nil, sessionDuration: nil)
                    permissionSet.definition.texts = found.texts
                    let described = permissionSet
                    return {
                        $0.permissionSets.append(described)
                        $0.warnings += warnings
                    }
                }
            }
            let members: [@Sendable () throws -> @Sendable (inout Details) -> Void] = lists.groups.map(\.GroupId).map { group in
                {
                    let found = try call(IdentityStore.listGroupMemberships(store: store, group: group)).items
                    let memberships = found.compactMap { member in
                        member.MemberId.UserId.map { Snapshot.Membership(groupID: group, userID: $0, id: member.MembershipId) }
                    }
                    return { $0.memberships += memberships }
                }
            }
            let provisioned: [@Sendable () throws -> @Sendable (inout Details) -> Void] = lists.activeAccounts.map(\.Id).map { account in
                {
                    let sets = try call(SSOAdmin.listPermissionSetsProvisionedToAccount(instance: arn, account: account)).items.map(\.text)
                    // Only permission sets of this instance (an account can have others' provisioned).
                    let pairs = Set(sets).intersection(known).sorted().map { (account: account, permissionSet: $0) }
                    return { $0.provisioned += pairs }
                }
            }
            let definitions = LiveIdentityCenter.definitionWork(self, instance: arn, permissionSets: lists.permissionSetARNs)
            for apply in try all(described + definitions + members + provisioned) { apply(&details) }
            for index in details.permissionSets.indices {
                for apply in details.definitionParts[details.permissionSets[index].arn] ?? [] { apply(&details.permissionSets[index]) }
            }
            (details.warnings + LiveIdentityCenter.unreadWarnings(details.unreadParts)).forEach(warn)
            return details
        }

        /// 4. The assignments of each provisioned (account, permission set) pair.
        func assignments(of instance: SSOAdmin.Instance, _ pairs: [(account: String, permissionSet: String)]) throws
            -> [Snapshot.Assignment]
        {
            let arn = instance.InstanceArn
            let work: [@Sendable () throws -> [Snapshot.Assignment]] = pairs.map { pair in
                {
                    try call(SSOAdmin.listAccountAssignments(instance: arn, account: pair.account, permissionSet: pair.permissionSet))
                        .items.compactMap { assignment in
                            Snapshot.PrincipalType(rawValue: assignment.PrincipalType).map {
                                Snapshot.Assignment(
                                    accountID: assignment.AccountId, permissionSetARN: assignment.PermissionSetArn, principalType: $0,
                                    principalID: assignment.PrincipalId)
                            }
                        }
                }
            }
            return try all(work).flatMap { $0 }
        }
    }
}
