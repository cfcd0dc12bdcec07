import Crypto
import Foundation
import OrgYAML
import Support

/// The access page: who has what, as one self-contained HTML document (`report --format
/// html`, and `dist/index.html` from `compile`). The data is embedded once, as tables of
/// names and indices (`AccessPage.Data`), and drawn by the page's own script; every name is
/// set as text, never as markup. The style and script are inline, and a Content-Security-
/// Policy allows them by hash and nothing else, so the page works from `file://` and
/// fetches nothing.
public struct AccessPage: Sendable {
    /// Its name in the compiled folder.
    public static let fileName = "index.html"

    /// What the page's script reads (`AccessPage+Assets.swift`), as `D`.
    struct Data: Encodable {
        var project: String
        var source: String
        /// Whether each principal's config and page sit beside the page (`compile`).
        var links: Bool
        /// [key, name, id, region]
        var accounts: [[String]]
        /// [name, privileged "1" or "", description, session duration]
        var roles: [[String]]
        /// Every distinct profile: [name, account index, role index, user management ("" or its kind)].
        var targets: [[Value]]
        /// Every distinct "via" text, and every distinct list of them (indices).
        var sources: [String]
        var sourceSets: [[Int]]
        /// [name, description, [member user indices], [target indices]]
        var groups: [[Value]]
        /// With a snapshot: ["missing" or "undeclared", "user" or "group", name, account, role] per finding.
        var drift: [[String]]?
        // `users` follows, written by `appendData` (the largest table, never a tree of values).
    }

    /// One person of the `users` table: [name, display name, email, user management,
    /// [group indices], [target, source set, target, source set, ...]].
    struct Person {
        var name, displayName, email, userManagement: String
        var groups: [Int]
        var held: [Int32]
    }

    typealias Value = JSONValue

    let data: Data
    let people: [Person]

    /// A difference between org.yaml and Identity Center that the page marks (`drift`'s
    /// findings, made by the live side): an assignment declared but missing, or one that
    /// exists undeclared, of a user or group.
    public struct DriftMark: Sendable {
        public var missing: Bool
        public var kind: Principal.Kind
        public var name: String
        /// The account's key, or its ID when org.yaml does not know it.
        public var account: String
        public var role: String

        public init(missing: Bool, kind: Principal.Kind, name: String, account: String, role: String) {
            (self.missing, self.kind, self.name, self.account, self.role) = (missing, kind, name, account, role)
        }
    }

    /// `links`: the page sits at the top of the compiled folder, beside `users/` and `groups/`.
    /// Everything is sorted by name (accounts by key), so the page, like every other output
    /// file, does not depend on the order of org.yaml's declarations.
    public init(model: AccessModel, sourceName: String, links: Bool, drift: [DriftMark]? = nil) {
        let accounts = model.accounts.sorted { $0.key < $1.key }
        let accountIndex = Dictionary(accounts.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        let roles = model.roles.sorted { $0.name < $1.name }
        let roleIndex = Dictionary(roles.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let groups = model.groups.sorted { $0.name < $1.name }
        let groupIndex = Dictionary(groups.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let people = model.users.sorted { $0.name < $1.name }
        let userIndex = Dictionary(people.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var groupsOf = [[Int]](repeating: [], count: people.count)
        var members = [[Int]](repeating: [], count: groups.count)
        for membership in model.declaredMemberships {
            guard let user = userIndex[membership.user], let group = groupIndex[membership.group] else { continue }
            groupsOf[user].append(group)
            members[group].append(user)
        }
        var tables = Tables()
        /// Profiles are numbered by their target, which every principal holding the profile shares.
        var targetNumbers: [ObjectIdentifier: Int] = [:]
        func number(_ profile: Profile) -> Int {
            let identity = ObjectIdentifier(profile.target)
            if let known = targetNumbers[identity] { return known }
            let number = tables.target(
                name: profile.name, account: accountIndex[profile.account.key] ?? 0, role: roleIndex[profile.role.name] ?? 0,
                userManagement: profile.userManagement?.rawValue)
            targetNumbers[identity] = number
            return number
        }
        var users: [Person] = []
        users.reserveCapacity(people.count)
        // One person at a time: their profiles become numbers at once, nothing else is kept.
        for (index, person) in people.enumerated() {
            let (profiles, origins) = model.profileOrigins(for: person)
            var held: [Int32] = []
            held.reserveCapacity(2 * profiles.count)
            var next = 0
            for (position, profile) in profiles.enumerated() {
                var last = next
                while last < origins.count, origins[last].0 == position { last += 1 }
                held.append(Int32(number(profile)))
                held.append(Int32(tables.sourceSet(origins[next..<last].map(\.1), model: model)))
                next = last
            }
            users.append(
                Person(
                    name: person.name, displayName: person.displayName ?? "", email: person.email ?? "",
                    userManagement: person.userManagement?.rawValue ?? "", groups: groupsOf[index].sorted(), held: held))
        }
        self.people = users
        let groupRows: [[Value]] = groups.enumerated().map { index, group in
            let held = model.profiles(for: group).map(number)
            return [
                .string(group.name), .string(group.description ?? ""), .array(members[index].sorted().map(JSONValue.integer)),
                .array(held.map(JSONValue.integer)),
            ]
        }
        data = Data(
            project: model.project, source: sourceName, links: links,
            accounts: accounts.map { [$0.key, $0.name, $0.id, $0.region] },
            roles: roles.map {
                [$0.name, $0.isPrivileged ? "1" : "", $0.definition?.description ?? "", $0.definition?.sessionDuration ?? ""]
            },
            targets: tables.targets, sources: tables.sources, sourceSets: tables.sourceSets, groups: groupRows,
            drift: drift.map { marks in
                marks.map { [$0.missing ? "missing" : "undeclared", $0.kind.rawValue, $0.name, $0.account, $0.role] }.sorted {
                    $0.lexicographicallyPrecedes($1)
                }
            })
    }

    /// The distinct profiles and "via" texts, each numbered once.
    private struct Tables {
        var targets: [[Value]] = []
        var sources: [String] = []
        var sourceIndex: [String: Int] = [:]
        var sourceSets: [[Int]] = []
        var sourceSetIndex: [[Int]: Int] = [:]

        /// A new profile's number (the caller numbers each profile target once).
        mutating func target(name: String, account: Int, role: Int, userManagement: String?) -> Int {
            targets.append([.string(name), .integer(account), .integer(role), .string(userManagement ?? "")])
            return targets.count - 1
        }

        var originSetIndex: [[ProfileOrigin]: Int] = [:]
        /// Most profiles come from one origin: numbered without hashing a list.
        var singleOriginIndex: [ProfileOrigin: Int] = [:]

        /// The number of a profile's list of origins: said in words (sorted as `ProfileSource`
        /// sorts) only the first time the list is met.
        mutating func sourceSet(_ origins: [ProfileOrigin], model: AccessModel) -> Int {
            if origins.count == 1, let known = singleOriginIndex[origins[0]] { return known }
            if origins.count != 1, let known = originSetIndex[origins] { return known }
            let set = origins.map(model.source).sorted().map { source -> Int in
                let text = source.description
                if let known = sourceIndex[text] { return known }
                sourceIndex[text] = sources.count
                sources.append(text)
                return sources.count - 1
            }
            let number: Int
            if let known = sourceSetIndex[set] {
                number = known
            } else {
                number = sourceSets.count
                sourceSetIndex[set] = number
                sourceSets.append(set)
            }
            if origins.count == 1 { singleOriginIndex[origins[0]] = number } else { originSetIndex[origins] = number }
            return number
        }
    }

    /// The data as JSON inside `<script type="application/json">`, keys sorted as `JSON`
    /// writes them: every `<` written as `\u003c`, so no text in it can end the element
    /// (`</script>`) or open a comment. The small tables go through `JSON`; `users`, the
    /// last key and the bulk of the page, is appended byte by byte.
    func appendData(to json: inout [UInt8]) {
        json += String(JSON.line(data).dropLast(2)).replacingOccurrences(of: "<", with: "\\u003c").utf8
        json += #","users":["#.utf8
        for (index, person) in people.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "["))
            for text in [person.name, person.displayName, person.email, person.userManagement] {
                Self.appendString(text, to: &json)
                json.append(UInt8(ascii: ","))
            }
            Self.appendNumbers(person.groups, to: &json)
            json.append(UInt8(ascii: ","))
            Self.appendNumbers(person.held, to: &json)
            json.append(UInt8(ascii: "]"))
        }
        json += "]}".utf8
    }

    /// A string as JSON: as it is between quotes when nothing in it needs escaping, else
    /// through `JSON`; `<` as `\u003c` either way.
    static func appendString(_ text: String, to json: inout [UInt8]) {
        let plain = text.utf8.allSatisfy {
            $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "<")
        }
        if plain {
            json.append(UInt8(ascii: "\""))
            json += text.utf8
            json.append(UInt8(ascii: "\""))
        } else {
            json += String(JSON.line(text).dropLast()).replacingOccurrences(of: "<", with: "\\u003c").utf8
        }
    }

    /// `[1,20,3]`, the digits written directly (a million numbers on a large org).
    static func appendNumbers<Number: BinaryInteger>(_ numbers: [Number], to json: inout [UInt8]) {
        json.append(UInt8(ascii: "["))
        for (index, number) in numbers.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            var rest = Int(number)
            if rest < 0 {
                json.append(UInt8(ascii: "-"))
                rest = -rest
            }
            // Least significant digit first, then turned around in place.
            let first = json.count
            repeat {
                json.append(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            json[first...].reverse()
        }
        json.append(UInt8(ascii: "]"))
    }

    /// `sha256-...` of an inline element's text, for the Content-Security-Policy.
    static func hash(_ text: String) -> String {
        "'sha256-" + Foundation.Data(SHA256.hash(data: Array(text.utf8))).base64EncodedString() + "'"
    }

    /// The whole document.
    public func html() -> String { String(decoding: bytes(), as: UTF8.self) }

    /// The whole document as UTF-8, the data written straight into it (no copy of the page
    /// as text: on a large org it is megabytes).
    public func bytes() -> [UInt8] {
        let policy =
            "default-src 'none'; style-src \(Self.hash(Self.style)); script-src \(Self.hash(Self.script)); img-src data:; base-uri 'none'; form-action 'none'"
        var page = Array(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(policy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="\(OrgProfile.name) \(OrgProfile.version)">
            <title>AWS access of \(Self.escaped(data.project))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <script id="access-data" type="application/json">
            """.utf8)
        appendData(to: &page)
        page +=
            """
            </script>
            \(Self.body)
            <script>\(Self.script)</script>
            </body>
            </html>

            """.utf8
        return page
    }

    /// Text for HTML outside the data: `&`, `<`, `>` and `"` as entities.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
