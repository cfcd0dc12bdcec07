/// What a profile gives access to, as `manifest.json` and `orgprofile diff` record it.
public struct ProfileSummary: Codable, Equatable, Sendable {
    public var name: String
    public var account: String
    public var accountID: String
    public var role: String
    public var region: String
    /// `delegated_admin` or `organization_management`, only on the user-management profile.
    public var userManagement: String?

    enum CodingKeys: String, CodingKey {
        case name, account, accountID = "account_id", role, region, userManagement = "user_management"
    }

    public init(_ profile: Profile) {
        name = profile.name
        account = profile.account
        accountID = profile.accountID
        role = profile.role
        region = profile.region
        userManagement = profile.userManagement?.rawValue
    }
}
