/// "did you mean ...?" hints: the key an AWS config name corresponds to, else the closest
/// candidate by edit distance if it is a plausible typo, else the one candidate the word is
/// a truncation or an extension of.
public enum Suggestion {
    /// Names people bring from `~/.aws/config` and the AWS APIs, and the org.yaml key that
    /// says the same; used when that key is among the candidates.
    static let awsNames: [String: String] = [
        "sso_region": "region", "sso_start_url": "start_url", "sso_registration_scopes": "registration_scopes",
        "sso_account_id": "id", "account_id": "id", "accountid": "id",
        "sso_role_name": "role", "role_name": "role", "permission_set": "role",
        "sso_session": "sso_session", "sso_session_name": "name",
    ]

    /// The best candidate for `word`, or nil when none is plausible: an AWS name's org.yaml
    /// key; else the candidate with the fewest edits, within a third of the word's length
    /// (at least one edit; ties broken by candidate order); else the only candidate that
    /// starts with the word or that the word starts with (`workload-devel` for
    /// `workload-development`, `frank` for `frank.grimes`), at least 3 characters long.
    public static func closest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        let candidates = Array(candidates).filter { $0 != word }
        let lowered = word.lowercased()
        if let key = awsNames[lowered], candidates.contains(key) { return key }
        let limit = max(1, word.count / 3)
        var best: (candidate: String, distance: Int)?
        let scalars = Array(lowered.unicodeScalars)
        for candidate in candidates {
            let distance = editDistance(scalars, Array(candidate.lowercased().unicodeScalars))
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        if let best { return best.candidate }
        let related = candidates.filter { candidate in
            let other = candidate.lowercased()
            return min(other.count, lowered.count) >= 3 && (other.hasPrefix(lowered) || lowered.hasPrefix(other))
        }
        return related.count == 1 ? related[0] : nil
    }

    /// ` (did you mean 'x'?)`, or an empty string when nothing is close.
    public static func hint<S: Sequence>(for word: String, in candidates: S) -> String where S.Element == String {
        guard let match = closest(to: word, in: candidates) else { return "" }
        return "; did you mean '\(match)'?"
    }

    /// Edit distance where an insertion, deletion, substitution or swap of two neighbouring
    /// characters costs one (optimal string alignment), so `nmae` is one edit from `name`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
