import TestSupport
import Testing

@testable import OrgProfileKit
@testable import OrgYAML

/// The model resolves profiles through a numbered name table and skips principals that
/// cannot collide. These tests hold it to the rule as docs/org-yaml.md states it, written
/// the plain way: grants in order (direct, then each group's), the same account and role
/// once, then the user-management profile; the first grant of a name wins, and every later
/// grant of another account or role with that name collides.
@Suite struct ResolutionReferenceTests {
    struct Expected: Equatable {
        var profiles: [String]
        var wildcards: [String]
        var collisions: [String]
    }

    /// What the documented rule gives one entry of the model.
    func reference(_ model: AccessModel, _ entry: AccessModel.Entry) -> Expected {
        var list: [(name: String, pair: [Int], location: OrgYAML.SourceLocation, wildcard: Bool)] = []
        var positions: [[Int]: Int] = [:]
        for grant in entry.grants + entry.groups.flatMap({ model.groupEntries[$0].grants }) {
            let pair = [grant.account, grant.role]
            if let position = positions[pair] {
                list[position].wildcard = list[position].wildcard || grant.isWildcard
                continue
            }
            positions[pair] = list.count
            let suffix = model.roles[grant.role].profileSuffix.map { "-\($0)" } ?? ""
            list.append(("\(model.project)-\(model.accounts[grant.account].key)\(suffix)", pair, grant.location, grant.isWildcard))
        }
        // The user-management profile: never the same as a grant's (no pair of indices).
        if let kind = entry.principal.userManagement, model.userManagementTarget(kind) != nil,
            let name = model.userManagementProfileName, let source = entry.userManagementSource
        {
            list.append((name, [-1], source, false))
        }
        var first: [String: Int] = [:]
        var collisions: [String] = []
        for (position, candidate) in list.enumerated() {
            if let earlier = first[candidate.name] {
                collisions.append(
                    "\(entry.principal.name) \(list[earlier].location.line):\(list[earlier].location.column) \(candidate.location.line):\(candidate.location.column)"
                )
            } else {
                first[candidate.name] = position
            }
        }
        let kept = first.values.map { list[$0] }.sorted { $0.name < $1.name }
        return Expected(profiles: kept.map(\.name), wildcards: kept.filter(\.wildcard).map(\.name), collisions: collisions)
    }

    /// A small random org whose names collide often: account keys that end like suffixes,
    /// a user-management profile named like an account's profile, overlapping grants.
    func randomOrg(_ random: inout SeededGenerator) -> String {
        let accountKeys = ["a", "a-x", "b", "b-x", "x", "user-management"]
        let accounts = Array(accountKeys.shuffled(using: &random).prefix(Int.random(in: 2...5, using: &random)))
        let roles = ["R0", "R1", "R2"]
        var yaml = "version: 1\nproject: acme\nsso_session:\n  start_url: https://acme.awsapps.com/start\n  region: us-west-2\naccounts:\n"
        for (index, key) in accounts.enumerated() { yaml += "  \(key):\n    id: \"\(String(100_000_000_000 + index))\"\n" }
        yaml += "roles:\n"
        for role in roles { yaml += Bool.random(using: &random) ? "  \(role):\n    profile_suffix: x\n" : "  \(role): {}\n" }
        let profile = ["user-management", "a", "a-x", "b-x"].randomElement(using: &random)!
        yaml += "user_management:\n  profile: \(profile)\n"
        yaml +=
            "  delegated_admin:\n    account: \(accounts.randomElement(using: &random)!)\n    role: \(roles.randomElement(using: &random)!)\n"
        yaml +=
            "  organization_management:\n    account: \(accounts.randomElement(using: &random)!)\n    role: \(roles.randomElement(using: &random)!)\n"
        func assignments(_ indent: String) -> String {
            var text = "\(indent)assignments:\n"
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let targets =
                    Bool.random(using: &random) && Bool.random(using: &random)
                    ? "\"*\""
                    : "["
                        + accounts.shuffled(using: &random).prefix(Int.random(in: 1...accounts.count, using: &random)).joined(
                            separator: ", ") + "]"
                text += "\(indent)  - role: \(roles.randomElement(using: &random)!)\n\(indent)    accounts: \(targets)\n"
            }
            return text
        }
        let groups = ["g0", "g1", "g2"]
        yaml += "groups:\n"
        for group in groups {
            yaml +=
                "  \(group):\n" + (Int.random(in: 0..<4, using: &random) == 0 ? "    user_management: true\n" : "") + assignments("    ")
        }
        yaml += "users:\n"
        for user in 0..<5 {
            yaml +=
                "  u\(user):\n    groups: [\(groups.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random)).joined(separator: ", "))]\n"
            switch Int.random(in: 0..<5, using: &random) {
            case 0: yaml += "    super_admin: true\n"
            case 1: yaml += "    user_management: true\n"
            default: break
            }
            if Bool.random(using: &random) { yaml += assignments("    ") }
        }
        return yaml
    }

    func decodedModel(_ yaml: String) throws -> AccessModel {
        guard case .success(let root) = YAMLLoader(limits: .standard).load(Array(yaml.utf8), file: "org.yaml") else {
            Issue.record("not YAML:\n\(yaml)")
            throw CancellationError()
        }
        var decoder = SpecDecoder()
        return AccessModel(spec: decoder.decode(root).0)
    }

    /// Each user and group of `model` with its namesake in `other`, where there is one.
    func counterparts(_ model: AccessModel, _ other: AccessModel) -> [(Principal, Principal)] {
        (model.groupEntries + model.userEntries).map(\.principal).compactMap { principal in
            other.principal(named: principal.name, kind: principal.kind).map { (principal, $0) }
        }
    }

    @Test func profilesAndCollisionsFollowTheDocumentedRule() throws {
        var random = SeededGenerator(seed: 6)
        var collisionsSeen = 0
        for _ in 0..<400 {
            let yaml = randomOrg(&random)
            let model = try decodedModel(yaml)
            var expectedCollisions: [String] = []
            var reported = Set<String>()
            for entry in model.groupEntries + model.userEntries {
                let expected = reference(model, entry)
                let profiles = model.profiles(for: entry.principal)
                #expect(profiles.map(\.name) == expected.profiles, "\(entry.principal.name) in\n\(yaml)")
                #expect(profiles.filter(\.isWildcard).map(\.name) == expected.wildcards, "\(entry.principal.name) in\n\(yaml)")
                // A pair of places is reported once, for the first principal that has it.
                expectedCollisions += expected.collisions.filter {
                    reported.insert(String($0.split(separator: " ", maxSplits: 1)[1])).inserted
                }
            }
            let collisions = model.collisionDiagnostics().filter { $0.code == .profileCollision }.map { diagnostic in
                let principal = diagnostic.message.split(separator: "'")[1]
                let first = diagnostic.notes[0].location!
                let second = diagnostic.location!
                return "\(principal) \(first.line):\(first.column) \(second.line):\(second.column)"
            }
            #expect(collisions == expectedCollisions, "in\n\(yaml)")
            collisionsSeen += collisions.count
        }
        // The generator must actually produce collisions for the comparison to mean anything.
        #expect(collisionsSeen > 100)
    }

    /// validate's count of profiles is what resolving every enabled principal gives (one
    /// profile per name, also where names collide).
    @Test func profileCountIsTheSumOfResolvedProfiles() throws {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<400 {
            let yaml = randomOrg(&random)
            let model = try decodedModel(yaml)
            let resolved = model.principals.reduce(0) { $0 + model.profiles(for: $1).count }
            #expect(model.profileCount() == resolved, "in\n\(yaml)")
        }
    }

    /// diff's shortcut, from what org.yaml declares: never "unchanged" when the
    /// profiles differ, and "unchanged" for every principal of an unchanged org.
    @Test func unchangedAccessNeverHidesAChange() throws {
        var random = SeededGenerator(seed: 62)
        var vouched = 0
        for _ in 0..<150 {
            let yaml = randomOrg(&random)
            let model = try decodedModel(yaml)
            let mutations = [
                yaml, randomOrg(&random),
                yaml.replacingOccurrences(of: "profile_suffix: x", with: "profile_suffix: y"),
                yaml.replacingOccurrences(of: "groups: [g0", with: "groups: [g1"),
                yaml.replacingOccurrences(of: "accounts: \"*\"", with: "accounts: [a]"),
                yaml.replacingOccurrences(of: "    id: \"100000000000\"", with: "    id: \"100000000009\""),
            ]
            for (number, other) in try mutations.map(decodedModel).enumerated() {
                let unchanged = UnchangedAccess(old: model, new: other)
                for (principal, counterpart) in counterparts(model, other) {
                    let vouches = unchanged.isUnchanged(old: principal, new: counterpart)
                    if vouches {
                        vouched += 1
                        #expect(
                            model.profiles(for: principal).profiles == other.profiles(for: counterpart).profiles,
                            "\(principal.name) in\n\(yaml)")
                    }
                    if number == 0 { #expect(vouches) }
                }
            }
        }
        #expect(vouched > 1500)
    }

    @Test func theProfileLimitIsCheckedEvenWithoutSharedNames() throws {
        var limits = Limits()
        limits.profilesPerPrincipal = 2
        let model = try model(
            validOrg
                + "  carol:\n    assignments:\n      - role: Developer\n        accounts: \"*\"\n      - role: ReadOnlyAccess\n        accounts: [infrastructure]\n"
        )
        #expect(model.collisionDiagnostics(limits: limits).map(\.message) == ["user 'carol' would get 3 profiles; the limit is 2"])
    }
}
