import AWSClient

/// The AWS Organizations calls the live reader makes (`organizations`), each with the part of
/// its answer that is read.
enum Organizations {
    static func describeOrganization() -> AWSOperation<Organization> {
        AWSOperation(AWSRequest(.organizations, "DescribeOrganization"))
    }

    /// The delegated administrators of Identity Center.
    static func listDelegatedAdministrators() -> AWSOperation<AWSList<Identified<DelegatedAdministrators>>> {
        AWSOperation(AWSRequest(.organizations, "ListDelegatedAdministrators", ["ServicePrincipal": "sso.amazonaws.com"]))
    }

    static func listAccounts() -> AWSOperation<AWSList<Account>> {
        AWSOperation(AWSRequest(.organizations, "ListAccounts"))
    }

    static func listRoots() -> AWSOperation<AWSList<Identified<Roots>>> {
        AWSOperation(AWSRequest(.organizations, "ListRoots"))
    }

    static func listOrganizationalUnitsForParent(_ parent: String) -> AWSOperation<AWSList<Unit>> {
        AWSOperation(AWSRequest(.organizations, "ListOrganizationalUnitsForParent", ["ParentId": .string(parent)]))
    }

    static func listAccountsForParent(_ parent: String) -> AWSOperation<AWSList<Account>> {
        AWSOperation(AWSRequest(.organizations, "ListAccountsForParent", ["ParentId": .string(parent)]))
    }

    static func listTagsForResource(_ resource: String) -> AWSOperation<AWSList<Tag>> {
        AWSOperation(AWSRequest(.organizations, "ListTagsForResource", ["ResourceId": .string(resource)]))
    }

    struct Organization: AWSOnePageAnswer {
        struct Details: Decodable, Sendable { var MasterAccountId: String? }
        var Organization: Details
    }

    /// An item of a list that is read for its ID alone (a delegated administrator, a root).
    struct Identified<Member: AWSListMember>: AWSListItem {
        static var listMember: String { Member.listMember }
        var Id: String
    }

    enum DelegatedAdministrators: AWSListMember { static let listMember = "DelegatedAdministrators" }
    enum Roots: AWSListMember { static let listMember = "Roots" }

    struct Account: AWSListItem {
        static let listMember = "Accounts"
        var Id: String
        var Name: String?
        var Status: String?
        var State: String?

        /// As Organizations reports it (`Status`, or the newer `State`).
        var status: String { Status ?? State ?? "ACTIVE" }
    }

    struct Unit: AWSListItem {
        static let listMember = "OrganizationalUnits"
        var Id, Name: String
    }
}
