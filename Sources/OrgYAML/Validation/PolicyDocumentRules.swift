import Support

/// The rules of a permission set's inline policy, an IAM identity policy written as YAML:
/// `Version: "2012-10-17"`; `Statement`, one or a list, each with `Effect` (Allow or Deny),
/// `Action` or `NotAction`, `Resource` or `NotResource`, and optionally `Sid` and
/// `Condition`; no `Principal` (an identity policy names none); and its JSON within IAM
/// Identity Center's size limits. Each problem at its place in org.yaml.
struct PolicyDocumentRules {
    let role: String
    var diagnostics = DiagnosticList()

    init(role: String) {
        self.role = role
    }

    private var policy: String { "the inline policy of role '\(role)'" }

    mutating func check(_ node: YAMLNode) {
        guard case .mapping(let pairs) = node.content else { return }
        let fields = MappingFields(
            pairs, allowed: ["Version", "Id", "Statement"], context: policy, owner: node.location, diagnostics: &diagnostics)
        if let version = fields["Version"] {
            if version.value.scalar?.text != "2012-10-17" {
                error("Version of \(policy) must be \"2012-10-17\", the current policy language", at: version.value.location)
            }
        } else {
            error(
                "\(policy) has no Version; add Version: \"2012-10-17\" (without it IAM reads the 2008 language, in which policy variables do not work)",
                at: node.location)
        }
        switch fields["Statement"]?.value.content {
        case .mapping?:
            statement(fields["Statement"]!.value, number: nil)
        case .sequence(let items)?:
            if items.isEmpty { error("Statement of \(policy) is empty", at: fields["Statement"]!.value.location) }
            for (index, item) in items.enumerated() { statement(item, number: index + 1) }
        case .scalar?:
            error("Statement of \(policy) must be a statement or a list of statements", at: fields["Statement"]!.value.location)
        case nil:
            error("\(policy) has no Statement", at: node.location)
        }
        let text = JSONValue(policy: node).canonicalText
        if text.count > PermissionSetRules.Limit.inlinePolicyCharacters {
            limit(
                "\(policy) is \(text.count) characters as JSON; IAM Identity Center takes at most \(PermissionSetRules.Limit.inlinePolicyCharacters)",
                node)
        }
        let significant = text.count { !$0.isWhitespace }
        if significant > PermissionSetRules.Limit.inlinePolicyNonWhitespace {
            limit(
                "\(policy) has \(significant) characters that are not white space; IAM takes at most \(PermissionSetRules.Limit.inlinePolicyNonWhitespace): split it, or move part of it into a customer-managed policy",
                node)
        }
    }

    private mutating func statement(_ node: YAMLNode, number: Int?) {
        let what = number.map { "statement \($0) of \(policy)" } ?? "the statement of \(policy)"
        guard case .mapping(let pairs) = node.content else {
            error("\(what) must be a mapping of Effect, Action, Resource and the like, found \(node.kindDescription)", at: node.location)
            return
        }
        let fields = MappingFields(
            pairs, allowed: ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition", "Principal", "NotPrincipal"],
            context: what, owner: node.location, diagnostics: &diagnostics)
        for key in ["Principal", "NotPrincipal"] {
            if let pair = fields[key] {
                error(
                    "\(what) names a \(key); a permission set's policy is an identity policy, which names none: remove it",
                    at: pair.key.location)
            }
        }
        if let effect = fields["Effect"] {
            if effect.value.scalar?.text != "Allow", effect.value.scalar?.text != "Deny" {
                error("Effect of \(what) must be Allow or Deny", at: effect.value.location)
            }
        } else {
            error("\(what) has no Effect; add Effect: Allow (or Deny)", at: node.location)
        }
        oneOf(
            "Action", "NotAction", in: fields, what, node, isValid: { $0 == "*" || $0.contains(":") },
            shape: "service:Action, such as s3:GetObject, or *")
        oneOf("Resource", "NotResource", in: fields, what, node, isValid: { !$0.isEmpty }, shape: "an ARN or *")
        if let condition = fields["Condition"] {
            guard case .mapping(let operators) = condition.value.content,
                operators.allSatisfy({ $0.value.isMapping })
            else {
                error(
                    "Condition of \(what) must map each operator to its keys, such as Bool: {aws:MultiFactorAuthPresent: \"true\"}",
                    at: condition.value.location)
                return
            }
        }
    }

    /// Exactly one of two keys, each a string or a non-empty list of strings of a shape.
    private mutating func oneOf(
        _ key: String, _ negated: String, in fields: MappingFields, _ what: String, _ node: YAMLNode, isValid: (String) -> Bool,
        shape: String
    ) {
        switch (fields[key], fields[negated]) {
        case (nil, nil):
            error("\(what) has neither \(key) nor \(negated); add \(key)", at: node.location)
        case (.some, .some(let second)):
            error("\(what) has both \(key) and \(negated); keep one", at: second.key.location)
        case (let pair?, nil), (nil, let pair?):
            let name = pair.key.scalar?.text ?? key
            let items: [YAMLNode]
            switch pair.value.content {
            case .sequence(let list): items = list
            case .scalar: items = [pair.value]
            case .mapping: items = []
            }
            if items.isEmpty {
                error("\(name) of \(what) must be a string or a non-empty list of strings", at: pair.value.location)
            }
            for item in items {
                guard let text = item.scalar?.text, !(item.scalar?.isNull ?? true), isValid(text) else {
                    error("'\(item.scalar?.text ?? item.kindDescription)' in \(name) of \(what) is not \(shape)", at: item.location)
                    continue
                }
            }
        }
    }

    private mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(.invalidPolicy, message, at: location))
    }

    private mutating func limit(_ message: String, _ node: YAMLNode) {
        diagnostics.append(.error(.permissionSetLimit, message, at: node.location))
    }
}
