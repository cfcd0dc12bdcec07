/// What a profile gives access to, as `manifest.json` and `orgprofile diff` record it.
public struct ProfileSummary: Codable, Equatable, Sendable {
    public var name: String
    public var account: String
    public var accountID: String
    public var role: String
    public var region: String
    /// `delegated_admin` or `organization_management`, only on the user-management profile.
    public var userManagement: String?
    /// Settings the AWS CLI runs as commands, by key; nil when there are none.
    public var commands: [String: String]?

    enum CodingKeys: String, CodingKey {
        case name, account
        case accountID = "account_id"
        case role, region
        case userManagement = "user_management"
        case commands
    }

    public init(_ profile: Profile) {
        name = profile.name
        account = profile.account
        accountID = profile.accountID
        role = profile.role
        region = profile.region
        userManagement = profile.userManagement?.rawValue
        let commands = profile.settings.filter(\.runsCommand)
        self.commands = commands.isEmpty ? nil : Dictionary(commands.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}
