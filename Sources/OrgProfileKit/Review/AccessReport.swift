import Foundation
import OrgYAML
import Support

/// The access matrix an auditor asks for: one row per enabled user, one column per account
/// (in org.yaml order), the user's profiles on that account in each cell; and who manages
/// users.
public struct AccessReport: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        /// Aligned columns for a terminal, one line per profile.
        case text
        case markdown, csv, json
        /// The access page (`AccessPage`), without links to configs.
        case html
    }

    public struct Cell: Sendable, Encodable {
        public var profile: String
        public var role: String
        public var userManagement: String?
        /// Where the profile comes from: a group, a direct assignment, user management.
        public var via: [ProfileSource]
        /// When the user's access to it ends; nil when it lasts.
        public var end: Date?
        /// `end` as org.yaml says it: the last day (or the moment).
        public var until: String? { end.map(AccessWindow.shown(end:)) }

        enum CodingKeys: String, CodingKey {
            case profile, role
            case userManagement = "user_management"
            case via, until
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(profile, forKey: .profile)
            try container.encode(role, forKey: .role)
            try container.encodeIfPresent(userManagement, forKey: .userManagement)
            try container.encode(via, forKey: .via)
            try container.encodeIfPresent(until, forKey: .until)
        }
    }

    /// One temporary profile of one user, in the view of temporary access sorted by end date.
    public struct Ending: Sendable, Encodable {
        public var end: Date
        public var user: String
        public var account: AccessModel.Account
        public var cell: Cell
        /// It ends within `soon` of the day the report is read as of.
        public var isSoon: Bool

        enum CodingKeys: String, CodingKey {
            case until, user, profile, account, role, via
            case endsSoon = "ends_within_7_days"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(AccessWindow.shown(end: end), forKey: .until)
            try container.encode(user, forKey: .user)
            try container.encode(cell.profile, forKey: .profile)
            try container.encode(account.key, forKey: .account)
            try container.encode(cell.role, forKey: .role)
            try container.encode(cell.via, forKey: .via)
            try container.encode(isSoon, forKey: .endsSoon)
        }
    }

    /// What "ends soon" means in the view of temporary access: within 7 days.
    public static let soon: TimeInterval = 7 * 86_400

    public struct Row: Sendable {
        public var user: String
        /// `delegated_admin`, `organization_management` (a super admin), or nil.
        public var userManagement: UserManagementKind?
        /// One list per account, in the order of `accounts`.
        public var cells: [[Cell]]
    }

    public let accounts: [AccessModel.Account]
    /// For the page, which shows groups and roles too.
    let model: AccessModel
    /// Each account's column, by key.
    private let column: [String: Int]

    public init(model: AccessModel) {
        self.model = model
        accounts = model.accounts
        column = Dictionary(model.accounts.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// One user's row, resolved when asked: the report holds one user's profiles at a time,
    /// so its memory follows the input, not users times accounts.
    public func row(for user: Principal) -> Row {
        var cells = [[Cell]](repeating: [], count: accounts.count)
        let resolved = model.profiles(for: user)
        for (profile, via) in zip(resolved, model.sources(of: resolved)) {
            guard let index = column[profile.account.key] else { continue }
            cells[index].append(
                Cell(
                    profile: profile.name, role: profile.role.name, userManagement: profile.userManagement?.rawValue, via: via,
                    end: profile.end))
        }
        return Row(user: user.name, userManagement: user.userManagement, cells: cells)
    }

    /// Every row at once: for small orgs and tests; the formats stream `row(for:)`.
    public var rows: [Row] { model.users.map(row(for:)) }

    /// The temporary profiles of a row, unsorted.
    func endings(_ row: Row) -> [Ending] {
        let moment = model.moment ?? UTCTime.today
        var endings: [Ending] = []
        for (account, cells) in zip(accounts, row.cells) {
            for cell in cells {
                guard let end = cell.end else { continue }
                endings.append(
                    Ending(end: end, user: row.user, account: account, cell: cell, isSoon: end.timeIntervalSince(moment) <= Self.soon))
            }
        }
        return endings
    }

    /// The view of temporary access: every profile that ends, soonest first (then by user and
    /// profile), all at once: for small orgs and tests; the formats gather it as they write the
    /// users. Empty, without resolving anyone, when no grant has a window.
    public var temporary: [Ending] {
        guard model.hasAccessWindows else { return [] }
        return Self.sorted(model.users.flatMap { endings(row(for: $0)) })
    }

    static func sorted(_ endings: [Ending]) -> [Ending] {
        endings.sorted { ($0.end, $0.user, $0.cell.profile) < ($1.end, $1.user, $1.cell.profile) }
    }

    /// `! ` for what ends soon, blank otherwise: the mark of the view of temporary access.
    static func mark(_ ending: Ending) -> String { ending.isSoon ? "!" : " " }

    /// The day the report is read as of, for the heading of the view of temporary access.
    var asOfDay: String { UTCTime.day(of: model.moment ?? UTCTime.today) }

    /// Users with the delegated-admin user-management profile.
    public var userManagementAdmins: [String] { model.users.filter { $0.userManagement == .delegatedAdmin }.map(\.name) }
    /// Users with the Organization Management user-management profile.
    public var superAdmins: [String] { model.users.filter { $0.userManagement == .organizationManagement }.map(\.name) }

    public func render(_ format: Format) -> String {
        var output = ""
        write(format) { output += $0 }
        return output
    }

    /// The report in `format`, handed to `emit` piece by piece (a user's row at a time).
    public func write(_ format: Format, to emit: (String) throws -> Void) rethrows {
        switch format {
        case .text: try text(emit)
        case .markdown: try markdown(emit)
        case .csv: try csv(emit)
        case .json: try json(emit)
        case .html: try emit(AccessPage(model: model, sourceName: Compiler.displayName(of: model.file), links: false).html())
        }
    }

    /// `AdministratorAccess (user management)`.
    static func role(_ cell: Cell) -> String {
        cell.role + (cell.userManagement == nil ? "" : " (user management)")
    }

    /// `group developers, direct assignment`.
    static func via(_ cell: Cell) -> String {
        cell.via.map(\.description).joined(separator: ", ")
    }

    /// `acme-dev (Developer, user management; via group developers; until 2027-01-31)`.
    static func label(_ cell: Cell) -> String {
        "\(cell.profile) \(details(cell))"
    }

    /// What a cell's label says after the profile's name: `(Developer, user management; via
    /// group developers; until 2027-01-31)`.
    static func details(_ cell: Cell) -> String {
        "(\(cell.role)\(cell.userManagement == nil ? "" : ", user management"); via \(via(cell))\(cell.until.map { "; until \($0)" } ?? ""))"
    }

    /// The text format's lines of one row: user, profile, account, role, until (with
    /// `until`), via.
    private func textLines(_ row: Row, until: Bool) -> [[String]] {
        var lines: [[String]] = []
        for (account, cells) in zip(accounts, row.cells) {
            for cell in cells {
                let end = until ? [cell.until ?? ""] : []
                lines.append([row.user, cell.profile, "\(account.key) (\(account.id))", Self.role(cell)] + end + [Self.via(cell)])
            }
        }
        return lines
    }

    /// Columns as wide as their widest cell, found as lines are met; the last column as it is.
    private struct Columns {
        var widths: [Int]

        init(_ header: [String]) { widths = header.map(\.count) }

        mutating func measure(_ line: [String]) {
            for column in 0..<(line.count - 1) { widths[column] = max(widths[column], line[column].count) }
        }

        func format(_ line: [String]) -> String {
            var text = ""
            for column in 0..<(line.count - 1) {
                text += line[column] + String(repeating: " ", count: widths[column] - line[column].count + 2)
            }
            return TerminalText.escaped((text + line[line.count - 1]).trimmingTrailingSpaces()) + "\n"
        }
    }

    /// One line per profile, in aligned columns, then the view of temporary access and who
    /// manages users. The widths are found in a first pass over the users (which also finds
    /// what ends), the lines written in a second.
    private func text(_ emit: (String) throws -> Void) rethrows {
        var header = ["USER", "PROFILE", "ACCOUNT", "ROLE", "UNTIL", "VIA"]
        var columns = Columns(header)
        var endings: [Ending] = []
        for user in model.users {
            let row = row(for: user)
            for line in textLines(row, until: true) { columns.measure(line) }
            endings += self.endings(row)
        }
        // The column of ends only where some profile ends.
        let until = !endings.isEmpty
        if !until {
            header.remove(at: 4)
            columns.widths.remove(at: 4)
        }
        let format = columns.format
        let users = model.users.count
        try emit(
            "Access report: \(users) user\(users == 1 ? "" : "s"), \(accounts.count) account\(accounts.count == 1 ? "" : "s")\n\n"
                + format(header))
        for user in model.users {
            try emit(textLines(row(for: user), until: until).map(format).joined())
        }
        if !endings.isEmpty {
            let rows = Self.sorted(endings).map { ending in
                [
                    Self.mark(ending) + " " + AccessWindow.shown(end: ending.end), ending.user, ending.cell.profile,
                    "\(ending.account.key) (\(ending.account.id))", Self.role(ending.cell), Self.via(ending.cell),
                ]
            }
            let header = ["  UNTIL", "USER", "PROFILE", "ACCOUNT", "ROLE", "VIA"]
            var view = Columns(header)
            for row in rows { view.measure(row) }
            try emit(
                "\ntemporary access, by end date (! ends within 7 days of \(asOfDay)):\n" + view.format(header)
                    + rows.map(view.format).joined())
        }
        try emit(
            "\nuser-management admins: " + (userManagementAdmins.isEmpty ? "none" : userManagementAdmins.joined(separator: ", ")) + "\n"
                + "super admins: " + (superAdmins.isEmpty ? "none" : superAdmins.joined(separator: ", ")) + "\n")
    }

    private func markdown(_ emit: (String) throws -> Void) rethrows {
        var endings: [Ending] = []
        try emit(
            "# Access report\n\n" + "| User | " + accounts.map { Markdown.text("\($0.key) (\($0.id))") }.joined(separator: " | ") + " |\n"
                + "| --- |" + String(repeating: " --- |", count: accounts.count) + "\n")
        for user in model.users {
            let row = row(for: user)
            let cells = row.cells.map {
                $0.map {
                    Markdown.code($0.profile) + Markdown.text(" " + Self.details($0))
                }.joined(separator: "<br>")
            }
            try emit("| \(Markdown.text(row.user)) | " + cells.joined(separator: " | ") + " |\n")
            endings += self.endings(row)
        }
        if !endings.isEmpty {
            try emit(
                "\n## Temporary access\n\nBy end date; :warning: ends within 7 days of \(asOfDay).\n\n| Until | User | Profile | Account | Role | Via |\n| --- | --- | --- | --- | --- | --- |\n"
                    + Self.sorted(endings).map { ending in
                        "| \(ending.isSoon ? ":warning: " : "")\(Markdown.text(AccessWindow.shown(end: ending.end))) | \(Markdown.text(ending.user)) | \(Markdown.code(ending.cell.profile)) | \(Markdown.text("\(ending.account.key) (\(ending.account.id))")) | \(Markdown.text(Self.role(ending.cell))) | \(Markdown.text(Self.via(ending.cell))) |\n"
                    }.joined())
        }
        try emit("\n## User-management admins\n\n" + list(userManagementAdmins) + "\n## Super admins\n\n" + list(superAdmins))
    }

    private func list(_ names: [String]) -> String {
        names.isEmpty ? "None.\n" : names.map { "- \(Markdown.text($0))\n" }.joined()
    }

    /// CSV (`CSV`: RFC 4180, formulas defused). Several profiles in one cell are separated by "; ".
    private func csv(_ emit: (String) throws -> Void) rethrows {
        try emit(CSV.record(["user"] + accounts.map(\.key) + ["user_management"]))
        for user in model.users {
            let row = row(for: user)
            let cells = row.cells.map { $0.map(Self.label).joined(separator: "; ") }
            try emit(CSV.record([row.user] + cells + [row.userManagement?.rawValue ?? ""]))
        }
    }

    /// The JSON document's parts: its accounts and users.
    private enum JSONDocument {
        struct Account: Encodable {
            var key: String
            var id: String
            var name: String?
        }

        struct User: Encodable {
            var name: String
            var userManagement: String?
            /// Profiles by account key; accounts without profiles are left out.
            var access: [String: [Cell]]

            enum CodingKeys: String, CodingKey {
                case name
                case userManagement = "user_management"
                case access
            }
        }
    }

    /// The JSON document, a user at a time: its keys sorted (as `JSON` writes them), but for
    /// `temporary`, the view of what ends, which comes after `users` because it is gathered
    /// while they are written (one resolution of each user, not two).
    private func json(_ emit: (String) throws -> Void) rethrows {
        var json = JSONStream(.pretty)
        json.openObject()
        json.key("accounts")
        json.value(accounts.map { JSONDocument.Account(key: $0.key, id: $0.id, name: $0.displayName) })
        json.key("super_admins")
        json.value(superAdmins)
        json.key("user_management_admins")
        json.value(userManagementAdmins)
        json.key("users")
        json.openArray()
        var endings: [Ending] = []
        for user in model.users {
            let row = row(for: user)
            var access: [String: [Cell]] = [:]
            for (account, cells) in zip(accounts, row.cells) where !cells.isEmpty { access[account.key] = cells }
            json.value(JSONDocument.User(name: row.user, userManagement: row.userManagement?.rawValue, access: access))
            endings += self.endings(row)
            try emit(String(decoding: json.take(), as: UTF8.self))
        }
        json.close()
        json.key("temporary")
        json.value(Self.sorted(endings))
        json.close()
        try emit(String(decoding: json.take(), as: UTF8.self))
    }
}

extension String {
    /// The text without spaces at its end.
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
