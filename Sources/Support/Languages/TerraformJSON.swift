/// Terraform's JSON syntax (`.tf.json`) reads every string, and every object key in an
/// argument, as a template: `${…}` is an interpolation and `%{…}` a directive. A value
/// written through `literal` reaches Terraform as exactly its characters (`${aws:username}`
/// in a policy reaches IAM as `${aws:username}`); only `reference` writes an interpolation,
/// and only of an address the generator made.
public enum TerraformJSON {
    /// `$${` for `${` and `%%{` for `%{`, Terraform's escapes for a literal sequence.
    public static func literal(_ text: String) -> String {
        guard text.contains("${") || text.contains("%{") else { return text }
        return text.replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{")
    }

    /// `${ADDRESS.ATTRIBUTE}`: another resource's attribute.
    public static func reference(_ address: String, _ attribute: String) -> String {
        "${\(address).\(attribute)}"
    }
}
