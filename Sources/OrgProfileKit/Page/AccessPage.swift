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
        /// Every profile target of the model (`Profile.Target.number`): [name, account index,
        /// role index, user management ("" or its kind)].
        var targets: [[Value]]
        /// Every distinct "via" text, and every distinct list of them (indices).
        var sources: [String]
        var sourceSets: [[Int]]
        /// [key, description, [member user indices], [target indices], name in Identity Center]
        var groups: [[Value]]
        /// With a snapshot, one row per drift finding, in drift's order: [kind, "user", "group"
        /// or "", name, account, role, group, message, privileged "1" or "", undeclared "1" or ""].
        var drift: [[String]]?
        /// When some profile ends: the day the page is read as of. `temporary` follows it
        /// (`appendData`): what ends, soonest first, a person's profiles that end together in
        /// one row: [person index, until, ends within 7 days "1" or "", [target indices]].
        var asOf: String?
        // `temporary` (when some profile ends) and `users` follow, written by `appendData` (the largest table, never a tree of values).
    }

    typealias Value = JSONValue

    let data: Data
    /// Every principal's profiles, of which the page writes the users' (`appendData`).
    let access: ResolvedAccess
    /// The page's people, sorted by name: their places in `access.users`, with their groups'
    /// numbers in the page's table.
    let people: [(user: Int, groups: [Int])]
    /// The page's number of each of `access.originSets` (users' only; -1 for the others).
    let sourceSetNumbers: [Int32]
    /// What ends, soonest first: a person's profiles that end together, by their place in `people`.
    let temporary: [(end: Date, person: Int, targets: [Int32])]
    /// The moment the page is read as of.
    let moment: Date

    /// One of `drift`'s findings, as the page marks it (made by the live side): every finding
    /// is one mark, so the page counts what `drift` counts. Assignments declared but missing
    /// (`missing`) and present but undeclared (`undeclared`) are drawn on the profiles and the
    /// matrix; every finding is listed under its person or group, and in the Differences view.
    public struct DriftMark: Sendable {
        /// `missing`, `undeclared`, or drift's own name of the kind (`missing_membership`, ...).
        public var kind: String
        /// The user or group it concerns; nil for the org's own (accounts and roles).
        public var subject: Principal.Kind?
        /// The key in org.yaml, else the name in Identity Center.
        public var name: String
        /// The principal is in Identity Center but not in org.yaml.
        public var undeclared: Bool
        /// The account's key (its ID when org.yaml does not know it), the role and the group, when it has them.
        public var account: String
        public var role: String
        public var group: String
        /// drift's words (the first line).
        public var message: String
        public var isPrivileged: Bool

        public init(
            kind: String, subject: Principal.Kind?, name: String, undeclared: Bool = false, account: String = "", role: String = "",
            group: String = "", message: String, isPrivileged: Bool
        ) {
            (self.kind, self.subject, self.name, self.undeclared) = (kind, subject, name, undeclared)
            (self.account, self.role, self.group, self.message, self.isPrivileged) = (account, role, group, message, isPrivileged)
        }
    }

    /// The page of the model, resolving everyone here (`report --format html`).
    public init(model: AccessModel, sourceName: String, links: Bool, drift: [DriftMark]? = nil) {
        self.init(model: model, access: ResolvedAccess(model: model), sourceName: sourceName, links: links, drift: drift)
    }

    /// `access` is the model's, as the render resolved it (`compile`). `links`: the page sits
    /// at the top of the compiled folder, beside `users/` and `groups/`. Everything is sorted by
    /// name (accounts by key; profiles by their target's number, which is sorted too), so the
    /// page, like every other output file, does not depend on the order of org.yaml's
    /// declarations.
    init(model: AccessModel, access: ResolvedAccess, sourceName: String, links: Bool, drift: [DriftMark]? = nil) {
        let accounts = model.accounts.sorted { $0.key < $1.key }
        let accountIndex = Dictionary(accounts.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        let roles = model.roles.sorted { $0.name < $1.name }
        let roleIndex = Dictionary(roles.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let groups = access.groups.indices.sorted { access.groups[$0].principal.name < access.groups[$1].principal.name }
        let groupIndex = Dictionary(
            groups.enumerated().map { (access.groups[$1].principal.name, $0) }, uniquingKeysWith: { first, _ in first })
        let people = access.users.indices.sorted { access.users[$0].principal.name < access.users[$1].principal.name }
        let userIndex = Dictionary(
            people.enumerated().map { (access.users[$1].principal.name, $0) }, uniquingKeysWith: { first, _ in first })
        var groupsOf = [[Int]](repeating: [], count: people.count)
        var members = [[Int]](repeating: [], count: groups.count)
        for membership in model.declaredMemberships {
            guard let user = userIndex[membership.user], let group = groupIndex[membership.group] else { continue }
            groupsOf[user].append(group)
            members[group].append(user)
        }
        self.access = access
        self.people = people.enumerated().map { ($1, groupsOf[$0].sorted()) }

        // Where profiles come from, in words: the texts sorted; each list of them (as
        // `ProfileSource` sorts) numbered by how many profiles it explains, most first (the
        // fewest digits), then by its texts.
        var uses = [Int](repeating: 0, count: access.originSets.count)
        for user in access.users {
            for set in user.origins { uses[Int(set)] += 1 }
        }
        let texts: [[String]?] = access.originSets.indices.map { set in
            uses[set] > 0 ? access.originSets[set].map(model.source).sorted().map(\.description) : nil
        }
        let sources = Set(texts.compactMap { $0 }.joined()).sorted()
        let sourceIndex = Dictionary(uniqueKeysWithValues: sources.enumerated().map { ($1, $0) })
        var setUses: [[Int]: Int] = [:]
        let lists = texts.indices.map { set in
            texts[set].map { texts in
                let list = texts.map { sourceIndex[$0]! }
                setUses[list, default: 0] += uses[set]
                return list
            }
        }
        let sourceSets = setUses.keys.sorted {
            setUses[$0]! != setUses[$1]! ? setUses[$0]! > setUses[$1]! : $0.lexicographicallyPrecedes($1)
        }
        let sourceSetIndex = Dictionary(uniqueKeysWithValues: sourceSets.enumerated().map { ($1, $0) })
        sourceSetNumbers = lists.map { list in list.map { Int32(sourceSetIndex[$0]!) } ?? -1 }

        // A group's name in Identity Center, when org.yaml gives one other than its key.
        let centerNames = Dictionary(
            model.declaredPrincipals.filter { $0.kind == .group && $0.identityCenterName != $0.name }.map {
                ($0.name, $0.identityCenterName)
            },
            uniquingKeysWith: { first, _ in first })
        let groupRows: [[Value]] = groups.enumerated().map { index, group in
            let entry = access.groups[group]
            return [
                .string(entry.principal.name), .string(entry.principal.description ?? ""),
                .array(members[index].sorted().map(JSONValue.integer)), .array(entry.targets.map { .integer(Int($0)) }),
                .string(centerNames[entry.principal.name] ?? ""),
            ]
        }
        let moment = model.moment ?? UTCTime.today
        self.moment = moment
        temporary = model.hasAccessWindows ? Self.temporary(access: access, people: people) : []
        data = Data(
            project: model.project, source: sourceName, links: links,
            accounts: accounts.map { [$0.key, $0.name, $0.id, $0.region] },
            roles: roles.map {
                [$0.name, $0.isPrivileged ? "1" : "", $0.definition?.description ?? "", $0.definition?.sessionDuration ?? ""]
            },
            targets: access.profiles.map {
                [
                    .string($0.name), .integer(accountIndex[$0.account.key] ?? 0), .integer(roleIndex[$0.role.name] ?? 0),
                    .string($0.userManagement?.rawValue ?? ""),
                ]
            },
            sources: sources, sourceSets: sourceSets, groups: groupRows,
            drift: drift.map { marks in
                marks.map {
                    [
                        $0.kind, $0.subject?.rawValue ?? "", $0.name, $0.account, $0.role, $0.group, $0.message,
                        $0.isPrivileged ? "1" : "", $0.undeclared ? "1" : "",
                    ]
                }
            },
            asOf: temporary.isEmpty ? nil : UTCTime.day(of: moment))
    }

    /// The view of temporary access: each person's profiles that end, grouped by their end,
    /// soonest first, then by person (the targets of a row are in profile-name order, as
    /// target numbers are).
    static func temporary(access: ResolvedAccess, people: [Int]) -> [(end: Date, person: Int, targets: [Int32])] {
        var rows: [(end: Date, person: Int, targets: [Int32])] = []
        for (person, user) in people.enumerated() {
            let entry = access.users[user]
            guard !entry.ends.isEmpty else { continue }
            let first = rows.count
            for (position, end) in entry.ends {
                let target = entry.targets[Int(position)]
                if let row = rows[first...].firstIndex(where: { $0.end == end }) {
                    rows[row].targets.append(target)
                } else {
                    rows.append((end, person, [target]))
                }
            }
        }
        // People are met in order, so a stable sort by end keeps them in order within one.
        return rows.enumerated().sorted { ($0.element.end, $0.offset) < ($1.element.end, $1.offset) }.map(\.element)
    }

    /// The data as JSON inside `<script type="application/json">`, through `JSONStream` with
    /// every `<` written as `\u003c`, so no text in it can end the element (`</script>`) or
    /// open a comment. The small tables are values of their own; `users`, the last key and the
    /// bulk of the page, is written a person at a time.
    /// `following`: how many bytes the caller appends after the data (for the reservation).
    func appendData(to page: inout [UInt8], following: Int = 0) {
        var json = JSONStream(.compact, htmlSafe: true)
        json.bytes = page
        page = []
        // At most: every character of a name escaped (6 bytes), every number 10 digits and a
        // comma, 48 bytes a person for the user-management kind, brackets, quotes and commas.
        // Reserved at once, the page is written once instead of copied at each doubling (a
        // large org's peak memory), and what the bound leaves unused is never touched, so
        // never resident.
        let tables = json.encoding(data)
        var bound = json.bytes.count + tables.count + 12 + following
        for person in people {
            let principal = access.users[person.user].principal
            let texts = [principal.name, principal.displayName ?? "", principal.email ?? ""].map(\.utf8.count).reduce(0, +)
            bound += 6 * texts + 48 + 11 * (person.groups.count + 2 * access.users[person.user].targets.count)
        }
        for row in temporary { bound += 64 + 11 * row.targets.count }
        json.bytes.reserveCapacity(bound)
        // The tables' object, left open for `users` (its last key, `Data` having none after it).
        json.bytes += tables.dropLast()
        if !temporary.isEmpty {
            json.bytes += #","temporary":"#.utf8
            json.openArray()
            for row in temporary {
                json.openArray()
                json.integer(row.person)
                json.string(AccessWindow.shown(end: row.end))
                json.string(row.end.timeIntervalSince(moment) <= AccessReport.soon ? "1" : "")
                json.openArray()
                for target in row.targets { json.integer(Int(target)) }
                json.close()
                json.close()
            }
            json.close()
        }
        json.bytes += #","users":"#.utf8
        // [name, display name, email, user management, [group indices], [target, source set, target, source set, ...]]
        json.openArray()
        var held: [Int32] = []
        for person in people {
            let user = access.users[person.user]
            json.openArray()
            for text in [
                user.principal.name, user.principal.displayName ?? "", user.principal.email ?? "",
                user.principal.userManagement?.rawValue ?? "",
            ] {
                json.string(text)
            }
            json.openArray()
            for group in person.groups { json.integer(group) }
            json.close()
            held.removeAll(keepingCapacity: true)
            for (target, origins) in zip(user.targets, user.origins) {
                held.append(target)
                held.append(sourceSetNumbers[Int(origins)])
            }
            json.openArray()
            for number in held { json.integer(number) }
            json.close()
            json.close()
        }
        json.close()
        json.bytes.append(UInt8(ascii: "}"))
        page = json.take()
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
        let tail = """
            </script>
            \(Self.body)
            <script>\(Self.script)</script>
            </body>
            </html>

            """
        appendData(to: &page, following: tail.utf8.count)
        page += tail.utf8
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
