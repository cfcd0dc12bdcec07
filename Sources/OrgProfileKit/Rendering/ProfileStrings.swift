/// Every string a profile shows, as UTF-8 bytes in one buffer laid out once per model, and
/// what the test profile is chosen by, per account and role. `compile` and `check` render
/// and list hundreds of thousands of profiles: their contexts and manifest entries point
/// at spans of this buffer instead of building a `Profile` (six strings and an array,
/// each retained and released) for every profile of every person.
struct ProfileStrings: Sendable {
    /// `count` bytes of `bytes` from `start`.
    struct Span: Sendable {
        var start: Int32
        var count: Int32
    }

    private(set) var bytes: [UInt8] = []
    private(set) var accountKey: [Span] = []
    private(set) var accountName: [Span] = []
    private(set) var accountID: [Span] = []
    private(set) var region: [Span] = []
    /// Each account's settings are `settingKey[settingsStart[a]..<settingsStart[a + 1]]`
    /// (and `settingValue`, `settingRunsCommand` alike).
    private(set) var settingsStart: [Int] = [0]
    private(set) var settingKey: [Span] = []
    private(set) var settingValue: [Span] = []
    private(set) var settingRunsCommand: [Bool] = []
    private(set) var role: [Span] = []
    private(set) var profileName: [Span] = []
    private(set) var userManagementTarget: [UserManagementKind: Span] = [:]
    /// `TestProfile.rank`'s parts, by role and by account.
    private(set) var rolePrivileged: [Bool] = []
    private(set) var roleReadOnly: [Bool] = []
    private(set) var accountIsTarget: [Bool] = []

    init(_ model: AccessModel) {
        for account in model.accounts {
            accountKey.append(add(account.key))
            accountName.append(add(account.displayName ?? account.key))
            accountID.append(add(account.id))
            region.append(add(account.region))
            for setting in account.settings {
                settingKey.append(add(setting.key))
                settingValue.append(add(setting.value))
                settingRunsCommand.append(setting.runsCommand)
            }
            settingsStart.append(settingKey.count)
            accountIsTarget.append(model.testProfileTraits.targetAccounts.contains(account.key))
        }
        for role in model.roles {
            self.role.append(add(role.name))
            let traits = model.testProfileTraits.roles[role.name]!
            rolePrivileged.append(traits.privileged)
            roleReadOnly.append(traits.readOnly)
        }
        profileName = model.profileNames.names.map { add($0) }
        for kind in [UserManagementKind.delegatedAdmin, .organizationManagement] { userManagementTarget[kind] = add(kind.rawValue) }
    }

    private mutating func add(_ string: String) -> Span {
        let start = Int32(bytes.count)
        bytes.append(contentsOf: string.utf8)
        return Span(start: start, count: Int32(bytes.count) - start)
    }

    /// Calls `body` with the bytes, readable by span without retaining the buffer each time
    /// (an `ArraySlice` would).
    func withBytes<Result>(_ body: (Bytes) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { try body(Bytes(buffer: $0)) }
    }

    struct Bytes {
        let buffer: UnsafeBufferPointer<UInt8>

        subscript(span: Span) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: buffer[Int(span.start)..<Int(span.start + span.count)])
        }
    }

    /// The position in `candidates` of the profile to try first: the least privileged by
    /// `TestProfile.rank`, then by name.
    func testProfileIndex(in candidates: [AccessModel.Candidate]) -> Int? {
        var best: (index: Int, rank: (Int, Int, Int, Int, Int))?
        for (index, candidate) in candidates.enumerated() {
            let rank = (
                candidate.userManagement == nil ? 0 : 1, rolePrivileged[candidate.role] ? 1 : 0, roleReadOnly[candidate.role] ? 0 : 1,
                accountIsTarget[candidate.account] ? 1 : 0, candidate.name
            )
            if best == nil || rank < best!.rank { best = (index, rank) }
        }
        return best?.index
    }
}
