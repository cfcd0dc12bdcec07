/// Top-level keys indented under the section above them. YAML reads `users:` indented by two
/// spaces under `groups:` as a group named "users" that holds every user, which would be
/// reported as dozens of problems with groups and one missing `users`. Each such key is
/// reported once, where it is, and read as the section it was meant to be, so what it holds
/// is checked as that section. When only the key was indented (`  users:` with its users
/// still at two spaces, so YAML reads it as empty and each user as a group), the entries
/// after it are read as its own.
extension SpecDecoder {
    /// What an entry of each section is called, and the keys an entry (or, for the sections
    /// of fixed keys, the section itself) may hold.
    private static let sections: [String: (entry: String?, keys: [String])] = [
        "accounts": ("an account", Keys.account), "roles": ("a role", Keys.role), "groups": ("a group", Keys.group),
        "users": ("a user", Keys.user), "sso_session": (nil, Keys.session), "defaults": (nil, Keys.defaults),
        "user_management": (nil, Keys.userManagement), "review": (nil, Keys.review),
    ]

    /// The top level's pairs with every indented top-level key moved back up, after the
    /// section that held it; each move reported.
    mutating func liftingIndentedSections(_ pairs: [YAMLPair]) -> [YAMLPair] {
        let atTop = Set(pairs.compactMap { $0.key.scalar?.text })
        var result: [YAMLPair] = []
        for pair in pairs {
            guard let name = pair.key.scalar?.text, let section = Self.sections[name], case .mapping(let inner) = pair.value.content
            else {
                result.append(pair)
                continue
            }
            var kept: [YAMLPair] = []
            var lifted: [YAMLPair] = []
            /// A lifted key with no value (`  users:` indented while what it holds was not):
            /// the entries after it in the section were meant as its own.
            var adopting = false
            /// Reports the key lifted last, once what it holds is known.
            func report(_ entry: YAMLPair) {
                let key = entry.key.scalar?.text ?? ""
                let reading = section.entry.map { "\($0) named '\(key)'" } ?? "a key of \(name)"
                let held =
                    adopting
                    ? " with no value\(Self.names(entry.value).map { ", and the entries after it (\($0)) as \(name) too" } ?? "")"
                    : Self.holding(entry.value)
                diagnostics.append(
                    .error(
                        .misplacedSection,
                        "'\(key)' is indented under '\(name)' (line \(pair.key.location.line)), so YAML reads it as \(reading)\(held); "
                            + "remove its indentation to make it a top-level key",
                        at: entry.key.location))
            }
            for entry in inner {
                guard let key = entry.key.scalar?.text, Keys.top.contains(key), !atTop.contains(key),
                    !lifted.contains(where: { $0.key.scalar?.text == key }), Self.isMisplaced(entry, in: section)
                else {
                    if adopting, case .mapping(let adopted) = lifted[lifted.count - 1].value.content {
                        let last = lifted[lifted.count - 1]
                        lifted[lifted.count - 1] = YAMLPair(
                            key: last.key, value: YAMLNode(.mapping(adopted + [entry]), at: last.value.location))
                    } else {
                        kept.append(entry)
                    }
                    continue
                }
                if let last = lifted.last { report(last) }
                adopting = entry.value.scalar?.isNull == true
                lifted.append(adopting ? YAMLPair(key: entry.key, value: YAMLNode(.mapping([]), at: entry.value.location)) : entry)
            }
            if let last = lifted.last { report(last) }
            result.append(lifted.isEmpty ? pair : YAMLPair(key: pair.key, value: YAMLNode(.mapping(kept), at: pair.value.location)))
            result += lifted
        }
        return result
    }

    /// A top-level key under a section of fixed keys is misplaced unless that section allows
    /// it; under a section of names, unless it looks like an entry (a mapping with at least
    /// one key an entry has: an account that happens to be called `defaults`).
    private static func isMisplaced(_ entry: YAMLPair, in section: (entry: String?, keys: [String])) -> Bool {
        guard section.entry != nil else { return !section.keys.contains(entry.key.scalar?.text ?? "") }
        guard case .mapping(let pairs) = entry.value.content else { return true }
        return !pairs.contains { section.keys.contains($0.key.scalar?.text ?? "") }
    }

    /// ` holding 'alice' and 2 more`: what the misplaced key's mapping or list holds.
    private static func holding(_ node: YAMLNode) -> String {
        names(node).map { " holding \($0)" } ?? ""
    }

    /// `'alice' and 2 more`: the keys of a mapping or the items of a list; nil when none.
    private static func names(_ node: YAMLNode) -> String? {
        let names: [String]
        switch node.content {
        case .mapping(let pairs): names = pairs.compactMap { $0.key.scalar?.text }
        case .sequence(let items): names = items.compactMap { $0.scalar?.text }
        case .scalar: return nil
        }
        guard let first = names.first else { return nil }
        return "'\(first)'" + (names.count > 1 ? " and \(names.count - 1) more" : "")
    }
}
