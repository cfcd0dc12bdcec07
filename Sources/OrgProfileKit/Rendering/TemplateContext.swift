/// The values a template sees, and their documented shape (docs/templates.md). The shape
/// is what templates are checked against when they are loaded; the values are built from
/// the same field names, so the two cannot drift apart silently (a test renders every
/// field of the shape).
public enum TemplateContext {
    /// The type of one name in the context.
    public enum FieldType: Sendable, Equatable {
        case string
        /// A string that may be absent: renders empty, and `{{#x}}` tests for it.
        case optionalString
        case bool
        case list(of: [String: FieldType])
        /// An object that may be absent; `{{#x}}...{{/x}}` enters it when present.
        case optionalObject([String: FieldType])
        case object([String: FieldType])
    }

    static let setting: [String: FieldType] = ["key": .string, "value": .string]

    /// A role of the principal's profiles that org.yaml says something about.
    static let role: [String: FieldType] = ["name": .string, "description": .optionalString, "session_length": .optionalString]

    static let profile: [String: FieldType] = [
        "name": .string, "account": .string, "account_name": .string, "account_id": .string,
        "role": .string, "region": .string, "settings": .list(of: setting),
        "is_user_management": .bool, "user_management_target": .optionalString, "until": .optionalString,
    ]

    /// The root of every template's context.
    public static let schema: [String: FieldType] = [
        "generator": .object(["name": .string, "version": .string]),
        "source": .string,
        "project": .string,
        "get_orgprofile": .optionalString,
        "session": .object(["name": .string, "start_url": .string, "region": .string, "registration_scopes": .string]),
        "principal": .object([
            "kind": .string, "name": .string, "display_name": .optionalString, "email": .optionalString,
            "description": .optionalString, "is_user": .bool, "is_group": .bool, "super_admin": .bool,
            "user_management": .bool,
        ]),
        "profiles": .list(of: profile),
        "has_profiles": .bool,
        "roles": .list(of: role),
        "has_roles": .bool,
        "first_profile": .optionalObject(profile),
        "test_profile": .optionalObject(profile),
        "user_management_profile": .optionalObject(profile),
    ]
}
