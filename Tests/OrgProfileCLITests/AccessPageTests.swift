import Foundation
import TestSupport
import Testing

/// Debian's chromium and Python's playwright are there (`.ci/run` installs them).
let browserIsAvailable: Bool = {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"),
        let found = try? run("/usr/bin/env", ["python3", "-c", "import playwright"])
    else { return false }
    return found.status == 0
}()

/// The access page in a real browser (Debian's chromium, headless, through Playwright's
/// Python package: `Fixtures/access-page-check.py`): what it shows equals what orgprofile
/// says otherwise, names stay text, and it works from file:// with the keyboard alone.
@Suite(.enabled(if: browserIsAvailable, "chromium and Python's playwright are not installed"))
struct AccessPageTests {
    static let script = packageRoot.appendingPathComponent("Tests/OrgProfileCLITests/Fixtures/access-page-check.py").path

    /// What the browser saw of the page of `yaml`, searching for each of `users`.
    static func browse(_ yaml: String?, users: [String], in folder: String, extra: [String] = []) throws -> [String: Any] {
        if let yaml { try yaml.write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8) }
        let written = try orgprofile("report", "org.yaml", "--format", "html", "--output", "page.html", in: folder)
        #expect(written.status == 0, "\(written.stderr)")
        let seen = try run("/usr/bin/env", ["python3", script, folder + "/page.html"] + users + extra, in: folder)
        #expect(seen.status == 0, "\(seen.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(seen.stdout.utf8)) as? [String: Any])
    }

    @Test func showsWhatExportAndReportSay() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let users = ["alice", "bob", "dave", "erin"]
        let seen = try Self.browse(nil, users: users, in: folder, extra: ["--pdf", folder + "/alice.pdf", "--screenshots", folder])
        // A screenshot of each view, not blank, with the views' headings in the page.
        #expect(
            seen["headings"] as? [String] == [
                "Find a person", "Matrix", "Groups", "Who manages users", "Temporary access", "Differences with Identity Center",
            ])
        #expect(seen["temporary"] == nil, "no view of temporary access where no grant has a window")
        for view in ["person", "matrix", "groups", "admins"] {
            let png = try #require(FileManager.default.contents(atPath: folder + "/\(view).png"), "\(view)")
            #expect(png.starts(with: Data([0x89, 0x50, 0x4E, 0x47])) && png.count > 20_000, "\(view).png: \(png.count) bytes")
        }
        #expect(seen["errors"] as? [String] == [], "console errors or policy violations")
        let people = try #require(seen["people"] as? [String: [String: Any]])
        for user in users {
            // Each user's profiles are exactly those of the config export writes.
            let config = try orgprofile("export", "org.yaml", "--user", user, in: folder).stdout
            let exported = config.split(separator: "\n").filter { $0.hasPrefix("[profile ") }.map { String($0.dropFirst(9).dropLast()) }
            #expect((people[user]?["profiles"] as? [String])?.sorted() == exported.sorted(), "\(user)")
        }
        #expect(people["bob"]?["caption"] as? String == "Profiles of Bob Builder (bob)")

        // The matrix's cells are report --format json's, account by account.
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(try orgprofile("report", "org.yaml", "--format", "json", in: folder).stdout.utf8))
                as? [String: Any])
        // The page orders accounts by key (its order does not depend on org.yaml's), the report as org.yaml does.
        let accounts = try #require(report["accounts"] as? [[String: String]]).sorted { $0["key"]! < $1["key"]! }
        #expect(seen["columns"] as? [String] == accounts.map { $0["name"]! })
        let matrix = try #require(seen["matrix"] as? [String: [String]])
        for entry in try #require(report["users"] as? [[String: Any]]) {
            let name = try #require(entry["name"] as? String)
            let access = entry["access"] as? [String: [[String: Any]]] ?? [:]
            let expected = accounts.map { account in
                (access[account["key"]!] ?? []).map { cell in
                    (cell["role"] as! String) + (cell["user_management"] == nil ? "" : " (user management)")
                }.joined(separator: ", ")
            }
            #expect(matrix[name] == expected, "\(name)")
        }
        #expect(matrix.count == users.count)
        // Filters narrow to the group's members; who manages users as report says.
        let filtered = try #require(seen["filtered"] as? [String: [String: [String]]])
        #expect(filtered["developers"]?["people"] == ["bob"] && filtered["platform"]?["people"] == ["alice", "dave"])
        // The columns narrow to the accounts where the filtered people hold access.
        #expect(filtered["developers"]?["columns"] == ["Infrastructure", "Workload Development", "Workload Production"])
        let admins = try #require(seen["admins"] as? [String: Any])
        #expect(admins["delegated"] as? [String] == ["dave", "erin"])
        #expect(
            admins["text"] as? String
                == "User-management admins (the delegated administrator account)\ndave\nerin\nSuper admins (the Organization Management account)\nAlice Example alice"
        )
        // A role is abbreviated in its cell, never silently: the full name on hover and to screen readers.
        let abbreviated = try #require(seen["abbreviated"] as? [[String]])
        #expect(abbreviated.contains(["Administrator", "AdministratorAccess", "AdministratorAccess"]))
        #expect(abbreviated.allSatisfy { $0[1] == $0[2] && $0[0] != $0[1] })
        // Keyboard only: Tab reaches the search field, Enter opens the person; the arrow keys
        // move through the matrix (the third person, the second account).
        #expect(seen["keyboard"] as? [String] == ["search", "Profiles of erin"])
        #expect(seen["matrix_keyboard"] as? String == "dave, Organization Management: AdministratorAccess")
        // Printed to PDF.
        let pdf = try #require(FileManager.default.contents(atPath: folder + "/alice.pdf"))
        #expect(pdf.count > 1_000 && pdf.starts(with: Data("%PDF".utf8)))
    }

    /// Temporary access: a view of every profile that ends, soonest first, what ends within 7
    /// days marked, as report lists them; a person's profiles say until when.
    @Test func showsTemporaryAccessByEndDate() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let yaml = try text(folder + "/org.yaml")
            .replacingOccurrences(
                of: "  dave:\n    groups: [platform]\n", with: "  dave:\n    groups: [{group: platform, until: 2026-12-10}]\n"
            )
            .replacingOccurrences(
                of: "      - role: ReadOnlyAccess\n        accounts: [infrastructure]\n",
                with: "      - role: ReadOnlyAccess\n        accounts: [infrastructure]\n        until: 2026-12-31\n")
        try yaml.write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        let written = try orgprofile("report", "org.yaml", "--format", "html", "--as-of", "2026-12-08", "--output", "page.html", in: folder)
        #expect(written.status == 0, "\(written.stderr)")
        let seen = try run("/usr/bin/env", ["python3", Self.script, folder + "/page.html", "bob"], in: folder)
        #expect(seen.status == 0, "\(seen.stderr)")
        let page = try #require(try JSONSerialization.jsonObject(with: Data(seen.stdout.utf8)) as? [String: Any])
        #expect(page["errors"] as? [String] == [])
        let rows = try #require(page["temporary"] as? [[String]])
        #expect(rows.map { $0[0] + " " + $0[1] }.first == "2026-12-10 (ends within 7 days) dave")
        #expect(
            rows.last == [
                "2026-12-31", "Bob Builder bob", "acme-infrastructure-readonly", "Infrastructure (222222222222)", "ReadOnlyAccess",
            ])
        // The same profiles, in the same order, as report's view of temporary access.
        let report = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try orgprofile("report", "org.yaml", "--format", "json", "--as-of", "2026-12-08", in: folder).stdout.utf8))
                as? [String: Any])
        let temporary = try #require(report["temporary"] as? [[String: Any]])
        #expect(rows.map { $0[2] } == temporary.map { $0["profile"] as! String })
        #expect(rows.map { $0[0].hasSuffix("(ends within 7 days)") } == temporary.map { $0["ends_within_7_days"] as! Bool })
        #expect(
            page["temporary_summary"] as? String
                == "\(rows.count) profiles that end, soonest first; \(rows.count - 1) within 7 days of 2026-12-08, the day org.yaml is read as of."
        )
        #expect(page["temporary_columns"] as? [String] == ["Profile", "Account", "Role", "Region", "Until", "Via"])
        let dave = try #require(page["temporary_person"] as? [[String]])
        #expect(dave.allSatisfy { $0[4] == "2026-12-10 (ends within 7 days)" }, "\(dave)")
    }

    /// compile writes the page as index.html beside the configs, which it links relatively.
    @Test func compileWritesThePageWithLinks() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try orgprofile("compile", "org.yaml", "--out", "dist", in: folder).status == 0)
        let seen = try run("/usr/bin/env", ["python3", Self.script, folder + "/dist/index.html", "bob"], in: folder)
        #expect(seen.status == 0, "\(seen.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(seen.stdout.utf8)) as? [String: Any])
        let links = try #require((result["people"] as? [String: [String: Any]])?["bob"]?["links"] as? [String])
        #expect(links == ["users/bob/config", "users/bob/README.md"])
        for link in links { #expect(FileManager.default.fileExists(atPath: folder + "/dist/" + link), "\(link)") }
        #expect(try orgprofile("check", "org.yaml", "--out", "dist", in: folder).status == 0)
    }

    /// With a snapshot, the page marks drift's findings about assignments (the rows of the
    /// profiles whose grant Identity Center lacks, and the access there that org.yaml does not
    /// declare, in the person's view and the matrix), and counts and lists every finding.
    @Test func theDriftOverlayMarksDriftsFindings() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let snapshot = packageRoot.appendingPathComponent("Tests/IdentityCenterSnapshotTests/Fixtures/example-snapshot.json").path
        let written = try orgprofile("report", "org.yaml", "--format", "html", "--snapshot", snapshot, "--output", "page.html", in: folder)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try orgprofile("report", "org.yaml", "--format", "json", "--snapshot", snapshot, in: folder).status == 64)
        let seen = try run("/usr/bin/env", ["python3", Self.script, folder + "/page.html", "alice", "bob", "dave", "erin"], in: folder)
        #expect(seen.status == 0, "\(seen.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(seen.stdout.utf8)) as? [String: Any])
        let people = try #require(result["people"] as? [String: [String: Any]])
        // drift: alice's and erin's declared grants missing; bob's AdministratorAccess there undeclared.
        #expect(people["alice"]?["missing"] as? [String] == ["acme-organization-management", "acme-user-management"])
        #expect(people["erin"]?["missing"] as? [String] == ["acme-organization-management-readonly", "acme-user-management"])
        #expect(people["bob"]?["missing"] as? [String] == [])
        #expect(people["dave"]?["missing"] as? [String] == [])
        #expect(
            people["bob"]?["undeclared"] as? [[String]] == [
                ["Workload Production (044444444444)", "AdministratorAccess (not declared)", "direct assignment"]
            ])
        // Every finding of drift is counted and listed, as drift counts them.
        let driftSummary = try orgprofile("drift", "org.yaml", "--snapshot", snapshot, in: folder).stdout
        #expect(driftSummary.hasPrefix("7 differences between org.yaml and IAM Identity Center; 3 privileged\n"))
        #expect(
            (result["subtitle"] as? String)?.hasSuffix(
                "compared with Identity Center: 7 differences, 3 privileged (3 declared but missing, 1 there but not declared, 0 memberships, 3 other)"
            ) == true, "\(result["subtitle"] ?? "")")
        #expect(result["difference_items"] as? Int == 7)
        let matrix = try #require(result["matrix"] as? [String: [String]])
        let columns = try #require(result["columns"] as? [String])
        let production = try #require(columns.firstIndex(of: "Workload Production"))
        #expect(matrix["bob"]?[production] == "ReadOnlyAccess, AdministratorAccess (not declared)")
        let infrastructure = try #require(columns.firstIndex(of: "Infrastructure"))
        #expect(matrix["erin"]?[infrastructure] == "UserManagement (user management) (missing)")
        #expect(result["errors"] as? [String] == [])
    }

    /// A 30-person company (`Fixtures/team`, 13 accounts, 6 groups with display names, e-mail
    /// user names) with drift in memberships and grants: display names, narrowed columns,
    /// the sticky column, linked members, a phone's width, and drift's every finding.
    @Test func aRealOrganisation() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let team = packageRoot.appendingPathComponent("Tests/OrgProfileCLITests/Fixtures/team").path
        let written = try orgprofile(
            "report", team + "/org.yaml", "--format", "html", "--snapshot", team + "/snapshot.json", "--output", "page.html", in: folder)
        #expect(written.status == 0, "\(written.stderr)")
        let seen = try run(
            "/usr/bin/env", ["python3", Self.script, folder + "/page.html", "raj.patel@pay.example", "--screenshots", folder], in: folder)
        #expect(seen.status == 0, "\(seen.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(seen.stdout.utf8)) as? [String: Any])
        #expect(result["errors"] as? [String] == [])
        // Display names first, keys beside them.
        let headers = try #require(result["row_headers"] as? [String])
        #expect(headers.count > 15, "\(headers.count) rows drawn")
        #expect(headers.first == "Ada Moreau ada.moreau@pay.example")
        #expect(
            result["groups"] as? [String] == [
                "External Auditors (auditors)", "Data Engineering (data)", "Payments Team (payments)", "Platform Engineering (platform)",
                "Security (security)", "Web Team (web)",
            ])
        // Members are links to their person view.
        #expect(result["group_members"] as? [String] == ["wes.hall@pay.example", "xia.chen@pay.example"])
        let opens = try #require(result["member_opens"] as? [Any])
        #expect(opens.first as? Bool == true && opens.last as? String == "Wes Hall (wes.hall@pay.example)")
        // Filtered to the external auditors, two columns: the accounts they can reach.
        let filtered = try #require(result["filtered"] as? [String: [String: [String]]])
        #expect(filtered["External Auditors (auditors)"]?["columns"] == ["Log Archive", "Security Audit"])
        #expect(filtered["Web Team (web)"]?["columns"]?.contains("Payments Development") == true)  // Pia is in payments too
        #expect(filtered["Web Team (web)"]?["columns"]?.contains("Data Platform Production") == true)  // and Rosa in data
        #expect(filtered["Web Team (web)"]?["columns"]?.contains("Sandbox Ana") == false)
        // The sticky column hides what scrolls under it; no view is wider than a phone.
        #expect(result["sticky"] as? Bool == true)
        #expect(result["narrow"] as? [String: Int] == ["Find a person": 375, "Matrix": 375, "Groups": 375, "Who manages users": 375])
        // drift's every finding (memberships too), counted as drift counts them.
        let drift = try orgprofile("drift", team + "/org.yaml", "--snapshot", team + "/snapshot.json", in: folder).stdout
        #expect(drift.hasPrefix("4 differences between org.yaml and IAM Identity Center; 2 privileged\n"), "\(drift)")
        #expect(result["difference_items"] as? Int == 4)
        #expect(
            (result["subtitle"] as? String)?.hasSuffix(
                "4 differences, 2 privileged (1 declared but missing, 1 there but not declared, 2 memberships, 0 other)") == true)
        let marks = try #require(result["row_marks"] as? [String: String])
        #expect(
            marks["raj.patel@pay.example"]?.hasPrefix("member of group 'payments' in org.yaml but not in Identity Center") == true,
            "\(marks)")
        #expect(marks["kai.tanaka@pay.example"]?.hasPrefix("member of group 'web' in Identity Center but not in org.yaml") == true)
        let raj = try #require((result["person"] as? String))
        #expect(raj.contains("Payments Team payments (membership missing in Identity Center)"), "\(raj)")
        for view in ["person", "matrix", "groups", "admins", "differences", "phone"] {
            let png = try #require(FileManager.default.contents(atPath: folder + "/\(view).png"), "\(view)")
            #expect(png.starts(with: Data([0x89, 0x50, 0x4E, 0x47])) && png.count > 20_000, "\(view).png: \(png.count) bytes")
        }
    }

    /// Names are text: a group's identity_center_name and description, or an e-mail, holding
    /// markup shows as those characters and runs nothing.
    @Test func hostileNamesStayText() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let hostile = "<img src=x onerror=alert(1)>"
        let yaml = try text(folder + "/org.yaml")
            .replacingOccurrences(
                of: "    description: Application developers\n",
                with: "    identity_center_name: \"\(hostile)\"\n    description: \"</script><script>alert(2)</script>\(hostile)\"\n"
            )
            .replacingOccurrences(of: "email: alice@acme.example", with: "email: \"<b onmouseover=alert(3)>alice</b>@acme.example\"")
        let seen = try Self.browse(yaml, users: ["alice"], in: folder)
        #expect(seen["errors"] as? [String] == [])
        #expect(seen["dialogs"] as? [String] == [])
        #expect(seen["images"] as? Int == 0)
        let page = try text(folder + "/page.html")
        #expect(!page.contains("</script><script>alert(2)"))
        #expect(!page.contains(hostile))
        let person = try #require(seen["person"] as? String)
        #expect(person.contains("<b onmouseover=alert(3)>alice</b>@acme.example"), "\(person)")
        // The first group shown: developers, under its hostile Identity Center name's key, with its description as text.
        let group = try #require(seen["group"] as? String)
        #expect(group.contains("</script><script>alert(2)</script>\(hostile)"), "\(group)")
    }
}

/// The page's script is a file of its own (`PageAssets/access-page.js`): node reads it as
/// JavaScript.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/node"), "node is not installed"))
struct PageAssetsTests {
    @Test func theScriptIsJavaScript() throws {
        let script = packageRoot.appendingPathComponent("PageAssets/access-page.js").path
        let checked = try run("/usr/bin/node", ["--check", script])
        #expect(checked.status == 0, "\(checked.stderr)")
    }
}
