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

        enum CodingKeys: String, CodingKey {
            case profile, role
            case userManagement = "user_management"
            case via
        }
    }

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
                Cell(profile: profile.name, role: profile.role.name, userManagement: profile.userManagement?.rawValue, via: via))
        }
        return Row(user: user.name, userManagement: user.userManagement, cells: cells)
    }

    /// Every row at once: for small orgs and tests; the formats stream `row(for:)`.
    public var rows: [Row] { model.users.map(row(for:)) }

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

    /// `group developers, direct assignment`.
    static func via(_ cell: Cell) -> String {
        cell.via.map(\.description).joined(separator: ", ")
    }

    /// `acme-dev (Developer, user management; via group developers)`.
    static func label(_ cell: Cell) -> String {
        "\(cell.profile) (\(cell.role)\(cell.userManagement == nil ? "" : ", user management"); via \(via(cell)))"
    }

    /// The text format's lines of one row: user, profile, account, role, via.
    private func textLines(_ row: Row) -> [[String]] {
        var lines: [[String]] = []
        for (account, cells) in zip(accounts, row.cells) {
            for cell in cells {
                let role = cell.role + (cell.userManagement == nil ? "" : " (user management)")
                lines.append([row.user, cell.profile, "\(account.key) (\(account.id))", role, Self.via(cell)])
            }
        }
        return lines
    }

    /// One line per profile, in aligned columns, then who manages users. The widths are
    /// found in a first pass over the users, the lines written in a second.
    private func text(_ emit: (String) throws -> Void) rethrows {
        let header = ["USER", "PROFILE", "ACCOUNT", "ROLE", "VIA"]
        var widths = header.map(\.count)
        for user in model.users {
            for line in textLines(row(for: user)) {
                for column in 0..<4 { widths[column] = max(widths[column], line[column].count) }
            }
        }
        func format(_ line: [String]) -> String {
            var text = ""
            for column in 0..<4 { text += line[column] + String(repeating: " ", count: widths[column] - line[column].count + 2) }
            text += line[4]
            return TerminalText.escaped(text.trimmingTrailingSpaces()) + "\n"
        }
        let users = model.users.count
        try emit(
            "Access report: \(users) user\(users == 1 ? "" : "s"), \(accounts.count) account\(accounts.count == 1 ? "" : "s")\n\n"
                + format(header))
        for user in model.users {
            try emit(textLines(row(for: user)).map(format).joined())
        }
        try emit(
            "\nuser-management admins: " + (userManagementAdmins.isEmpty ? "none" : userManagementAdmins.joined(separator: ", ")) + "\n"
                + "super admins: " + (superAdmins.isEmpty ? "none" : superAdmins.joined(separator: ", ")) + "\n")
    }

    private func markdown(_ emit: (String) throws -> Void) rethrows {
        try emit(
            "# Access report\n\n" + "| User | " + accounts.map { Markdown.text("\($0.key) (\($0.id))") }.joined(separator: " | ") + " |\n"
                + "| --- |" + String(repeating: " --- |", count: accounts.count) + "\n")
        for user in model.users {
            let row = row(for: user)
            let cells = row.cells.map {
                $0.map {
                    Markdown.code($0.profile)
                        + Markdown.text(" (\($0.role)\($0.userManagement == nil ? "" : ", user management"); via \(Self.via($0)))")
                }.joined(separator: "<br>")
            }
            try emit("| \(Markdown.text(row.user)) | " + cells.joined(separator: " | ") + " |\n")
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

    /// The JSON document (keys sorted, as `JSON` writes them), a user at a time.
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
        for user in model.users {
            let row = row(for: user)
            var access: [String: [Cell]] = [:]
            for (account, cells) in zip(accounts, row.cells) where !cells.isEmpty { access[account.key] = cells }
            json.value(JSONDocument.User(name: row.user, userManagement: row.userManagement?.rawValue, access: access))
            try emit(String(decoding: json.take(), as: UTF8.self))
        }
        json.close()
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
