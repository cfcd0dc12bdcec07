import OrgYAML
import Support

/// A value of a CloudFormation property or a Terraform argument: text, a flag, a list or an
/// object, written with literals. `reference` names another resource of the same template
/// (CloudFormation's `Fn::GetAtt`); the template that holds the value settles how it is
/// written (`AssignmentsCompiler.cloudFormation`).
indirect enum ResourceValue: Encodable, Equatable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    case text(String)
    case flag(Bool)
    case list([ResourceValue])
    case object([String: ResourceValue])
    /// A resource's attribute: by logical ID in CloudFormation, by address in Terraform.
    case reference(String, attribute: String)

    init(stringLiteral value: String) { self = .text(value) }
    init(arrayLiteral elements: ResourceValue...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, ResourceValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { first, _ in first }))
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .flag(let flag): try container.encode(flag)
        case .list(let items): try container.encode(items)
        case .object(let fields): try container.encode(fields)
        case .reference(let id, let attribute): try container.encode(["Fn::GetAtt": [id, attribute]])
        }
    }

    /// Each reference replaced by what `replace` makes of it.
    func resolvingReferences(_ replace: (String, String) -> ResourceValue) -> ResourceValue {
        switch self {
        case .text, .flag: self
        case .list(let items): .list(items.map { $0.resolvingReferences(replace) })
        case .object(let fields): .object(fields.mapValues { $0.resolvingReferences(replace) })
        case .reference(let id, let attribute): replace(id, attribute)
        }
    }

    /// The logical IDs it refers to.
    var references: [String] {
        switch self {
        case .text, .flag: []
        case .list(let items): items.flatMap(\.references)
        case .object(let fields): fields.values.flatMap(\.references)
        case .reference(let id, _): [id]
        }
    }

    /// The value in Terraform's JSON syntax: every string and object key a literal, every
    /// reference an interpolation (`TerraformJSON`).
    var terraform: JSONValue {
        switch self {
        case .text(let text): .string(TerraformJSON.literal(text))
        case .flag(let flag): .bool(flag)
        case .list(let items): .array(items.map(\.terraform))
        case .object(let fields):
            .object(Dictionary(fields.map { (TerraformJSON.literal($0.key), $0.value.terraform) }, uniquingKeysWith: { first, _ in first }))
        case .reference(let address, let attribute): .string(TerraformJSON.reference(address, attribute))
        }
    }
}
