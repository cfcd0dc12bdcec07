import Foundation
/// Every principal's profiles as numbers, for what reads everyone at the end: each profile
/// as its target's number (`Profile.Target.number`) and with where it comes from, as one
/// number of `originSets`. 8 bytes a profile, so `compile` keeps it from the render to the
/// manifest and the access page (4.8 MB for 600,000 profiles) instead of resolving anyone
/// twice; `report --format html` fills it itself (`init(model:)`).
struct ResolvedAccess: Sendable {
    struct Entry: Sendable {
        var principal: Principal
        /// The profiles' target numbers, in profile (name) order.
        var targets: [Int32]
        /// For each profile, its number in `originSets`.
        var origins: [Int32]
        /// The profiles that end (`Profile.end`), by their place in `targets`: few or none.
        var ends: [(position: Int32, end: Date)] = []
    }

    /// In the order they were added.
    private(set) var groups: [Entry] = []
    private(set) var users: [Entry] = []
    /// Each distinct list of origins of one profile (in `PrincipalProfiles.origins`' order), numbered
    /// as first met.
    private(set) var originSets: [[ProfileOrigin]] = []
    private var originNumbers: [[ProfileOrigin]: Int32] = [:]
    /// The profile each target number stands for, by number: how the manifest and the page
    /// turn `Entry.targets` back into profiles.
    let profiles: [Profile]

    /// Nobody yet: `add` each principal as it is resolved.
    init(targetsOf model: AccessModel) {
        profiles = model.targets.map { Profile(target: $0, isWildcard: false) }
    }

    /// Everyone of the model, resolved here one at a time.
    init(model: AccessModel) {
        self.init(targetsOf: model)
        for principal in model.principals {
            add(principal, model.profiles(for: principal))
        }
    }

    /// One principal, as `AccessModel.profiles(for:)` resolved it.
    mutating func add(_ principal: Principal, _ profiles: PrincipalProfiles) {
        let origins = profiles.origins
        var entry = Entry(principal: principal, targets: [], origins: [])
        entry.targets.reserveCapacity(profiles.count)
        entry.origins.reserveCapacity(profiles.count)
        var next = 0
        for (position, profile) in profiles.enumerated() {
            var last = next
            while last < origins.count, origins[last].0 == position { last += 1 }
            entry.targets.append(Int32(profile.target.number))
            entry.origins.append(number(origins[next..<last].map(\.1)))
            if let end = profile.end { entry.ends.append((Int32(position), end)) }
            next = last
        }
        switch principal.kind {
        case .group: groups.append(entry)
        case .user: users.append(entry)
        }
    }

    private mutating func number(_ origins: [ProfileOrigin]) -> Int32 {
        if let known = originNumbers[origins] { return known }
        let number = Int32(originSets.count)
        originSets.append(origins)
        originNumbers[origins] = number
        return number
    }
}
