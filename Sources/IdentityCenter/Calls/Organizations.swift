import AWSClient

/// The AWS Organizations calls the live reader makes (`organizations`), each with the part of
/// its answer that is read.
enum Organizations {
    static func describeOrganization() -> AWSOperation<Organization> {
        AWSOperation(AWSRequest(.organizations, "DescribeOrganization"))
    }

    /// The delegated administrators of Identity Center.
    static func listDelegatedAdministrators() -> AWSOperation<DelegatedAdministrators> {
        AWSOperation(AWSRequest(.organizations, "ListDelegatedAdministrators", ["ServicePrincipal": "sso.amazonaws.com"]))
    }

    static func listAccounts() -> AWSOperation<Accounts> {
        AWSOperation(AWSRequest(.organizations, "ListAccounts"))
    }

    static func listRoots() -> AWSOperation<Roots> {
        AWSOperation(AWSRequest(.organizations, "ListRoots"))
    }

    static func listOrganizationalUnitsForParent(_ parent: String) -> AWSOperation<OrganizationalUnits> {
        AWSOperation(AWSRequest(.organizations, "ListOrganizationalUnitsForParent", ["ParentId": .string(parent)]))
    }

    static func listAccountsForParent(_ parent: String) -> AWSOperation<Accounts> {
        AWSOperation(AWSRequest(.organizations, "ListAccountsForParent", ["ParentId": .string(parent)]))
    }

    static func listTagsForResource(_ resource: String) -> AWSOperation<Tags> {
        AWSOperation(AWSRequest(.organizations, "ListTagsForResource", ["ResourceId": .string(resource)]))
    }

    struct Organization: Decodable, Sendable {
        struct Details: Decodable, Sendable { var MasterAccountId: String? }
        var Organization: Details
    }

    /// An item of a list that is read for its ID alone (a root, a delegated administrator).
    struct Identified: Decodable, Sendable { var Id: String }

    struct DelegatedAdministrators: Decodable, Sendable { var DelegatedAdministrators: [Identified] }

    struct Accounts: Decodable, Sendable {
        struct Account: Decodable, Sendable {
            var Id: String
            var Name: String?
            var Status: String?
            var State: String?

            /// As Organizations reports it (`Status`, or the newer `State`).
            var status: String { Status ?? State ?? "ACTIVE" }
        }

        var Accounts: [Account]
    }

    struct Roots: Decodable, Sendable { var Roots: [Identified] }

    struct OrganizationalUnits: Decodable, Sendable {
        struct Unit: Decodable, Sendable { var Id, Name: String }

        var OrganizationalUnits: [Unit]
    }
}
