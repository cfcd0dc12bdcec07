import Support

extension JSONValue {
    /// A CloudFormation-shaped value in Terraform's JSON syntax: every string and object key a
    /// literal, every reference an interpolation (`TerraformJSON`).
    var terraform: JSONValue {
        switch self {
        case .string(let text): .string(TerraformJSON.literal(text))
        case .integer, .number, .bool, .null: self
        case .array(let items): .array(items.map(\.terraform))
        case .object(let fields):
            .object(Dictionary(fields.map { (TerraformJSON.literal($0.key), $0.value.terraform) }, uniquingKeysWith: { first, _ in first }))
        case .reference(let address, let attribute): .string(TerraformJSON.reference(address, attribute))
        }
    }
}
