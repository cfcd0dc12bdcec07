/// Writes a valid org.yaml of a given size, the same bytes for the same parameters and seed.
///
/// Accounts are spread over a few regions; groups each make `assignmentsPerGroup`
/// assignments (one of four roles each) on `accountsPerAssignment` accounts; users are in
/// `groupsPerUser` groups, named `userN` or, with `emailNames`, `userN@bench.example`; one
/// group manages users and the first user is a super admin, so every feature is exercised.
public struct OrgGenerator: Sendable {
    public var users: Int
    public var accounts: Int
    public var groups: Int
    public var accountsPerAssignment: Int
    public var groupsPerUser: Int
    public var assignmentsPerGroup: Int
    public var emailNames: Bool
    public var seed: UInt64

    public init(
        users: Int, accounts: Int, groups: Int, accountsPerAssignment: Int, groupsPerUser: Int = 2, assignmentsPerGroup: Int = 1,
        emailNames: Bool = false, seed: UInt64 = 1
    ) {
        self.users = users
        self.accounts = accounts
        self.groups = groups
        self.accountsPerAssignment = min(accountsPerAssignment, accounts)
        self.groupsPerUser = min(groupsPerUser, groups)
        self.assignmentsPerGroup = min(max(assignmentsPerGroup, 1), Self.roles.count)
        self.emailNames = emailNames
        self.seed = seed
    }

    /// The reference org of the performance targets: about 50 profiles a person.
    public static let reference = OrgGenerator(users: 10_000, accounts: 300, groups: 200, accountsPerAssignment: 10)

    static let roles =
        [("AdministratorAccess", nil), ("PowerUserAccess", "power"), ("Developer", "dev"), ("ReadOnlyAccess", "readonly")]
        as [(String, String?)]
    static let regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]

    public func yaml() -> String {
        var random = SplitMix64(state: seed)
        var out = """
            version: 1
            project: bench
            sso_session:
              start_url: https://bench.awsapps.com/start
              region: us-east-1
            defaults:
              settings:
                output: json
            accounts:

            """
        for account in 0..<accounts {
            out += "  account-\(account):\n    id: \"\(String(100_000_000_000 + account))\"\n    name: Account \(account)\n"
            if account % 7 == 3 { out += "    region: \(Self.regions[account % Self.regions.count])\n" }
        }
        out += "roles:\n"
        for (role, suffix) in Self.roles {
            out += suffix.map { "  \(role):\n    profile_suffix: \($0)\n" } ?? "  \(role): {}\n"
        }
        out += """
            user_management:
              delegated_admin: {account: account-1, role: ReadOnlyAccess}
              organization_management: {account: account-0, role: AdministratorAccess}
            groups:

            """
        for group in 0..<groups {
            out += "  group-\(group):\n    description: Team \(group)\n"
            if group == 0 { out += "    user_management: true\n" }
            out += "    assignments:\n"
            for assignment in 0..<assignmentsPerGroup {
                let role = Self.roles[(group + assignment) % Self.roles.count].0
                var chosen: [Int] = []
                while chosen.count < accountsPerAssignment {
                    let account = Int(random.next() % UInt64(accounts))
                    if !chosen.contains(account) { chosen.append(account) }
                }
                out += "      - role: \(role)\n        accounts: [\(chosen.sorted().map { "account-\($0)" }.joined(separator: ", "))]\n"
            }
        }
        out += "users:\n"
        for user in 0..<users {
            var chosen: [Int] = []
            while chosen.count < groupsPerUser {
                let group = Int(random.next() % UInt64(groups))
                if !chosen.contains(group) { chosen.append(group) }
            }
            out +=
                "  user\(user)\(emailNames ? "@bench.example" : ""):\n    name: User \(user)\n    email: user\(user)@bench.example\n    groups: [\(chosen.sorted().map { "group-\($0)" }.joined(separator: ", "))]\n"
            if user == 0 { out += "    super_admin: true\n" }
        }
        return out
    }
}

/// SplitMix64: small, fast and the same everywhere.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
