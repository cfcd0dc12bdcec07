extension Snapshot {
    /// The lookups readers of a snapshot need (grants, drift, import, the emitters): the one
    /// index of a snapshot, built once by each reader in one pass over each list. The first
    /// of equal keys wins (a snapshot is sorted, so the choice is stable).
    public struct Index: Sendable {
        public let accountsByID: [String: Account]
        public let permissionSetsByName: [String: PermissionSet]
        /// A permission set's name by its ARN.
        public let permissionSetNames: [String: String]
        public let usersByID: [String: User]
        /// A user's ID by user name.
        public let userIDs: [String: String]
        public let groupsByID: [String: Group]
        /// A group's ID by display name.
        public let groupIDs: [String: String]
        public let assignments: Set<Assignment>
        /// Memberships as Identity Center holds them (with their IDs, when read).
        public let memberships: Set<Membership>

        public init(_ snapshot: Snapshot) {
            func index<Item, Key: Hashable, Value>(_ items: [Item], _ key: (Item) -> Key, _ value: (Item) -> Value) -> [Key: Value] {
                Dictionary(items.map { (key($0), value($0)) }, uniquingKeysWith: { first, _ in first })
            }
            accountsByID = index(snapshot.accounts, \.id, { $0 })
            permissionSetsByName = index(snapshot.permissionSets, \.name, { $0 })
            permissionSetNames = index(snapshot.permissionSets, \.arn, \.name)
            usersByID = index(snapshot.users, \.id, { $0 })
            userIDs = index(snapshot.users, \.userName, \.id)
            groupsByID = index(snapshot.groups, \.id, { $0 })
            groupIDs = index(snapshot.groups, \.displayName, \.id)
            assignments = Set(snapshot.assignments)
            memberships = Set(snapshot.memberships)
        }

        /// Identity Center's ID of a membership, when the snapshot read it.
        public func membershipID(_ membership: Membership) -> String? {
            memberships.firstIndex(of: membership).flatMap { memberships[$0].id }
        }
    }
}
