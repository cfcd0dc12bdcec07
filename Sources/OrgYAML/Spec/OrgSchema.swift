import Support

/// The JSON Schema (draft 2020-12) of org.yaml version 1, for editors: yaml-language-server
/// (VS Code's YAML extension and others) completes and checks keys with it. `orgprofile
/// schema` prints it; `schema/org.schema.json` is this text, and the tests hold both to the
/// decoder's keys. The validator stays the authority: the schema checks shapes, names and
/// patterns, not references or collisions.
public enum OrgSchema {
    typealias Value = JSONValue

    public static let id = "https://orgprofile.dev/schema/org.schema.json"

    public static var text: String { JSON.encode(document) }

    static let slugPattern = "^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,31}$"
    static let regionPattern = "^[a-z]{2,4}(-[a-z]+){1,3}-[1-9][0-9]?$"
    static let userNamePattern = "^[A-Za-z0-9_@+][A-Za-z0-9._@+-]{0,63}$"
    static let permissionSetPattern = "^[A-Za-z0-9+=,.@_-]{1,32}$"
    static let settingKeyPattern = "^[a-z][a-z0-9_]*$"

    static func string(_ description: String, pattern: String? = nil) -> Value {
        var fields: [String: Value] = ["type": .string("string"), "description": .string(description)]
        if let pattern { fields["pattern"] = .string(pattern) }
        return .object(fields)
    }

    static func boolean(_ description: String) -> Value {
        .object(["type": .string("boolean"), "description": .string(description)])
    }

    /// A part of a permission set's definition, in its shape.
    static func part(_ part: PermissionSetPart) -> Value {
        switch part {
        case .managedPolicies: list(part.schema, of: string("An AWS managed policy."))
        case .customerManagedPolicies: list(part.schema, of: policyReference)
        case .permissionsBoundary:
            .object(["description": .string(part.schema), "oneOf": .array([.object(["type": .string("string")]), policyReference])])
        case .tags: tags(part.schema)
        case .inlinePolicy:
            .object([
                "type": .string("object"), "description": .string(part.schema),
                "required": .array([.string("Version"), .string("Statement")]),
            ])
        }
    }

    /// A permission set's text attribute, as its declaration says.
    static func text(_ attribute: PermissionSetText) -> Value {
        switch attribute.kind {
        case .text: string(attribute.schema)
        case .sessionDuration: string(attribute.schema, pattern: "^PT([0-9]+H)?([0-9]+M)?([0-9]+S)?$")
        }
    }

    /// A mapping with exactly these keys; null reads as empty, as in org.yaml.
    static func mapping(_ description: String, _ properties: [String: Value], required: [String] = []) -> Value {
        var fields: [String: Value] = [
            "type": .array([.string("object"), .string("null")]), "description": .string(description),
            "properties": .object(properties), "additionalProperties": .bool(false),
        ]
        if !required.isEmpty { fields["required"] = .array(required.map(Value.string)) }
        return .object(fields)
    }

    /// A mapping of names the admin chooses to entries of one shape.
    static func named(_ description: String, names: String, entry: Value) -> Value {
        .object([
            "type": .array([.string("object"), .string("null")]), "description": .string(description),
            "propertyNames": .object(["pattern": .string(names)]), "additionalProperties": entry,
        ])
    }

    static func list(_ description: String, of items: Value) -> Value {
        .object(["type": .array([.string("array"), .string("null")]), "description": .string(description), "items": items])
    }

    static let region = string("An AWS region code such as us-west-2.", pattern: regionPattern)

    static let settings = named(
        "Extra config lines, by key: lowercase letters, digits and _. region and sso_* keys are written by orgprofile itself; credential_process and a non-empty cli_pager need allow_commands.",
        names: settingKeyPattern, entry: .object(["type": .string("string")]))

    /// The keys of temporary access beside a grant (`AccessWindowSpec`).
    static let window: [String: Value] = [
        "from": string("When the grant starts: \(momentWords)", pattern: momentPattern),
        "until": string("When the grant ends: \(momentWords)", pattern: momentPattern),
        "reason": string("Why it is granted, for the record (a ticket, say)."),
    ]
    static let momentWords = "a date (2027-01-31, a whole day in UTC) or a date-time with its offset (2027-01-31T18:00:00+01:00)."
    static let momentPattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2}))?$"

    /// `super_admin` and `user_management` of a user: true, or the window it is granted in.
    static func grant(_ description: String) -> Value {
        .object([
            "description": .string(description + " true, or {until, from, reason} for a while."),
            "oneOf": .array([.object(["type": .string("boolean")]), mapping("Granted for a while.", window)]),
        ])
    }

    static let assignments = list(
        "Roles on accounts.",
        of: mapping(
            "One assignment: a role on some accounts.",
            [
                "role": string("A role declared under roles.", pattern: permissionSetPattern),
                "accounts": .object([
                    "description": .string(
                        "Account names and selectors ({ou: Workloads/Prod}: every account at or below that OU; {tags: {team: orders}}: every account with all those tags), mixed; or \"*\" for every account (also accounts added later)."
                    ),
                    "oneOf": .array([
                        .object(["const": .string("*")]),
                        .object([
                            "type": .string("array"),
                            "items": .object([
                                "oneOf": .array([
                                    .object(["type": .string("string"), "pattern": .string(slugPattern)]),
                                    mapping(
                                        "Every account at or below this OU.",
                                        [
                                            "ou": string(
                                                "An OU path from the root, such as Workloads/Prod; / for the root.", pattern: ouPattern)
                                        ],
                                        required: ["ou"]),
                                    mapping("Every account with all these tags.", ["tags": tags("The tags to match.")], required: ["tags"]),
                                ])
                            ]),
                        ]),
                    ]),
                ]),
                "except": list("Account names left out of what accounts selects.", of: string("A declared account.", pattern: slugPattern)),
            ].merging(window) { first, _ in first }, required: ["role", "accounts"]))

    static let ouPattern = "^(/|[^/]+(/[^/]+)*)$"

    static func tags(_ description: String) -> Value {
        .object([
            "type": .array([.string("object"), .string("null")]), "description": .string(description),
            "additionalProperties": .object(["type": .array([.string("string"), .string("null")])]),
        ])
    }

    static let policyReference = mapping(
        "A customer-managed policy, by name and path (default /).",
        ["name": string("The policy's name."), "path": string("The policy's path, such as /security/.", pattern: "^/(.*/)?$")],
        required: ["name"])

    static let userManagementTarget = mapping(
        "Where the user-management profile points.",
        [
            "account": string("A declared account.", pattern: slugPattern),
            "role": string("A declared role.", pattern: permissionSetPattern),
        ], required: ["account", "role"])

    static var document: Value {
        let identityCenterName = string("The name in IAM Identity Center, when it differs from the key (used by drift and assignments).")
        let properties: [String: Value] = [
            "version": .object(["const": .integer(1), "description": .string("The language version.")]),
            "project": string("Every profile name starts with <project>-.", pattern: slugPattern),
            "sso_session": mapping(
                "The [sso-session] block.",
                [
                    "name": string("The session's name (default: project).", pattern: slugPattern),
                    "start_url": string("The AWS access portal URL, e.g. https://acme.awsapps.com/start.", pattern: "^https://"),
                    "region": region,
                    "registration_scopes": list(
                        "Written as sso_registration_scopes (default: [sso:account:access]).",
                        of: string("A scope.", pattern: "^[A-Za-z0-9:_./-]+$")),
                ], required: ["start_url", "region"]),
            "defaults": mapping(
                "What every profile gets unless its account says otherwise.",
                [
                    "region": region, "settings": settings,
                    "max_temporary": string(
                        "The longest temporary access may last, in days or weeks (default: P365D).", pattern: "^P[1-9][0-9]*[DW]$"),
                ]),
            "accounts": named(
                "The AWS accounts; each key is the account's name in profile names.", names: slugPattern,
                entry: mapping(
                    "One account.",
                    [
                        "id": .object([
                            "description": .string("The 12-digit account id; quote it to keep leading zeros as written."),
                            "type": .array([.string("string"), .string("integer")]), "pattern": .string("^[0-9]{12}$"),
                        ]),
                        "name": string("A display name, in config comments and onboarding pages."),
                        "region": region,
                        "settings": settings,
                        "ou": string(
                            "Where the account sits in the organisation: the OU path from the root, such as Workloads/Prod; / directly under the root.",
                            pattern: ouPattern),
                        "tags": tags("The account's tags in Organizations, for {tags: ...} selectors."),
                    ], required: ["id"])),
            "roles": named(
                "The permission sets, named exactly as in IAM Identity Center.", names: permissionSetPattern,
                entry: mapping(
                    "One role; the keys other than profile_suffix define what its permission set grants (all optional: a role without them is defined elsewhere).",
                    [
                        "profile_suffix": string("Profiles of this role are named <project>-<account>-<suffix>.", pattern: slugPattern),
                        SpecDecoder.inlinePolicyFileKey: string(
                            "The inline policy as a JSON file, by its path relative to org.yaml's folder and inside it; instead of inline_policy."
                        ),
                    ].merging(PermissionSetText.all.map { ($0.key, text($0)) } + PermissionSetPart.allCases.map { ($0.key, part($0)) }) {
                        first, _ in first
                    })),
            "user_management": mapping(
                "The special <project>-user-management profile.",
                [
                    "profile": string("The profile's name after <project>- (default: user-management).", pattern: slugPattern),
                    "delegated_admin": userManagementTarget,
                    "organization_management": userManagementTarget,
                ], required: ["delegated_admin", "organization_management"]),
            "groups": named(
                "Teams and their assignments; each key is a group name.", names: slugPattern,
                entry: mapping(
                    "One group.",
                    [
                        "identity_center_name": identityCenterName,
                        "description": string("Shown on the team's onboarding page."),
                        "user_management": boolean("Members get the delegated_admin user-management profile."),
                        "assignments": assignments,
                    ])),
            "users": named(
                "People; each key is a user name.", names: userNamePattern,
                entry: mapping(
                    "One user.",
                    [
                        "identity_center_name": identityCenterName,
                        "name": string("Display name, in the onboarding page's title."),
                        "email": string("For templates."),
                        "groups": list(
                            "Declared groups: a name, or {group, until, from, reason} for a membership that lasts a while.",
                            of: .object([
                                "oneOf": .array([
                                    string("A group.", pattern: slugPattern),
                                    mapping(
                                        "A membership for a while.",
                                        ["group": string("A group.", pattern: slugPattern)].merging(window) { first, _ in first },
                                        required: ["group"]),
                                ])
                            ])),
                        "assignments": assignments,
                        "user_management": grant("The user gets the delegated_admin user-management profile:"),
                        "super_admin": grant("The user gets the organization_management user-management profile:"),
                        "disabled": boolean("Kept in the file, checked, but gets no output."),
                    ])),
            "review": mapping(
                "How orgprofile diff judges changes.",
                [
                    "privileged_roles": list(
                        "Substrings that make a role privileged (default: Admin, PowerUser, FullAccess).",
                        of: .object(["type": .string("string"), "minLength": .integer(1)]))
                ]),
            "allow_commands": list("The exact command values settings may publish.", of: .object(["type": .string("string")])),
            "get_orgprofile": string(
                "How members get orgprofile here (a download page, a package name), shown on every onboarding page."),
        ]
        return .object([
            "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
            "$id": .string(id),
            "title": .string("org.yaml (orgprofile, version 1)"),
            "description": .string(
                "One declarative file of an organisation's IAM Identity Center access; docs/org-yaml.md describes every key."),
            "type": .string("object"),
            "properties": .object(properties),
            "patternProperties": .object(["^x-": .object(["description": .string("Ignored: a place for anchors.")])]),
            "additionalProperties": .bool(false),
            "required": .array(["version", "project", "sso_session", "accounts", "roles", "users"].map(Value.string)),
        ])
    }
}
