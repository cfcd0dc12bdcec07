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
    public let rows: [Row]
    /// For the page, which shows groups and roles too.
    let model: AccessModel

    public init(model: AccessModel) {
        self.model = model
        accounts = model.accounts
        let column = Dictionary(model.accounts.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        rows = model.users.map { user in
            var cells = [[Cell]](repeating: [], count: model.accounts.count)
            for (profile, via) in model.sourcedProfiles(for: user) {
                guard let index = column[profile.account.key] else { continue }
                cells[index].append(
                    Cell(profile: profile.name, role: profile.role.name, userManagement: profile.userManagement?.rawValue, via: via))
            }
            return Row(user: user.name, userManagement: user.userManagement, cells: cells)
        }
    }

    /// Users with the delegated-admin user-management profile.
    public var userManagementAdmins: [String] { rows.filter { $0.userManagement == .delegatedAdmin }.map(\.user) }
    /// Users with the Organization Management user-management profile.
    public var superAdmins: [String] { rows.filter { $0.userManagement == .organizationManagement }.map(\.user) }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: text()
        case .markdown: markdown()
        case .csv: csv()
        case .json: json()
        case .html: AccessPage(model: model, sourceName: Compiler.displayName(of: model.file), links: false).html()
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

    /// One line per profile, in aligned columns, then who manages users.
    private func text() -> String {
        var table = [["USER", "PROFILE", "ACCOUNT", "ROLE", "VIA"]]
        for row in rows {
            for (account, cells) in zip(accounts, row.cells) {
                for cell in cells {
                    let role = cell.role + (cell.userManagement == nil ? "" : " (user management)")
                    table.append([row.user, cell.profile, "\(account.key) (\(account.id))", role, Self.via(cell)])
                }
            }
        }
        let counts = table.map { $0.map(\.count) }
        let widths = (0..<5).map { column in counts.map { $0[column] }.max() ?? 0 }
        var output =
            "Access report: \(rows.count) user\(rows.count == 1 ? "" : "s"), \(accounts.count) account\(accounts.count == 1 ? "" : "s")\n\n"
        for (line, count) in zip(table, counts) {
            var text = ""
            for column in 0..<4 { text += line[column] + String(repeating: " ", count: widths[column] - count[column] + 2) }
            text += line[4]
            output += text.trimmingTrailingSpaces() + "\n"
        }
        output +=
            "\nuser-management admins: " + (userManagementAdmins.isEmpty ? "none" : userManagementAdmins.joined(separator: ", ")) + "\n"
        output += "super admins: " + (superAdmins.isEmpty ? "none" : superAdmins.joined(separator: ", ")) + "\n"
        return output
    }

    private func markdown() -> String {
        var output = "# Access report\n\n"
        output += "| User | " + accounts.map { Markdown.text("\($0.key) (\($0.id))") }.joined(separator: " | ") + " |\n"
        output += "| --- |" + String(repeating: " --- |", count: accounts.count) + "\n"
        for row in rows {
            let cells = row.cells.map {
                $0.map {
                    Markdown.code($0.profile)
                        + Markdown.text(" (\($0.role)\($0.userManagement == nil ? "" : ", user management"); via \(Self.via($0)))")
                }.joined(
                    separator: "<br>")
            }
            output += "| \(Markdown.text(row.user)) | " + cells.joined(separator: " | ") + " |\n"
        }
        output += "\n## User-management admins\n\n" + list(userManagementAdmins)
        output += "\n## Super admins\n\n" + list(superAdmins)
        return output
    }

    private func list(_ names: [String]) -> String {
        names.isEmpty ? "None.\n" : names.map { "- \(Markdown.text($0))\n" }.joined()
    }

    /// CSV (`CSV`: RFC 4180, formulas defused). Several profiles in one cell are separated by "; ".
    private func csv() -> String {
        var output = CSV.record(["user"] + accounts.map(\.key) + ["user_management"])
        for row in rows {
            let cells = row.cells.map { $0.map(Self.label).joined(separator: "; ") }
            output += CSV.record([row.user] + cells + [row.userManagement?.rawValue ?? ""])
        }
        return output
    }

    private struct JSONDocument: Encodable {
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

        var accounts: [Account]
        var users: [User]
        var userManagementAdmins: [String]
        var superAdmins: [String]

        enum CodingKeys: String, CodingKey {
            case accounts, users
            case userManagementAdmins = "user_management_admins"
            case superAdmins = "super_admins"
        }
    }

    private func json() -> String {
        let users = rows.map { row in
            var access: [String: [Cell]] = [:]
            for (account, cells) in zip(accounts, row.cells) where !cells.isEmpty { access[account.key] = cells }
            return JSONDocument.User(name: row.user, userManagement: row.userManagement?.rawValue, access: access)
        }
        return JSON.encode(
            JSONDocument(
                accounts: accounts.map { .init(key: $0.key, id: $0.id, name: $0.displayName) }, users: users,
                userManagementAdmins: userManagementAdmins, superAdmins: superAdmins))
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
