/// Every profile name a model can produce, numbered in name order. A principal's profiles
/// are then sorted, de-duplicated and checked for collisions by comparing integers, and a
/// name shared by two different grants is known before any principal is resolved.
struct ProfileNameTable: Sendable {
    /// Names by number; numbers follow `<` on the names.
    let names: [String]
    /// Numbers of names more than one (account, role) pair produces, or a pair and the
    /// user-management profile: the only names a collision can involve.
    let isShared: [Bool]
    /// The number of the user-management profile's name, when there is one.
    let userManagementName: Int?
    /// Name numbers by `AccessModel.pairKey`.
    private let numbers: [Int: Int]

    /// `pairs`: every (account, role) pair key some grant holds, with the name it produces.
    init(pairs: [Int: String], userManagementName: String?) {
        var distinct = Set(pairs.values)
        if let userManagementName { distinct.insert(userManagementName) }
        names = distinct.sorted()
        let numberOfName = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        numbers = pairs.mapValues { numberOfName[$0]! }
        var producers = [Int](repeating: 0, count: names.count)
        for number in numbers.values { producers[number] += 1 }
        self.userManagementName = userManagementName.map { numberOfName[$0]! }
        if let number = self.userManagementName { producers[number] += 1 }
        isShared = producers.map { $0 > 1 }
    }

    /// The name number of a pair some grant holds.
    func number(ofPair key: Int) -> Int {
        numbers[key]!
    }
}
