import Foundation
import TestSupport
import Testing

@testable import OrgProfileKit
@testable import OrgYAML

/// Accounts chosen by where they sit (`{ou: ...}`) and how they are tagged (`{tags: ...}`),
/// with `except`: expanded in the compile exactly as if the accounts were listed.
@Suite struct AccountSelectorTests {
    /// `validOrg`'s session, then accounts placed in OUs and tagged.
    static let header =
        validOrg.components(separatedBy: "accounts:\n")[0] + """
            accounts:
              network:
                id: "100000000001"
                ou: Infrastructure
              payments-prod:
                id: "100000000002"
                ou: Workloads/Prod
                tags: {team: payments, env: prod}
              orders-prod:
                id: "100000000003"
                ou: Workloads/Prod/Orders
                tags: {team: orders, env: prod}
              orders-dev:
                id: "100000000004"
                ou: Workloads/Dev
                tags: {team: orders, env: dev}
              management:
                id: "100000000005"
                ou: /
              sandbox:
                id: "100000000006"
            roles:
              Developer: {}

            """

    func org(_ assignments: String) -> String {
        Self.header + "groups:\n  sre:\n    assignments:\n" + assignments + "users:\n  bob:\n    groups: [sre]\n"
    }

    func accounts(of yaml: String) throws -> [String] {
        let model = try model(yaml)
        let sre = try #require(model.groups.first { $0.name == "sre" })
        return model.profiles(for: sre).map(\.account.key)
    }

    @Test func selectorsChooseByPlaceAndTags() throws {
        #expect(
            try accounts(of: org("      - role: Developer\n        accounts: [{ou: Workloads/Prod}]\n")).sorted() == [
                "orders-prod", "payments-prod",
            ])
        #expect(
            try accounts(of: org("      - role: Developer\n        accounts: [{ou: Workloads}, network]\n        except: [orders-dev]\n"))
                .sorted() == ["network", "orders-prod", "payments-prod"])
        #expect(
            try accounts(of: org("      - role: Developer\n        accounts: [{tags: {team: orders, env: prod}}]\n")) == ["orders-prod"])
        // The root holds every placed account; sandbox has no ou, so no OU selects it.
        #expect(try accounts(of: org("      - role: Developer\n        accounts: [{ou: /}]\n")).count == 5)
        #expect(
            try accounts(of: org("      - role: Developer\n        accounts: \"*\"\n        except: [management]\n")).count == 5)
    }

    @Test func problemsAreLocated() {
        #expect(
            diagnostics(org("      - role: Developer\n        accounts: [{ou: Workloads/Prd}]\n")) == [
                "33:25: error[unknown-ou]: no account is at or below OU 'Workloads/Prd' (the 'ou' of the accounts); did you mean 'Workloads/Prod'?"
            ])
        #expect(
            diagnostics(org("      - role: Developer\n        accounts: [{ou: /Workloads/}]\n")) == [
                "33:25: error[invalid-ou]: the OU of a selector is '/Workloads/'; write the path of organisational units from the root without a leading or trailing '/', such as Workloads/Prod, or / for an account directly under the root"
            ])
        #expect(
            diagnostics(org("      - role: Developer\n        accounts: [{tags: {team: ordres}}]\n")) == [
                "33:20: warning[empty-selection]: no account has tags team=ordres, so this selector selects no account"
            ])
        #expect(
            diagnostics(org("      - role: Developer\n        accounts: [{ou: Workloads}]\n        except: [network, nowhere]\n")) == [
                "34:18: warning[needless-except]: 'except' leaves out account 'network', which this assignment's 'accounts' does not select anyway; remove it",
                "34:27: error[unknown-account]: unknown account 'nowhere'",
            ])
        #expect(
            diagnostics(org("      - role: Developer\n        accounts: [{ou: Workloads, tags: {team: orders}}, {oo: x}]\n")).first
                == "33:20: error[wrong-type]: a selector of 'accounts' in an assignment of group 'sre' has both 'ou' and 'tags'; write them as two selectors ({ou: ...}, {tags: ...}), which select the accounts of either"
        )
        let withoutPlaces = validOrg.replacingOccurrences(of: "accounts: [workload-development]", with: "accounts: [{ou: Workloads}]")
        #expect(
            diagnostics(withoutPlaces).contains {
                $0.hasSuffix(
                    "no account is at or below OU 'Workloads' (the 'ou' of the accounts); no account has an 'ou' yet: write each account's place, such as ou: Workloads/Prod"
                )
            })
    }

    /// Report and diff say where a grant comes from; a selector that adds nothing to a name is not named.
    @Test func sourcesNameTheSelector() throws {
        let yaml = org("      - role: Developer\n        accounts: [{ou: Workloads/Prod}, payments-prod]\n")
        let model = try model(yaml)
        let bob = try #require(model.users.first { $0.name == "bob" })
        let resolved = model.profiles(for: bob)
        let sources = Dictionary(uniqueKeysWithValues: zip(resolved.map(\.name), model.sources(of: resolved)))
        #expect(sources["acme-orders-prod"] == [.group("sre", via: .ou("Workloads/Prod"))])
        #expect(sources["acme-payments-prod"] == [.group("sre")])
        #expect(sources["acme-orders-prod"]?.first?.description == "group sre, OU Workloads/Prod")
        let report = AccessReport(model: model).render(.text)
        #expect(report.contains("Developer  group sre, OU Workloads/Prod\n"), "\(report)")
        #expect(String(decoding: try JSONEncoder().encode(sources["acme-orders-prod"]), as: UTF8.self).contains(#""ou":"Workloads\/Prod""#))
    }

    /// Moving an account to another OU in org.yaml: diff lists the access that follows it, person by person.
    @Test func movingAnAccountMovesItsAccess() throws {
        let assignments = "      - role: Developer\n        accounts: [{ou: Workloads/Prod}]\n"
        let old = try model(org(assignments))
        let new = try model(org(assignments).replacingOccurrences(of: "ou: Workloads/Dev\n", with: "ou: Workloads/Prod\n"))
        let diff = AccessDiff(old: old, new: new)
        let text = AccessDiffFormat.text.render(diff)
        #expect(text.contains("acme-orders-dev"), "\(text)")
        #expect(text.contains("group sre, OU Workloads/Prod"), "\(text)")
        #expect(diff.principals.map(\.name).sorted() == ["bob", "sre"])
    }

    /// Generated orgs: the compile of an org written with selectors is byte for byte the
    /// compile of the same org with the accounts listed (expanded here independently).
    @Test func selectorsCompileExactlyAsListedAccounts() throws {
        var random = SeededGenerator(seed: 21)
        let units = ["Infrastructure", "Workloads", "Workloads/Prod", "Workloads/Prod/Orders", "Workloads/Dev", "Sandbox"]
        let teams = ["orders", "payments", "search"]
        for _ in 0..<6 {
            var places: [(key: String, ou: String?, team: String, env: String)] = []
            var yaml =
                "version: 1\nproject: gen\nsso_session:\n  start_url: https://gen.awsapps.com/start\n  region: us-east-1\naccounts:\n"
            for number in 0..<Int.random(in: 8...30, using: &random) {
                let ou: String? = Int.random(in: 0..<8, using: &random) == 0 ? nil : units.randomElement(using: &random)!
                let team = teams.randomElement(using: &random)!
                let env = Bool.random(using: &random) ? "prod" : "dev"
                places.append(("account-\(number)", ou, team, env))
                yaml += "  account-\(number):\n    id: \"\(200_000_000_000 + number)\"\n"
                if let ou { yaml += "    ou: \(ou)\n" }
                yaml += "    tags: {team: \(team), env: \(env)}\n"
            }
            yaml += "roles:\n  ReadOnlyAccess: {profile_suffix: readonly}\n  Developer: {}\n  Admin: {profile_suffix: admin}\n"
            var selected = yaml
            var listed = yaml
            for section in ["groups", "users"] {
                selected += "\(section):\n"
                listed += "\(section):\n"
                for number in 0..<Int.random(in: 2...6, using: &random) {
                    let name = section == "groups" ? "team-\(number)" : "user-\(number)"
                    selected += "  \(name):\n    assignments:\n"
                    listed += "  \(name):\n    assignments:\n"
                    for role in ["ReadOnlyAccess", "Developer", "Admin"] where Bool.random(using: &random) {
                        var chosen = Set<String>()
                        var entries: [String] = []
                        for _ in 0..<Int.random(in: 1...3, using: &random) {
                            switch Int.random(in: 0..<3, using: &random) {
                            case 0:
                                // An OU that holds some account: one that holds none is an error.
                                let held = units.filter { unit in places.contains { $0.ou == unit || $0.ou?.hasPrefix(unit + "/") == true }
                                }
                                let unit = held.randomElement(using: &random)!
                                entries.append("{ou: \(unit)}")
                                chosen.formUnion(places.filter { $0.ou == unit || $0.ou?.hasPrefix(unit + "/") == true }.map(\.key))
                            case 1:
                                let team = teams.randomElement(using: &random)!
                                entries.append("{tags: {team: \(team), env: prod}}")
                                chosen.formUnion(places.filter { $0.team == team && $0.env == "prod" }.map(\.key))
                            default:
                                let key = places.randomElement(using: &random)!.key
                                entries.append(key)
                                chosen.insert(key)
                            }
                        }
                        let except = chosen.sorted().prefix(Int.random(in: 0...1, using: &random))
                        chosen.subtract(except)
                        selected += "      - role: \(role)\n        accounts: [\(entries.joined(separator: ", "))]\n"
                        if !except.isEmpty { selected += "        except: [\(except.joined(separator: ", "))]\n" }
                        let ordered = places.map(\.key).filter(chosen.contains)
                        listed += "      - role: \(role)\n        accounts: [\(ordered.joined(separator: ", "))]\n"
                    }
                    if section == "users" { listed += "    groups: [team-0]\n" }
                    if section == "users" { selected += "    groups: [team-0]\n" }
                }
            }
            let fromSelectors = try Self.compile(selected)
            let fromList = try Self.compile(listed)
            defer { for folder in [fromSelectors, fromList] { try? FileManager.default.removeItem(atPath: folder) } }
            let (a, b) = (tree(fromSelectors), tree(fromList))
            #expect(a.count > 4)
            #expect(a.keys.sorted() == b.keys.sorted())
            // The access page says where each profile comes from, selectors included; with
            // them left out, it says the same of everyone.
            #expect(try Self.access(a["index.html"]) == (try Self.access(b["index.html"])))
            // The manifest differs only in the page's digest.
            let pageDigest = #""path" : "index.html",\s*"sha256" : "[0-9a-f]+""#
            let manifests = [a, b].map {
                String(decoding: $0["manifest.json"] ?? Data(), as: UTF8.self).replacingOccurrences(
                    of: pageDigest, with: "", options: .regularExpression)
            }
            #expect(manifests[0] == manifests[1])
            #expect(manifests[0].count + 80 < (a["manifest.json"]?.count ?? 0))
            for path in a.keys.sorted() where ![AccessPage.fileName, Manifest.fileName].contains(path) && a[path] != b[path] {
                Issue.record(
                    "\(path) differs:\n\(String(decoding: a[path] ?? Data(), as: UTF8.self))\n---\n\(String(decoding: b[path] ?? Data(), as: UTF8.self))\n\(selected)"
                )
            }
        }
    }

    /// Each person's profiles on the access page with where they come from, selectors left
    /// out, and the page around its data.
    static func access(_ page: Data?) throws -> [String] {
        let text = String(decoding: try #require(page), as: UTF8.self)
        let parts = text.components(separatedBy: "<script id=\"access-data\" type=\"application/json\">")
        let json = try #require(parts.last?.components(separatedBy: "</script>").first)
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let targets = try #require(data["targets"] as? [[Any]])
        let sources = try #require(data["sources"] as? [String])
        let sets = try #require(data["sourceSets"] as? [[Int]])
        var seen = [parts[0], try #require(parts.last?.components(separatedBy: "</script>").dropFirst().joined(separator: "</script>"))]
        for user in try #require(data["users"] as? [[Any]]) {
            let held = try #require(user[5] as? [Int])
            for index in stride(from: 0, to: held.count, by: 2) {
                let via = Set(sets[held[index + 1]].map { sources[$0].components(separatedBy: ", ").first! }).sorted()
                seen.append("\(user[0]) \(targets[held[index]][0]) \(via)")
            }
        }
        return seen
    }

    /// Compiles org.yaml text that has no errors (a warning is fine) into a new folder.
    static func compile(_ text: String) throws -> String {
        let analysis = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(text.utf8)))
        let model = try #require(analysis.model, "\(analysis.diagnostics)")
        let folder = try temporaryFolder()
        _ = try OutputWriter(root: folder).write(Renderer(model: model, templates: .builtin(), sourceName: "org.yaml"))
        return folder
    }
}
