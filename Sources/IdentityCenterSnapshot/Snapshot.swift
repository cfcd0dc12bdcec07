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

    /// A permission set as Identity Center holds it: what it grants in the model's own form
    /// (`OrgYAML.PermissionSet`), with the parts the snapshot could not read named, and where
    /// its latest version is not provisioned.
    public struct PermissionSet: Codable, Equatable, Sendable {
        public var arn: String
        public var name: String
        /// What it grants: its text attributes as Identity Center gives them (the session
        /// duration as ISO 8601: `PT8H`), and each part in `read` (version 2). A part not in
        /// `read` is unknown, not empty: its value here means nothing.
        public var definition = OrgYAML.PermissionSet()
        /// The parts of the definition the snapshot holds: none in a version 1 snapshot, and
        /// not a part whose call the reader had no right to make.
        public var read: Set<PermissionSetPart> = []
        /// Accounts it is provisioned to with an older version than its latest (sorted); nil
        /// when that was not read.
        public var outdatedAccountIDs: [String]?
        /// The calls that failed, each with the IAM action and why (sorted by what they read);
        /// nil when every call answered (and in snapshots written before it was kept).
        public var unread: [UnreadPart]?

        public var description: String? {
            get { definition.description }
            set { definition.description = newValue }
        }

        /// The value of a part when the snapshot holds it; nil when it is unknown.
        public func known<Value>(_ part: PermissionSetPart, _ value: KeyPath<OrgYAML.PermissionSet, Value>) -> Value? {
            read.contains(part) ? definition[keyPath: value] : nil
        }

        /// Records a part as read, with its value.
        public mutating func record<Value>(
            _ part: PermissionSetPart, _ value: WritableKeyPath<OrgYAML.PermissionSet, Value>, _ newValue: Value
        ) {
            definition[keyPath: value] = newValue
            read.insert(part)
        }

        /// What one call reads of a permission set: a part of its definition, or where it is
        /// provisioned. Its raw value is the key it is written under in a snapshot.
        public enum Reading: Codable, Hashable, Comparable, Sendable {
            case part(PermissionSetPart)
            case provisioningStatus

            static let provisioningKey = "outdated_account_ids"

            public var key: String {
                switch self {
                case .part(let part): part.rawValue
                case .provisioningStatus: Self.provisioningKey
                }
            }

            public init(from decoder: Decoder) throws {
                let key = try decoder.singleValueContainer().decode(String.self)
                if key == Self.provisioningKey {
                    self = .provisioningStatus
                } else if let part = PermissionSetPart(rawValue: key) {
                    self = .part(part)
                } else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "no part is called '\(key)'"))
                }
            }

            public func encode(to encoder: Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(key)
            }

            public static func < (lhs: Reading, rhs: Reading) -> Bool {
                switch (lhs, rhs) {
                case (.part(let one), .part(let other)): one < other
                case (.part, .provisioningStatus): true
                case (.provisioningStatus, _): false
                }
            }
        }

        /// A call that failed: the IAM action it needs and the answer it got.
        public struct UnreadPart: Codable, Equatable, Sendable {
            public var part: Reading
            public var action: String
            public var reason: String

            public init(part: Reading, action: String, reason: String) {
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

        public init(arn: String, name: String, description: String?, sessionDuration: String?) {
            (self.arn, self.name) = (arn, name)
            (definition.description, definition.sessionDuration) = (description, sessionDuration)
        }

        /// Members: `arn`, `name`, each text attribute under its key, each part read under
        /// its key (the inline policy as JSON text, "" when there is none; the boundary as
        /// `{}` when there is none), `outdated_account_ids` and `unread`.
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: JSONKey.self)
            func value<T: Decodable>(_ key: String) throws -> T? {
                try container.decodeIfPresent(T.self, forKey: JSONKey(key))
            }
            arn = try container.decode(String.self, forKey: JSONKey("arn"))
            name = try container.decode(String.self, forKey: JSONKey("name"))
            for attribute in PermissionSetText.all { definition.texts[attribute.key] = try value(attribute.key) }
            for part in PermissionSetPart.allCases {
                switch part {
                case .managedPolicies:
                    guard let arns: [String] = try value(part.rawValue) else { continue }
                    definition.managedPolicyARNs = arns
                case .customerManagedPolicies:
                    guard let references: [PolicyReference] = try value(part.rawValue) else { continue }
                    definition.customerManagedPolicies = references
                case .inlinePolicy:
                    guard let text: String = try value(part.rawValue) else { continue }
                    if !text.isEmpty {
                        guard let policy = JSONValue(policyText: text) else {
                            throw DecodingError.dataCorruptedError(
                                forKey: JSONKey(part.rawValue), in: container, debugDescription: "the inline policy is not JSON")
                        }
                        definition.inlinePolicy = policy
                    }
                case .permissionsBoundary:
                    guard let members: BoundaryMembers = try value(part.rawValue) else { continue }
                    switch (members.managedPolicyARN, members.customerManagedPolicy) {
                    case (let arn?, nil): definition.permissionsBoundary = .managed(arn: arn)
                    case (nil, let reference?): definition.permissionsBoundary = .customerManaged(reference)
                    case (nil, nil): definition.permissionsBoundary = nil
                    case (_?, _?):
                        throw DecodingError.dataCorruptedError(
                            forKey: JSONKey(part.rawValue), in: container,
                            debugDescription: "a permissions boundary is a managed policy or a customer-managed policy, not both")
                    }
                case .tags:
                    guard let tags: [String: String] = try value(part.rawValue) else { continue }
                    definition.tags = tags
                }
                read.insert(part)
            }
            (outdatedAccountIDs, unread) = (try value(Reading.provisioningKey), try value("unread"))
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: JSONKey.self)
            func put<T: Encodable>(_ value: T?, _ key: String) throws {
                try container.encodeIfPresent(value, forKey: JSONKey(key))
            }
            try put(arn, "arn")
            try put(name, "name")
            for attribute in PermissionSetText.all { try put(definition.texts[attribute.key], attribute.key) }
            for part in PermissionSetPart.allCases where read.contains(part) {
                switch part {
                case .managedPolicies: try put(definition.managedPolicyARNs, part.rawValue)
                case .customerManagedPolicies: try put(definition.customerManagedPolicies, part.rawValue)
                case .inlinePolicy: try put(definition.inlinePolicy?.canonicalText ?? "", part.rawValue)
                case .permissionsBoundary:
                    let members =
                        switch definition.permissionsBoundary {
                        case .managed(let arn)?: BoundaryMembers(managedPolicyARN: arn)
                        case .customerManaged(let reference)?: BoundaryMembers(customerManagedPolicy: reference)
                        case nil: BoundaryMembers()
                        }
                    try put(members, part.rawValue)
                case .tags: try put(definition.tags, part.rawValue)
                }
            }
            try put(outdatedAccountIDs, Reading.provisioningKey)
            try put(unread, "unread")
        }

        /// The parts of its definition the snapshot does not hold.
        public var unreadDefinitionParts: [PermissionSetPart] { PermissionSetPart.allCases.filter { !read.contains($0) } }

        /// Whether any part of what it grants was read (none is in a version 1 snapshot).
        public var isDefinitionReadInPart: Bool { !read.isEmpty }

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
                guard let record = unread?.first(where: { $0.part == .part(part) }) else {
                    return "\(subject) (the snapshot does not say why)"
                }
                return "\(subject): \(record.action) failed: \(record.reason)"
            }
        }

        mutating func normalize() {
            definition.managedPolicyARNs.sort()
            definition.customerManagedPolicies.sort { ($0.path, $0.name) < ($1.path, $1.name) }
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
