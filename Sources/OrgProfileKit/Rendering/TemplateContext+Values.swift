import OrgYAML
import Support

/// The context in the form compiled templates read, derived here from the principal and its
/// `Profile`s: one principal's values as two flat arrays, every string's bytes in `text` and
/// every value in `slots`. An object is a run of consecutive slots in the order of its
/// schema's sorted field names, so a resolved name is an offset, and nothing in a slot is
/// reference-counted: rendering retains nothing. One context is reused for every principal
/// a worker renders.
extension TemplateContext {
    /// One value. Positions are indices into `slots` (objects, lists) or `text` (strings).
    enum Slot: Sendable {
        case text(start: Int32, count: Int32)
        case flag(Bool)
        /// Only from the `index()` helper, never stored.
        case number(Int32)
        /// An optional value that is not there.
        case absent
        /// `count` objects of `stride` slots each, the first at `first`.
        case list(first: Int32, count: Int32, stride: Int32)
        case object(first: Int32)
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
        static let role = ObjectSchema(TemplateContext.role)
        static let principal = root.child(root.index("principal")!)!
        static let session = root.child(root.index("session")!)!
        static let generator = root.child(root.index("generator")!)!
    }

    /// One principal's values, built into storage that keeps its capacity between principals.
    struct Values: Sendable {
        var text: [UInt8] = []
        var slots: [Slot] = []
        /// The explained roles (`Role.isExplained`) among the profiles being filled, each once.
        private var explained: [AccessModel.Role] = []

        /// The root object's first slot.
        static let root: Int32 = 0

        /// Replaces the contents with the context of one principal's files, showing `profiles`.
        mutating func fill(model: AccessModel, principal: Principal, profiles: [Profile], source: String) {
            text.removeAll(keepingCapacity: true)
            slots.removeAll(keepingCapacity: true)
            explained.removeAll(keepingCapacity: true)
            let root = ObjectWriter(Fields.root, base: allocate(Fields.root))
            let generator = ObjectWriter(Fields.generator, base: allocate(Fields.generator))
            set(generator, "name", string: OrgProfile.name)
            set(generator, "version", string: OrgProfile.version)
            set(root, "generator", .object(first: generator.base))
            set(root, "source", string: source)
            set(root, "project", string: model.project)
            set(root, "get_orgprofile", optional: model.getOrgProfile)
            let session = ObjectWriter(Fields.session, base: allocate(Fields.session))
            set(session, "name", string: model.session.name)
            set(session, "start_url", string: model.session.startURL)
            set(session, "region", string: model.session.region)
            set(session, "registration_scopes", string: model.session.registrationScopes.joined(separator: ","))
            set(root, "session", .object(first: session.base))
            let person = ObjectWriter(Fields.principal, base: allocate(Fields.principal))
            set(person, "kind", string: principal.kind.rawValue)
            set(person, "name", string: principal.name)
            set(person, "display_name", optional: principal.displayName)
            set(person, "email", optional: principal.email)
            set(person, "description", optional: principal.description)
            set(person, "is_user", .flag(principal.kind == .user))
            set(person, "is_group", .flag(principal.kind == .group))
            set(person, "super_admin", .flag(principal.superAdmin))
            set(person, "user_management", .flag(principal.userManagement != nil))
            set(root, "principal", .object(first: person.base))

            let stride = Int32(Fields.profile.names.count)
            let first = allocate(Fields.profile, count: profiles.count)
            for (index, profile) in profiles.enumerated() {
                fill(base: Int(first + Int32(index) * stride), with: profile)
            }
            set(root, "profiles", .list(first: first, count: Int32(profiles.count), stride: stride))
            set(root, "has_profiles", .flag(!profiles.isEmpty))
            // The explained roles the profiles hold (gathered while filling them), by name.
            explained.sort { $0.name < $1.name }
            let roleStride = Int32(Fields.role.names.count)
            let firstRole = allocate(Fields.role, count: explained.count)
            for (index, role) in explained.enumerated() {
                let item = ObjectWriter(Fields.role, base: firstRole + Int32(index) * roleStride)
                set(item, "name", string: role.name)
                set(item, "description", optional: role.definition?.description)
                set(item, "session_length", optional: role.definition?.sessionDuration.flatMap(Self.words(forDuration:)))
            }
            set(root, "roles", .list(first: firstRole, count: Int32(explained.count), stride: roleStride))
            set(root, "has_roles", .flag(!explained.isEmpty))
            func profileObject(_ index: Int?) -> Slot { index.map { .object(first: first + Int32($0) * stride) } ?? .absent }
            set(root, "first_profile", profileObject(profiles.isEmpty ? nil : 0))
            set(root, "test_profile", profileObject(LeastPrivilegedProfile.index(in: profiles)))
            set(root, "user_management_profile", profileObject(profiles.firstIndex { $0.userManagement != nil }))
        }

        /// A profile's and a setting's field positions, looked up once: this runs for every profile.
        private struct ProfileFields {
            let name, account, accountName, accountID, role, region, settings, isUserManagement, target, until, key, value: Int

            init() {
                let (profile, setting) = (Fields.profile, Fields.setting)
                (name, account, accountName) = (profile.index("name")!, profile.index("account")!, profile.index("account_name")!)
                (accountID, role, region) = (profile.index("account_id")!, profile.index("role")!, profile.index("region")!)
                (settings, isUserManagement) = (profile.index("settings")!, profile.index("is_user_management")!)
                (target, until) = (profile.index("user_management_target")!, profile.index("until")!)
                (key, value) = (setting.index("key")!, setting.index("value")!)
            }
        }

        private static let profileFields = ProfileFields()

        private mutating func fill(base: Int, with profile: Profile) {
            let target = profile.target
            let account = target.account
            let role = target.role
            let field = Self.profileFields
            slots[base + field.name] = append(target.name)
            slots[base + field.account] = append(account.key)
            slots[base + field.accountName] = append(account.displayName ?? account.key)
            slots[base + field.accountID] = append(account.id)
            slots[base + field.role] = append(role.name)
            slots[base + field.region] = append(account.region)
            let stride = Int32(Fields.setting.names.count)
            let first = allocate(Fields.setting, count: account.settings.count)
            for index in account.settings.indices {
                let item = Int(first + Int32(index) * stride)
                slots[item + field.key] = append(account.settings[index].key)
                slots[item + field.value] = append(account.settings[index].value)
            }
            slots[base + field.settings] = .list(first: first, count: Int32(account.settings.count), stride: stride)
            slots[base + field.isUserManagement] = .flag(target.userManagement != nil)
            if role.isExplained, !explained.contains(where: { $0 === role }) { explained.append(role) }
            if let kind = target.userManagement { slots[base + field.target] = append(kind.rawValue) }
            if let end = profile.end { slots[base + field.until] = append(AccessWindow.shown(end: end)) }
        }

        /// `8 hours`, `1 hour 30 minutes`: an ISO 8601 duration for people.
        static func words(forDuration duration: String) -> String? {
            PermissionSetRules.seconds(ofDuration: duration).map { UTCTime.words(seconds: $0) }
        }

        /// Adds a string's bytes to `text`; its slot.
        private mutating func append(_ string: String) -> Slot {
            let start = Int32(text.count)
            // In place, without a copy of the string (which would retain its storage, shared
            // by every profile of its account).
            if string.utf8.withContiguousStorageIfAvailable({ text.append(contentsOf: $0) }) == nil { text.append(contentsOf: string.utf8) }
            return .text(start: start, count: Int32(text.count) - start)
        }

        /// Where one object's fields are written: its schema and its first slot.
        private struct ObjectWriter {
            let schema: ObjectSchema
            let base: Int32

            init(_ schema: ObjectSchema, base: Int32) {
                self.schema = schema
                self.base = base
            }
        }

        /// Room for `count` objects of a schema, every field absent until set.
        private mutating func allocate(_ schema: ObjectSchema, count: Int = 1) -> Int32 {
            let first = Int32(slots.count)
            slots.append(contentsOf: repeatElement(.absent, count: schema.names.count * count))
            return first
        }

        private mutating func set(_ object: ObjectWriter, _ name: StaticString, _ slot: Slot) {
            slots[Int(object.base) + Self.index(of: name, in: object.schema)] = slot
        }

        private mutating func set(_ object: ObjectWriter, _ name: StaticString, string: String) {
            set(object, name, append(string))
        }

        private mutating func set(_ object: ObjectWriter, _ name: StaticString, optional: String?) {
            if let optional { set(object, name, string: optional) }
        }

        /// A field's position by name: the schemas have at most ten fields, compared as bytes.
        private static func index(of name: StaticString, in schema: ObjectSchema) -> Int {
            let wanted = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            return schema.names.firstIndex { $0.utf8.elementsEqual(wanted) }!
        }
    }
}
