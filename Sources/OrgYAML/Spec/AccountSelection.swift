/// Which accounts an assignment's `accounts:` selects, read from the accounts' `ou` and
/// `tags`: the one reading that the rules (what selects nothing) and the model (the grants)
/// share. A selector picks accounts in declaration order; an account named and also
/// selected counts as named.
public struct AccountSelection: Sendable {
    /// Why an account is in a grant: named, `"*"`, or a selector.
    public enum Reason: Hashable, Sendable {
        case named
        case every
        /// At or below this organisational unit.
        case ou(String)
        /// Has all of these tags.
        case tags([String: String])

        /// `OU Workloads/Prod`, `tags team=orders`; nil for a named account and for `"*"`.
        public var selectorDescription: String? {
            switch self {
            case .named, .every: nil
            case .ou(let path): "OU \(path)"
            case .tags(let tags): "tags " + tags.keys.sorted().map { "\($0)=\(tags[$0]!)" }.joined(separator: ", ")
            }
        }
    }

    /// Each account's OU path (nil: not placed) and tags, in declaration order.
    let ous: [String?]
    let tags: [[String: String]]
    public let index: [String: Int]

    public init(_ accounts: [AccountSpec]) {
        self.init(
            keys: accounts.map(\.key.value), ous: accounts.map { $0.ou?.value },
            tags: accounts.map { Dictionary($0.tags.map { ($0.key.value, $0.value.value) }, uniquingKeysWith: { first, _ in first }) })
    }

    /// Accounts by key, OU path and tags, in declaration order.
    public init(keys: [String], ous: [String?], tags: [[String: String]]) {
        (self.ous, self.tags) = (ous, tags)
        index = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `Workloads/Prod`, or `/` for the root: no leading, trailing or doubled `/`.
    public static func isPath(_ path: String) -> Bool {
        path == "/" || (!path.isEmpty && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty })
    }

    /// Whether an account placed at `path` is at or below `ou`.
    public static func contains(_ ou: String, _ path: String) -> Bool {
        ou == "/" || path == ou || path.hasPrefix(ou + "/")
    }

    /// Every OU some account is at or below: the paths a selector may name.
    public var knownOUs: Set<String> {
        var known = Set<String>()
        for case let path? in ous {
            known.insert("/")
            guard path != "/" else { continue }
            var prefix = ""
            for part in path.split(separator: "/") {
                prefix += prefix.isEmpty ? String(part) : "/" + part
                known.insert(prefix)
            }
        }
        return known
    }

    /// The accounts one selector picks.
    public func accounts(_ selector: AccountSelectorSpec) -> [Int] {
        switch selector {
        case .account(let key): index[key.value].map { [$0] } ?? []
        case .ou(let path): ous.indices.filter { ous[$0].map { Self.contains(path.value, $0) } ?? false }
        case .tags(let wanted, _): tags.indices.filter { account in wanted.allSatisfy { tags[account][$0.key.value] == $0.value.value } }
        }
    }

    /// One account an assignment selects: why, and where org.yaml says so (the name, the
    /// `"*"`, the selector).
    public struct Selected: Sendable {
        public var account: Int
        public var reason: Reason
        public var location: SourceLocation
    }

    /// The accounts an assignment selects, without those `except` names: for `"*"` every
    /// account, for a list of names those names as written, and with selectors in
    /// declaration order.
    public func select(_ accounts: AssignmentSpec.Accounts?, except: [Located<String>]) -> [Selected] {
        var selected: [Selected]
        switch accounts {
        case .all(let location)?:
            selected = ous.indices.map { Selected(account: $0, reason: .every, location: location) }
        case .listed(let selectors)?:
            let names = selectors.compactMap { selector -> Located<String>? in
                if case .account(let key) = selector { return key }
                return nil
            }
            if names.count == selectors.count {
                selected = names.compactMap { name in
                    index[name.value].map { Selected(account: $0, reason: .named, location: name.location) }
                }
            } else {
                var chosen: [Int: Selected] = [:]
                for selector in selectors {
                    let reason = Self.reason(selector)
                    for account in self.accounts(selector) where chosen[account] == nil || reason == .named {
                        chosen[account] = Selected(account: account, reason: reason, location: selector.location)
                    }
                }
                selected = chosen.keys.sorted().map { chosen[$0]! }
            }
        case nil:
            selected = []
        }
        if !except.isEmpty {
            let excluded = Set(except.compactMap { index[$0.value] })
            selected.removeAll { excluded.contains($0.account) }
        }
        return selected
    }

    static func reason(_ selector: AccountSelectorSpec) -> Reason {
        switch selector {
        case .account: .named
        case .ou(let path): .ou(path.value)
        case .tags(let wanted, _): .tags(Dictionary(wanted.map { ($0.key.value, $0.value.value) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
