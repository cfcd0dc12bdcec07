import AWSClient

/// The Identity Store calls the live reader makes (`identitystore`), each with the part of its
/// answer that is read.
enum IdentityStore {
    static func listUsers(store: String) -> AWSOperation<Users> {
        AWSOperation(AWSRequest(.identityStore, "ListUsers", ["IdentityStoreId": .string(store)]))
    }

    static func listGroups(store: String) -> AWSOperation<Groups> {
        AWSOperation(AWSRequest(.identityStore, "ListGroups", ["IdentityStoreId": .string(store)]))
    }

    static func listGroupMemberships(store: String, group: String) -> AWSOperation<Memberships> {
        AWSOperation(AWSRequest(.identityStore, "ListGroupMemberships", ["IdentityStoreId": .string(store), "GroupId": .string(group)]))
    }

    struct Users: Decodable, Sendable {
        struct User: Decodable, Sendable {
            struct Email: Decodable, Sendable {
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

    struct Groups: Decodable, Sendable {
        struct Group: Decodable, Sendable {
            var GroupId: String
            var DisplayName: String?
            var Description: String?
        }

        var Groups: [Group]
    }

    struct Memberships: Decodable, Sendable {
        struct Membership: Decodable, Sendable {
            struct Member: Decodable, Sendable { var UserId: String? }
            var MembershipId: String?
            var GroupId: String?
            var MemberId: Member
        }

        var GroupMemberships: [Membership]
    }
}
