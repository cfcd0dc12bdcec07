import Foundation
import OrgYAML

/// Turning grants into named profiles, and finding two profiles that would share a name.
extension AccessModel {
    /// A profile before it is kept: where it comes from, to explain a collision.
    struct Candidate {
        /// Its name's number in `profileNames`.
        var name: Int
        /// Its profile's target in `targets`: one per (account, role) pair, and the
        /// user-management profile's own, so never the same as a grant's.
        var target: Int
        /// Where its grant is: `grant` indexes the entry's own grants when `group` is nil,
        /// else that group's; both are nil for the user-management profile. Indices, not a
        /// location, so building candidates copies no strings.
        var group: Int?
        var grant: Int?
        var isWildcard = false
        /// When it ends; nil when it lasts.
        var end: Date?
    }

    /// One number for an (account, role) pair.
    static func pairKey(_ account: Int, _ role: Int, roles: Int) -> Int {
        account * roles + role
    }

    /// `<project>-<account>`, plus `-<profile_suffix>` when the role declares one. A pure
    /// function of what is declared, never of what else a principal holds.
    static func profileName(project: String, account: String, suffix: String?) -> String {
        guard let suffix else { return "\(project)-\(account)" }
        return "\(project)-\(account)-\(suffix)"
    }

    /// How many profiles every user and group gets, added up: what `compile` writes.
    ///
    /// Counts the distinct profile names each principal's grants produce, marking names in
    /// one array stamped per principal instead of resolving anyone: in a model without
    /// collisions, one name is one profile.
    public func profileCount() -> Int {
        var stamp = [Int](repeating: -1, count: profileNames.names.count)
        var total = 0
        var number = 0
        for entries in [groupEntries, userEntries] {
            // By index: copying an entry out would retain every string and array in it.
            for index in entries.indices where !entries[index].disabled {
                number += 1
                func mark(_ name: Int) {
                    if stamp[name] != number {
                        stamp[name] = number
                        total += 1
                    }
                }
                for grant in entries[index].grants { mark(grant.name) }
                for group in entries[index].groups {
                    for grant in groupEntries[group].grants { mark(grant.name) }
                }
                if userManagementCandidate(entries[index]) != nil, let name = profileNames.userManagementName { mark(name) }
            }
        }
        return total
    }

    /// The principal's profiles, sorted by name, each with the grants that produce it (a direct
    /// assignment, each group that grants the same account and role, user management): the one
    /// way to ask what a principal gets. None for a principal this model does not have. Only
    /// meaningful for a model without collisions (see `collisionDiagnostics()`); on a collision
    /// the first grant wins. The origins are numbers (no string built or hashed per profile);
    /// `sources(of:)` says them in words.
    public func profiles(for principal: Principal) -> PrincipalProfiles {
        guard let entry = entry(of: principal) else { return PrincipalProfiles(profiles: [], origins: []) }
        let all = candidates(entry)
        let kept = select(all).kept
        var origins: [(Int, ProfileOrigin)] = []
        origins.reserveCapacity(kept.count + kept.count / 2)
        for candidate in all {
            // `kept` is sorted by name number: the candidate's profile, if kept, by binary search.
            var low = 0
            var high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if kept[middle].name < candidate.name { low = middle + 1 } else { high = middle }
            }
            guard low < kept.count, kept[low].name == candidate.name, kept[low].target == candidate.target else { continue }
            let origin: ProfileOrigin
            if let grant = candidate.grant {
                let via = candidate.group.map { groupEntries[$0].grants[grant] }?.via ?? entry.grants[grant].via
                let chosen = selectionReasons[via].selectorDescription == nil ? Grant.named : via
                origin = ProfileOrigin(group: candidate.group.map(Int32.init) ?? ProfileOrigin.own, via: Int32(chosen))
            } else {
                origin = ProfileOrigin(group: ProfileOrigin.userManagement, via: Int32(Grant.named))
            }
            origins.append((low, origin))
        }
        origins.sort { ($0.0, $0.1.group, $0.1.via) < ($1.0, $1.1.group, $1.1.via) }
        // Each once; a source that grants the profile by name (or "*") needs no selector to explain it.
        var needed: [(Int, ProfileOrigin)] = []
        needed.reserveCapacity(origins.count)
        for (position, (index, origin)) in origins.enumerated() {
            if let last = needed.last, last.0 == index, last.1 == origin { continue }
            if origin.via != Int32(Grant.named),
                origins[..<position].contains(where: {
                    $0.0 == index && $0.1 == ProfileOrigin(group: origin.group, via: Int32(Grant.named))
                })
            {
                continue
            }
            needed.append((index, origin))
        }
        return PrincipalProfiles(
            profiles: kept.map { Profile(target: targets[$0.target], isWildcard: $0.isWildcard, end: $0.end) }, origins: needed)
    }

    /// Each of the profiles' sources in words, in profile order, each profile's sorted (direct,
    /// groups by name, user management).
    public func sources(of resolved: PrincipalProfiles) -> [[ProfileSource]] {
        var via = [[ProfileSource]](repeating: [], count: resolved.count)
        for (index, origin) in resolved.origins { via[index].append(source(origin)) }
        return via.map { $0.sorted() }
    }

    /// What an origin means in words.
    public func source(_ origin: ProfileOrigin) -> ProfileSource {
        let reason = selectionReasons[Int(origin.via)]
        let via = reason.selectorDescription == nil ? nil : reason
        switch origin.group {
        case ProfileOrigin.userManagement: return .userManagement
        case ProfileOrigin.own: return .direct(via: via)
        default: return .group(groupEntries[Int(origin.group)].principal.name, via: via)
        }
    }

    /// One error per distinct pair of grants that would produce the same profile name for
    /// some user or group. A collision inherited from a group is reported once, for the group.
    /// Also reports a user or group with more profiles than `limits` allow.
    ///
    /// Only principals that hold a name two grants share, or that could exceed the limit,
    /// are resolved: for the rest, the answer is known from the name table alone.
    public func collisionDiagnostics(limits: Limits = .standard) -> [Diagnostic] {
        let groupHoldsSharedName = groupEntries.map { entry in entry.grants.contains { profileNames.isShared[$0.name] } }
        func mayCollideOrExceed(_ entry: Entry) -> Bool {
            if entry.grants.contains(where: { profileNames.isShared[$0.name] }) { return true }
            if entry.groups.contains(where: { groupHoldsSharedName[$0] }) { return true }
            if userManagementCandidate(entry) != nil, let number = profileNames.userManagementName, profileNames.isShared[number] {
                return true
            }
            let most = entry.grants.count + entry.groups.reduce(1) { $0 + groupEntries[$1].grants.count }
            return most > limits.profilesPerPrincipal
        }
        var reported = Set<[SourceLocation]>()
        var diagnostics: [Diagnostic] = []
        for entries in [groupEntries, userEntries] {
            for index in entries.indices where mayCollideOrExceed(entries[index]) {
                let entry = entries[index]
                let resolved = resolve(entry)
                for (first, second) in resolved.collisions
                where reported.insert([location(of: first, in: entry), location(of: second, in: entry)]).inserted {
                    diagnostics.append(collision(first, second, for: entry))
                }
                if resolved.profiles.count > limits.profilesPerPrincipal {
                    diagnostics.append(
                        .error(
                            .limitExceeded,
                            "\(entry.principal.kind) '\(entry.principal.name)' would get \(resolved.profiles.count) profiles; the limit is \(limits.profilesPerPrincipal)",
                            at: entry.location))
                }
            }
        }
        return diagnostics
    }

    /// The entry's profiles, and each later grant whose name an earlier, different grant
    /// already took (with that earlier grant), in grant order.
    ///
    /// Candidates are ordered by name number, then by grant order: the same pair granted
    /// twice, and two pairs with one name, become neighbours, the first granted first.
    private func resolve(_ entry: Entry) -> (profiles: [Profile], collisions: [(Candidate, Candidate)]) {
        let (kept, collisions) = select(candidates(entry))
        let profiles = kept.map { Profile(target: targets[$0.target], isWildcard: $0.isWildcard, end: $0.end) }
        return (profiles, collisions)
    }

    /// Of an entry's candidates (`candidates`), those it keeps, sorted by name, and the collisions among the rest.
    private func select(_ built: [Candidate]) -> (kept: [Candidate], collisions: [(Candidate, Candidate)]) {
        var candidates = built
        // Name number and grant position in one integer: sorted, by name, then grant order.
        var order = candidates.indices.map { candidates[$0].name << 32 | $0 }
        order.sort()
        var kept: [Candidate] = []
        kept.reserveCapacity(order.count)
        var collisions: [(first: Int, second: Int)] = []
        var start = 0
        while start < order.count {
            let name = order[start] >> 32
            let first = order[start] & 0xFFFF_FFFF
            // Later grants of another pair with this name: collisions (rarely any).
            var others: [Int] = []
            var end = start + 1
            while end < order.count, order[end] >> 32 == name {
                let position = order[end] & 0xFFFF_FFFF
                let target = candidates[position].target
                // The same pair granted again (the same target): one profile, a wildcard if either
                // grant is one.
                let same = candidates[first].target == target ? first : others.first { candidates[$0].target == target }
                if let same {
                    candidates[same].isWildcard = candidates[same].isWildcard || candidates[position].isWildcard
                    candidates[same].end = AccessWindow.latest([candidates[same].end, candidates[position].end])
                } else {
                    others.append(position)
                }
                end += 1
            }
            kept.append(candidates[first])
            collisions += others.map { (first, $0) }
            start = end
        }
        collisions.sort { $0.second < $1.second }
        return (kept, collisions.map { (candidates[$0.first], candidates[$0.second]) })
    }

    /// Every grant the entry holds, in the order org.yaml grants them (direct assignments,
    /// then groups in the order listed), then the user-management profile.
    private func candidates(_ entry: Entry) -> [Candidate] {
        var candidates: [Candidate] = []
        candidates.reserveCapacity(entry.grants.count + entry.groups.reduce(1) { $0 + groupEntries[$1].grants.count })
        func add(_ grants: [Grant], from group: Int?, until membershipEnd: Date?) {
            for (index, grant) in grants.enumerated() {
                candidates.append(
                    Candidate(
                        name: grant.name, target: grant.target, group: group, grant: index, isWildcard: grant.isWildcard,
                        end: AccessWindow.earliest(grant.end, membershipEnd)))
            }
        }
        add(entry.grants, from: nil, until: nil)
        for (position, group) in entry.groups.enumerated() {
            add(groupEntries[group].grants, from: group, until: entry.groupEnds[position])
        }
        if let candidate = userManagementCandidate(entry) { candidates.append(candidate) }
        return candidates
    }

    private func userManagementCandidate(_ entry: Entry) -> Candidate? {
        guard let kind = entry.principal.userManagement, let target = userManagementTargetIndex[kind],
            let name = profileNames.userManagementName, entry.userManagementSource != nil
        else { return nil }
        return Candidate(name: name, target: target, end: entry.userManagementEnd)
    }

    /// Where org.yaml grants a candidate of `entry`.
    private func location(of candidate: Candidate, in entry: Entry) -> SourceLocation {
        guard let grant = candidate.grant else { return entry.userManagementSource! }
        return (candidate.group.map { groupEntries[$0].grants } ?? entry.grants)[grant].location
    }

    private func collision(_ first: Candidate, _ second: Candidate, for entry: Entry) -> Diagnostic {
        let principal = entry.principal
        let (one, other) = (targets[first.target], targets[second.target])
        func describe(_ target: Profile.Target) -> String {
            let grant = "'\(target.role.name)' on account '\(target.account.key)'"
            return target.userManagement == nil ? grant : "the user-management profile (\(grant))"
        }
        let hint: String
        if one.userManagement != nil || other.userManagement != nil {
            hint = "set user_management.profile to another name"
        } else if one.account === other.account {
            hint = "give one of the roles a profile_suffix"
        } else {
            hint = "rename an account or change a profile_suffix"
        }
        return .error(
            .profileCollision,
            "\(principal.kind) '\(principal.name)' would get two profiles named '\(profileNames.names[first.name])': \(describe(one)) and \(describe(other)); \(hint)",
            at: location(of: second, in: entry),
            notes: [.init("\(describe(one)) is granted here", at: location(of: first, in: entry))])
    }
}
