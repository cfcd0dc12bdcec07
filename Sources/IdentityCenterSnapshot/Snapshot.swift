import FileSafety
import Foundation
import OrgYAML
import Support

/// The whole IAM Identity Center picture at one moment: what `orgprofile snapshot` writes,
/// and what `import` and `drift` read. IDs and ARNs are opaque strings, never parsed.
/// Every list is sorted, so the same state always gives the same bytes (docs/live.md).
public struct Snapshot: Codable, Equatable, Sendable {
    /// Version 2 adds what each permission set grants; version 1 files still read (their
    /// permission sets' definitions are unknown, nil).
    public static let version = 2
    static let readableVersions = 1...2

    public struct Instance: Codable, Equatable, Sendable {
        public var arn: String
        public var identityStoreID: String
        /// The region the instance was read in: Identity Center's home region.
        public var region: String?

        enum CodingKeys: String, CodingKey {
            case arn
            case identityStoreID = "identity_store_id"
            case region
        }

        public init(arn: String, identityStoreID: String, region: String?) {
            (self.arn, self.identityStoreID, self.region) = (arn, identityStoreID, region)
        }
    }

    public struct Organization: Codable, Equatable, Sendable {
        public var managementAccountID: String?
        /// Accounts delegated to administer `sso.amazonaws.com`.
        public var delegatedAdministratorIDs: [String]

        enum CodingKeys: String, CodingKey {
            case managementAccountID = "management_account_id"
            case delegatedAdministratorIDs = "delegated_administrator_ids"
        }

        public init(managementAccountID: String?, delegatedAdministratorIDs: [String]) {
            (self.managementAccountID, self.delegatedAdministratorIDs) = (managementAccountID, delegatedAdministratorIDs)
        }
    }

    public struct Account: Codable, Equatable, Sendable {
        public var id: String
        public var name: String
        public var status: String
        /// Its OU path from the root (`Workloads/Prod`, `/` under the root), as org.yaml's
        /// `ou` writes it; nil when the OU tree could not be read.
        public var ou: String?
        /// Its tags in Organizations; nil when they could not be read.
        public var tags: [String: String]?

        public init(id: String, name: String, status: String, ou: String? = nil, tags: [String: String]? = nil) {
            (self.id, self.name, self.status, self.ou, self.tags) = (id, name, status, ou, tags)
        }
    }

    public struct PermissionSet: Codable, Equatable, Sendable {
        public var arn: String
        public var name: String
        /// Its text attributes (`PermissionSetText`) as Identity Center gives them, by key
        /// (the session duration as ISO 8601: `PT8H`); each is a member of its own in JSON.
        public var texts: [String: String] = [:]
        public var description: String? {
            get { texts[PermissionSetText.description.key] }
            set { texts[PermissionSetText.description.key] = newValue }
        }
        public var sessionDuration: String? {
            get { texts[PermissionSetText.sessionDuration.key] }
            set { texts[PermissionSetText.sessionDuration.key] = newValue }
        }
        /// What it grants (version 2). Each part is nil when it could not be read (a version 1
        /// snapshot, or a reader without the right to call for it): unknown, not empty.
        public var managedPolicyARNs: [String]?
        public var customerManagedPolicies: [PolicyReference]?
        /// The inline policy as Identity Center returns it (JSON text); "" when there is none.
        public var inlinePolicy: String?
        /// nil when it could not be read; `.some(nil)` when the permission set has none.
        public var permissionsBoundary: PermissionsBoundary??
        public var tags: [String: String]?
        /// Accounts it is provisioned to with an older version than its latest (sorted).
        public var outdatedAccountIDs: [String]?
        /// The parts that could not be read, each with the call that failed and why (sorted by
        /// part); nil when every call answered (and in snapshots written before it was kept).
        public var unread: [UnreadPart]?

        /// A part of what a permission set grants, read by a call of its own; its raw value is
        /// its key in the snapshot.
        public enum Part: String, Codable, CaseIterable, Comparable, Sendable {
            case managedPolicies = "managed_policy_arns"
            case customerManagedPolicies = "customer_managed_policies"
            case inlinePolicy = "inline_policy"
            case permissionsBoundary = "permissions_boundary"
            case tags
            case provisioningStatus = "outdated_account_ids"

            /// What a reader calls it.
            public var noun: String {
                switch self {
                case .managedPolicies: "managed policies"
                case .customerManagedPolicies: "customer-managed policies"
                case .inlinePolicy: "inline policy"
                case .permissionsBoundary: "permissions boundary"
                case .tags: "tags"
                case .provisioningStatus: "provisioning status"
                }
            }

            var isPlural: Bool { [.managedPolicies, .customerManagedPolicies, .tags].contains(self) }

            /// The parts org.yaml defines, which deploying sets: all but the provisioning status.
            public static let definition: [Part] = allCases.filter { $0 != .provisioningStatus }

            public static func < (lhs: Part, rhs: Part) -> Bool {
                allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
            }
        }

        /// A part that could not be read: the IAM action of the call and the answer it got.
        public struct UnreadPart: Codable, Equatable, Sendable {
            public var part: Part
            public var action: String
            public var reason: String

            public init(part: Part, action: String, reason: String) {
                (self.part, self.action, self.reason) = (part, action, reason)
            }
        }

        /// A boundary's members in a snapshot: `{}` when the permission set has none.
        struct BoundaryMembers: Codable {
            var managedPolicyARN: String? = nil
            var customerManagedPolicy: PolicyReference? = nil

            enum CodingKeys: String, CodingKey {
                case managedPolicyARN = "managed_policy_arn"
                case customerManagedPolicy = "customer_managed_policy"
            }
        }

        enum CodingKeys: String, CodingKey {
            case arn, name, tags
            case managedPolicyARNs = "managed_policy_arns"
            case customerManagedPolicies = "customer_managed_policies"
            case inlinePolicy = "inline_policy"
            case permissionsBoundary = "permissions_boundary"
            case outdatedAccountIDs = "outdated_account_ids"
            case unread
        }

        public init(arn: String, name: String, description: String?, sessionDuration: String?) {
            (self.arn, self.name) = (arn, name)
            (self.description, self.sessionDuration) = (description, sessionDuration)
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: JSONKey.self)
            func value<T: Decodable>(_ key: CodingKeys) throws -> T? {
                try container.decodeIfPresent(T.self, forKey: JSONKey(key.rawValue))
            }
            arn = try container.decode(String.self, forKey: JSONKey(CodingKeys.arn.rawValue))
            name = try container.decode(String.self, forKey: JSONKey(CodingKeys.name.rawValue))
            for attribute in PermissionSetText.all {
                texts[attribute.key] = try container.decodeIfPresent(String.self, forKey: JSONKey(attribute.key))
            }
            (managedPolicyARNs, customerManagedPolicies) = (try value(.managedPolicyARNs), try value(.customerManagedPolicies))
            (inlinePolicy, tags) = (try value(.inlinePolicy), try value(.tags))
            if let members: BoundaryMembers = try value(.permissionsBoundary) {
                switch (members.managedPolicyARN, members.customerManagedPolicy) {
                case (let arn?, nil): permissionsBoundary = .some(.managed(arn: arn))
                case (nil, let reference?): permissionsBoundary = .some(.customerManaged(reference))
                case (nil, nil): permissionsBoundary = .some(nil)
                case (_?, _?):
                    throw DecodingError.dataCorruptedError(
                        forKey: JSONKey(CodingKeys.permissionsBoundary.rawValue), in: container,
                        debugDescription: "a permissions boundary is a managed policy or a customer-managed policy, not both")
                }
            }
            (outdatedAccountIDs, unread) = (try value(.outdatedAccountIDs), try value(.unread))
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: JSONKey.self)
            func put<T: Encodable>(_ value: T?, _ key: CodingKeys) throws {
                try container.encodeIfPresent(value, forKey: JSONKey(key.rawValue))
            }
            try put(arn, .arn)
            try put(name, .name)
            for attribute in PermissionSetText.all {
                try container.encodeIfPresent(texts[attribute.key], forKey: JSONKey(attribute.key))
            }
            try put(managedPolicyARNs, .managedPolicyARNs)
            try put(customerManagedPolicies, .customerManagedPolicies)
            try put(inlinePolicy, .inlinePolicy)
            try put(
                permissionsBoundary.map { boundary in
                    switch boundary {
                    case .managed(let arn)?: BoundaryMembers(managedPolicyARN: arn)
                    case .customerManaged(let reference)?: BoundaryMembers(customerManagedPolicy: reference)
                    case nil: BoundaryMembers()
                    }
                }, .permissionsBoundary)
            try put(tags, .tags)
            try put(outdatedAccountIDs, .outdatedAccountIDs)
            try put(unread, .unread)
        }

        /// Whether the snapshot holds this part (nil in it means unknown, not empty).
        public func isRead(_ part: Part) -> Bool {
            switch part {
            case .managedPolicies: managedPolicyARNs != nil
            case .customerManagedPolicies: customerManagedPolicies != nil
            case .inlinePolicy: inlinePolicy != nil
            case .permissionsBoundary: permissionsBoundary != nil
            case .tags: tags != nil
            case .provisioningStatus: outdatedAccountIDs != nil
            }
        }

        /// The parts of its definition the snapshot does not hold.
        public var unreadDefinitionParts: [Part] { Part.definition.filter { !isRead($0) } }

        /// Whether any part of what it grants was read (none is in a version 1 snapshot).
        public var isDefinitionReadInPart: Bool { unreadDefinitionParts.count < Part.definition.count }

        /// Why each part of its definition is missing, one sentence each ("the permissions
        /// boundary of Dev was not read: sso:GetPermissionsBoundaryForPermissionSet failed: …"),
        /// or that the snapshot's version did not record definitions.
        public func unreadReasons(snapshotVersion: Int) -> [String] {
            let missing = unreadDefinitionParts
            guard !missing.isEmpty else { return [] }
            guard snapshotVersion >= 2 else {
                return ["a version \(snapshotVersion) snapshot does not record what permission set '\(name)' grants"]
            }
            return missing.map { part in
                let subject = "the \(part.noun) of permission set '\(name)' \(part.isPlural ? "were" : "was") not read"
                guard let record = unread?.first(where: { $0.part == part }) else {
                    return "\(subject) (the snapshot does not say why)"
                }
                return "\(subject): \(record.action) failed: \(record.reason)"
            }
        }

        mutating func normalize() {
            managedPolicyARNs?.sort()
            customerManagedPolicies?.sort { ($0.path, $0.name) < ($1.path, $1.name) }
            outdatedAccountIDs?.sort()
            unread?.sort { $0.part < $1.part }
        }
    }

    public struct User: Codable, Equatable, Sendable {
        public var id: String
        public var userName: String
        public var displayName: String?
        public var email: String?

        enum CodingKeys: String, CodingKey {
            case id
            case userName = "user_name"
            case displayName = "display_name"
            case email
        }

        public init(id: String, userName: String, displayName: String?, email: String?) {
            (self.id, self.userName, self.displayName, self.email) = (id, userName, displayName, email)
        }
    }

    public struct Group: Codable, Equatable, Sendable {
        public var id: String
        public var displayName: String
        public var description: String?

        enum CodingKeys: String, CodingKey {
            case id
            case displayName = "display_name"
            case description
        }

        public init(id: String, displayName: String, description: String?) {
            (self.id, self.displayName, self.description) = (id, displayName, description)
        }
    }

    /// A user's membership of a group; one is the same as another with the same group and
    /// user, whatever its ID.
    public struct Membership: Codable, Equatable, Hashable, Sendable, Comparable {
        public var groupID: String
        public var userID: String
        /// Identity Center's ID of the membership (what Terraform imports it by), when read.
        public var id: String?

        enum CodingKeys: String, CodingKey {
            case groupID = "group_id"
            case userID = "user_id"
            case id = "membership_id"
        }

        public init(groupID: String, userID: String, id: String? = nil) {
            (self.groupID, self.userID, self.id) = (groupID, userID, id)
        }

        public static func == (lhs: Membership, rhs: Membership) -> Bool {
            (lhs.groupID, lhs.userID) == (rhs.groupID, rhs.userID)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(groupID)
            hasher.combine(userID)
        }

        public static func < (lhs: Membership, rhs: Membership) -> Bool {
            (lhs.groupID, lhs.userID, lhs.id ?? "") < (rhs.groupID, rhs.userID, rhs.id ?? "")
        }
    }

    public enum PrincipalType: String, Codable, Sendable, Comparable {
        case user = "USER"
        case group = "GROUP"

        public static func < (lhs: PrincipalType, rhs: PrincipalType) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public struct Assignment: Codable, Equatable, Hashable, Sendable, Comparable {
        public var accountID: String
        public var permissionSetARN: String
        public var principalType: PrincipalType
        public var principalID: String

        enum CodingKeys: String, CodingKey {
            case accountID = "account_id"
            case permissionSetARN = "permission_set_arn"
            case principalType = "principal_type"
            case principalID = "principal_id"
        }

        public init(accountID: String, permissionSetARN: String, principalType: PrincipalType, principalID: String) {
            (self.accountID, self.permissionSetARN, self.principalType, self.principalID) = (
                accountID, permissionSetARN, principalType, principalID
            )
        }

        public static func < (lhs: Assignment, rhs: Assignment) -> Bool {
            (lhs.accountID, lhs.permissionSetARN, lhs.principalType.rawValue, lhs.principalID)
                < (rhs.accountID, rhs.permissionSetARN, rhs.principalType.rawValue, rhs.principalID)
        }
    }

    public var snapshotVersion: Int
    public var instance: Instance
    /// Nil when the organisation could not be read (a delegated administrator may lack the right).
    public var organization: Organization?
    public var accounts: [Account]
    public var permissionSets: [PermissionSet]
    public var users: [User]
    public var groups: [Group]
    public var memberships: [Membership]
    public var assignments: [Assignment]

    enum CodingKeys: String, CodingKey {
        case snapshotVersion = "snapshot_version"
        case instance, organization, accounts
        case permissionSets = "permission_sets"
        case users, groups,
            memberships, assignments
    }

    public init(
        instance: Instance, organization: Organization?, accounts: [Account], permissionSets: [PermissionSet], users: [User],
        groups: [Group], memberships: [Membership], assignments: [Assignment]
    ) {
        snapshotVersion = Self.version
        self.instance = instance
        self.organization = organization
        self.accounts = accounts
        self.permissionSets = permissionSets
        self.users = users
        self.groups = groups
        self.memberships = memberships
        self.assignments = assignments
        normalize()
    }

    /// Sorted lists without duplicates (the same assignment listed twice is one assignment).
    mutating func normalize() {
        accounts.sort { $0.id < $1.id }
        permissionSets.sort { ($0.name, $0.arn) < ($1.name, $1.arn) }
        for index in permissionSets.indices { permissionSets[index].normalize() }
        users.sort { ($0.userName, $0.id) < ($1.userName, $1.id) }
        groups.sort { ($0.displayName, $0.id) < ($1.displayName, $1.id) }
        memberships = Self.sortedWithoutDuplicates(memberships)
        assignments = Self.sortedWithoutDuplicates(assignments)
        organization?.delegatedAdministratorIDs.sort()
    }

    /// Sorted, keeping the first of equal neighbours: deterministic even where equal items
    /// differ in what equality ignores (a membership's ID).
    static func sortedWithoutDuplicates<Item: Comparable>(_ items: [Item]) -> [Item] {
        var result: [Item] = []
        for item in items.sorted() where result.last != item { result.append(item) }
        return result
    }

    /// The document `orgprofile snapshot` writes: JSON with sorted keys.
    public func json() -> String {
        JSON.encode(self)
    }

    /// A snapshot read back from its JSON, or why it is not one.
    public static func decode(_ bytes: [UInt8], file: String) throws -> Snapshot {
        let snapshot: Snapshot
        do {
            snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(bytes))
        } catch {
            throw FileError(path: file, reason: "not a snapshot written by orgprofile snapshot (\(Self.describe(error)))")
        }
        guard readableVersions.contains(snapshot.snapshotVersion) else {
            throw FileError(
                path: file,
                reason:
                    "snapshot_version \(snapshot.snapshotVersion) is not supported; this orgprofile reads versions \(readableVersions.lowerBound) to \(readableVersions.upperBound)"
            )
        }
        var sorted = snapshot
        sorted.normalize()
        return sorted
    }

    /// A short reason for a decoding error: which key, at which path.
    package static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(path(context).isEmpty ? "the top" : path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong type at \(path(context))"
        case .dataCorrupted(let context): return context.debugDescription
        @unknown default: return "\(error)"
        }
    }
}
