import AWSClient

/// The Identity Store calls the live reader makes (`identitystore`), each with the part of its
/// answer that is read.
enum IdentityStore {
    static func listUsers(store: String) -> AWSOperation<AWSList<User>> {
        AWSOperation(AWSRequest(.identityStore, "ListUsers", ["IdentityStoreId": .string(store)]))
    }

    static func listGroups(store: String) -> AWSOperation<AWSList<Group>> {
        AWSOperation(AWSRequest(.identityStore, "ListGroups", ["IdentityStoreId": .string(store)]))
    }

    static func listGroupMemberships(store: String, group: String) -> AWSOperation<AWSList<Membership>> {
        AWSOperation(AWSRequest(.identityStore, "ListGroupMemberships", ["IdentityStoreId": .string(store), "GroupId": .string(group)]))
    }

    struct User: AWSListItem {
        static let listMember = "Users"

        struct Email: Decodable, Sendable {
            var Value: String?
            var Primary: Bool?
        }

        var UserId: String
        var UserName: String
        var DisplayName: String?
        var Emails: [Email]?
    }

    struct Group: AWSListItem {
        static let listMember = "Groups"
        var GroupId: String
        var DisplayName: String?
        var Description: String?
    }

    struct Membership: AWSListItem {
        static let listMember = "GroupMemberships"
        struct Member: Decodable, Sendable { var UserId: String? }
        var MembershipId: String?
        var GroupId: String?
        var MemberId: Member
    }
}
