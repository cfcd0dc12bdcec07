/// Turning grants into named profiles, and finding two profiles that would share a name.
extension AccessModel {
    /// A profile before it is kept: where it comes from, to explain a collision.
    struct Candidate {
        var name: String
        var account: Int
        var role: Int
        var userManagement: UserManagementKind?
        var location: SourceLocation
        var isWildcard = false
    }

    /// `<project>-<account>`, plus `-<profile_suffix>` when the role declares one. A pure
    /// function of what is declared, never of what else a principal holds.
    func profileName(account: Int, role: Int) -> String {
        let base = "\(project)-\(accounts[account].key)"
        guard let suffix = roles[role].profileSuffix else { return base }
        return "\(base)-\(suffix)"
    }

    /// The principal's profiles, sorted by name. Only meaningful for a model without
    /// collisions (see `collisionDiagnostics()`); on a collision the first grant wins.
    public func profiles(for principal: Principal) -> [Profile] {
        resolve(entries(principal.kind)[principal.index]).profiles
    }

    /// One error per distinct pair of grants that would produce the same profile name for
    /// some user or group. A collision inherited from a group is reported once, for the group.
    /// Also reports a user or group with more profiles than `limits` allow.
    public func collisionDiagnostics(limits: Limits = .standard) -> [Diagnostic] {
        var reported = Set<[SourceLocation]>()
        var diagnostics: [Diagnostic] = []
        for entry in groupEntries + userEntries {
            let resolved = resolve(entry)
            for (first, second) in resolved.collisions where reported.insert([first.location, second.location]).inserted {
                diagnostics.append(collision(first, second, for: entry.principal))
            }
            if resolved.profiles.count > limits.profilesPerPrincipal {
                diagnostics.append(.error(
                    .limitExceeded,
                    "\(entry.principal.kind) '\(entry.principal.name)' would get \(resolved.profiles.count) profiles; the limit is \(limits.profilesPerPrincipal)",
                    at: entry.location))
            }
        }
        return diagnostics
    }

    private func resolve(_ entry: Entry) -> (profiles: [Profile], collisions: [(Candidate, Candidate)]) {
        var byName: [String: Candidate] = [:]
        var collisions: [(Candidate, Candidate)] = []
        for candidate in candidates(entry) {
            if let first = byName[candidate.name] {
                collisions.append((first, candidate))
            } else {
                byName[candidate.name] = candidate
            }
        }
        let profiles = byName.values.sorted { $0.name < $1.name }.map { candidate in
            let account = accounts[candidate.account]
            return Profile(
                name: candidate.name, account: account.key, accountName: account.displayName ?? account.key,
                accountID: account.id, role: roles[candidate.role].name, region: account.region,
                settings: account.settings, userManagement: candidate.userManagement, isWildcard: candidate.isWildcard)
        }
        return (profiles, collisions)
    }

    /// Every (account, role) the entry holds, once, in the order org.yaml grants them
    /// (direct assignments, then groups in the order listed), then the user-management profile.
    private func candidates(_ entry: Entry) -> [Candidate] {
        var positions: [Int: Int] = [:]
        var candidates: [Candidate] = []
        let inherited = entry.groups.lazy.flatMap { groupEntries[$0].grants }
        for grant in entry.grants + inherited {
            let pair = grant.account * roles.count + grant.role
            if let position = positions[pair] {
                candidates[position].isWildcard = candidates[position].isWildcard || grant.isWildcard
                continue
            }
            positions[pair] = candidates.count
            candidates.append(Candidate(
                name: profileName(account: grant.account, role: grant.role), account: grant.account, role: grant.role,
                location: grant.location, isWildcard: grant.isWildcard))
        }
        if let kind = entry.principal.userManagement, let target = userManagementTargets[kind],
           let name = userManagementProfileName, let source = entry.userManagementSource {
            candidates.append(Candidate(name: name, account: target.account, role: target.role, userManagement: kind, location: source))
        }
        return candidates
    }

    private func collision(_ first: Candidate, _ second: Candidate, for principal: Principal) -> Diagnostic {
        func describe(_ candidate: Candidate) -> String {
            let grant = "'\(roles[candidate.role].name)' on account '\(accounts[candidate.account].key)'"
            return candidate.userManagement == nil ? grant : "the user-management profile (\(grant))"
        }
        let hint: String
        if first.userManagement != nil || second.userManagement != nil {
            hint = "set user_management.profile to another name"
        } else if first.account == second.account {
            hint = "give one of the roles a profile_suffix"
        } else {
            hint = "rename an account or change a profile_suffix"
        }
        return .error(
            .profileCollision,
            "\(principal.kind) '\(principal.name)' would get two profiles named '\(first.name)': \(describe(first)) and \(describe(second)); \(hint)",
            at: second.location,
            notes: [.init("\(describe(first)) is granted here", at: first.location)])
    }
}
