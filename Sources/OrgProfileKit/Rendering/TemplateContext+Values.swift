/// The context in the typed form compiled templates read: objects are arrays of values in
/// the order of their schema's sorted field names, so a resolved name is an array index.
extension TemplateContext {
    enum Value: Sendable {
        case text(String)
        case flag(Bool)
        /// Only from the `index()` helper.
        case number(Int)
        /// An optional value that is not there.
        case absent
        case list([Object])
        case object(Object)
    }

    struct Object: Sendable {
        var fields: [Value]
    }

    /// An object type of the schema, its field names sorted.
    struct ObjectSchema: Sendable {
        let names: [String]
        let types: [FieldType]

        init(_ fields: [String: FieldType]) {
            names = fields.keys.sorted()
            types = names.map { fields[$0]! }
        }

        func index(_ name: String) -> Int? {
            names.firstIndex(of: name)
        }

        /// The schema of a field holding an object or a list of objects.
        func child(_ index: Int) -> ObjectSchema? {
            switch types[index] {
            case .object(let fields), .optionalObject(let fields), .list(let fields): ObjectSchema(fields)
            default: nil
            }
        }
    }

    /// Field positions, resolved once.
    enum Fields {
        static let root = ObjectSchema(schema)
        static let profile = ObjectSchema(TemplateContext.profile)
        static let setting = ObjectSchema(TemplateContext.setting)
        static let principal = root.child(root.index("principal")!)!
        static let session = root.child(root.index("session")!)!
        static let generator = root.child(root.index("generator")!)!

        static func object(_ schema: ObjectSchema, _ values: [String: Value]) -> Object {
            Object(fields: schema.names.map { values[$0] ?? .absent })
        }
    }

    /// The typed context for one principal's files.
    static func object(model: AccessModel, principal: Principal, profiles: [Profile], source: String) -> Object {
        let profileObjects = profiles.map(object)
        let principalObject = Fields.object(
            Fields.principal,
            [
                "kind": .text(principal.kind.rawValue), "name": .text(principal.name),
                "display_name": principal.displayName.map(Value.text) ?? .absent,
                "email": principal.email.map(Value.text) ?? .absent,
                "description": principal.description.map(Value.text) ?? .absent,
                "is_user": .flag(principal.kind == .user), "is_group": .flag(principal.kind == .group),
                "super_admin": .flag(principal.superAdmin), "user_management": .flag(principal.userManagement != nil),
            ])
        return Fields.object(
            Fields.root,
            [
                "generator": .object(
                    Fields.object(Fields.generator, ["name": .text(OrgProfile.name), "version": .text(OrgProfile.version)])),
                "source": .text(source),
                "project": .text(model.project),
                "session": .object(
                    Fields.object(
                        Fields.session,
                        [
                            "name": .text(model.session.name), "start_url": .text(model.session.startURL),
                            "region": .text(model.session.region),
                            "registration_scopes": .text(model.session.registrationScopes.joined(separator: ",")),
                        ])),
                "principal": .object(principalObject),
                "profiles": .list(profileObjects),
                "has_profiles": .flag(!profiles.isEmpty),
                "first_profile": profileObjects.first.map(Value.object) ?? .absent,
                "test_profile": model.testProfileIndex(in: profiles).map { .object(profileObjects[$0]) } ?? .absent,
                "user_management_profile": profiles.firstIndex { $0.userManagement != nil }.map { .object(profileObjects[$0]) } ?? .absent,
            ])
    }

    /// One profile, built field by field in schema order (this runs once per profile).
    static func object(_ profile: Profile) -> Object {
        var fields = [Value](repeating: .absent, count: Fields.profile.names.count)
        for (index, name) in Fields.profile.names.enumerated() {
            switch name {
            case "name": fields[index] = .text(profile.name)
            case "account": fields[index] = .text(profile.account)
            case "account_name": fields[index] = .text(profile.accountName)
            case "account_id": fields[index] = .text(profile.accountID)
            case "role": fields[index] = .text(profile.role)
            case "region": fields[index] = .text(profile.region)
            case "settings": fields[index] = .list(profile.settings.map { Object(fields: [.text($0.key), .text($0.value)]) })
            case "is_user_management": fields[index] = .flag(profile.userManagement != nil)
            case "user_management_target": fields[index] = profile.userManagement.map { .text($0.rawValue) } ?? .absent
            default: break
            }
        }
        return Object(fields: fields)
    }

    /// The same context as plain dictionaries, arrays, strings and booleans: what
    /// swift-mustache renders, and the tests' reference for the compiled templates.
    static func dictionary(_ object: Object, _ schema: ObjectSchema) -> [String: Any] {
        var result: [String: Any] = [:]
        for (index, name) in schema.names.enumerated() {
            switch object.fields[index] {
            case .text(let text): result[name] = text
            case .flag(let flag): result[name] = flag
            case .number(let number): result[name] = number
            case .absent: break
            case .list(let items): result[name] = items.map { dictionary($0, schema.child(index)!) }
            case .object(let child): result[name] = dictionary(child, schema.child(index)!)
            }
        }
        return result
    }
}
