/// The rules of a role's permission-set definition: IAM Identity Center's limits, the shape
/// of policy names and paths, and of an IAM policy document, each problem at its place and
/// all of them at once. Names of AWS managed policies cannot be checked offline, and are not.
public enum PermissionSetRules {
    /// The limits IAM Identity Center sets (its quotas page and the CreatePermissionSet API).
    public enum Limit {
        /// Each kind of policy a permission set may have attached, by default and at most
        /// once the quota is raised.
        public static let policiesByDefault = 10
        public static let policies = 20
        public static let tags = 50
        public static let tagKey = 128
        public static let tagValue = 256
        public static let inlinePolicyCharacters = 32_768
        public static let inlinePolicyNonWhitespace = 10_240
        /// The session duration in seconds: `PT1H` to `PT12H`.
        public static let sessionDuration = 3_600...43_200
    }

    public static func check(_ spec: PermissionSetSpec, role: String) -> DiagnosticList {
        var rules = Checker(role: role)
        rules.check(spec)
        return rules.diagnostics
    }

    /// An AWS managed policy's ARN from what org.yaml writes: the ARN itself, its name
    /// (`ReadOnlyAccess`), or its path and name (`job-function/ViewOnlyAccess`). Nil when it
    /// is not one: another account's policy, or not a policy name.
    public static func managedPolicyARN(_ text: String) -> String? {
        if text.hasPrefix("arn:") {
            let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, parts[1].hasPrefix("aws"), parts[2] == "iam", parts[3].isEmpty, parts[4] == "aws",
                parts[5].hasPrefix("policy/"), isPolicyPath(String(parts[5].dropFirst("policy/".count)))
            else { return nil }
            return text
        }
        return isPolicyPath(text) ? "arn:aws:iam::aws:policy/\(text)" : nil
    }

    /// `name` or `path/to/name`: IAM's characters for policy names, with `/` between parts.
    private static func isPolicyPath(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0.count <= 128 && $0.allSatisfy(isPolicyNameCharacter) }
    }

    static func isPolicyNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "+=,.@_-".contains(character))
    }

    /// The seconds of an ISO 8601 duration of hours, minutes and seconds (`PT1H30M`); nil
    /// for anything else.
    public static func seconds(ofDuration text: String) -> Int? {
        guard text.hasPrefix("PT"), text.count > 2 else { return nil }
        var total = 0
        var number = ""
        var units = "HMS"[...]
        for character in text.dropFirst(2) {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number), let position = units.firstIndex(of: character) else { return nil }
            total += value * (character == "H" ? 3_600 : character == "M" ? 60 : 1)
            units = units[units.index(after: position)...]
            number = ""
        }
        return number.isEmpty ? total : nil
    }

    private struct Checker {
        let role: String
        var diagnostics = DiagnosticList()

        mutating func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
            diagnostics.append(.error(code, message, at: location))
        }

        /// An ISO 8601 duration IAM Identity Center takes: `PT1H` to `PT12H`.
        mutating func checkDuration(_ duration: Located<String>) {
            guard let seconds = PermissionSetRules.seconds(ofDuration: duration.value) else {
                error(
                    .invalidSessionDuration,
                    "session_duration '\(duration.value)' of role '\(role)' is not an ISO 8601 duration such as PT1H, PT8H or PT1H30M",
                    at: duration.location)
                return
            }
            if !Limit.sessionDuration.contains(seconds) {
                error(
                    .invalidSessionDuration,
                    "session_duration '\(duration.value)' of role '\(role)' is \(seconds < Limit.sessionDuration.lowerBound ? "shorter" : "longer") than IAM Identity Center allows; write PT1H to PT12H",
                    at: duration.location)
            }
        }

        mutating func check(_ spec: PermissionSetSpec) {
            for attribute in PermissionSetText.all {
                guard let value = spec.texts[attribute.key] else { continue }
                switch attribute.kind {
                case .text(let most):
                    if !(1...most).contains(value.value.count) {
                        error(
                            .permissionSetLimit,
                            "\(attribute.noun) of role '\(role)' has \(value.value.count) characters; IAM Identity Center takes 1 to \(most)",
                            at: value.location)
                    }
                case .sessionDuration:
                    checkDuration(value)
                }
            }
            for part in PermissionSetPart.allCases {
                switch part {
                case .managedPolicies:
                    var seen: [String: SourceLocation] = [:]
                    for policy in spec.managedPolicies {
                        guard let arn = PermissionSetRules.managedPolicyARN(policy.value) else {
                            error(.invalidPolicy, Self.notManaged(policy.value, part.key, role: role), at: policy.location)
                            continue
                        }
                        once(arn, "the managed policy", at: policy.location, seen: &seen)
                    }
                    count(spec.managedPolicies.map(\.location), "AWS managed policies", spec.location)
                case .customerManagedPolicies:
                    var seen: [String: SourceLocation] = [:]
                    for reference in spec.customerManagedPolicies {
                        guard let key = checkReference(reference, part.key) else { continue }
                        once(key, "the customer-managed policy", at: reference.location, seen: &seen)
                    }
                    count(spec.customerManagedPolicies.map(\.location), "customer-managed policies", spec.location)
                case .permissionsBoundary:
                    switch spec.permissionsBoundary {
                    case .managed(let policy)?:
                        if PermissionSetRules.managedPolicyARN(policy.value) == nil {
                            error(.invalidPolicy, Self.notManaged(policy.value, part.key, role: role), at: policy.location)
                        }
                    case .customerManaged(let reference)?:
                        _ = checkReference(reference, part.key)
                    case nil:
                        break
                    }
                case .tags:
                    checkTags(spec.tags, spec.location)
                case .inlinePolicy:
                    if let document = spec.inlinePolicy {
                        var policy = PolicyDocumentRules(role: role)
                        policy.check(document)
                        diagnostics.append(policy.diagnostics)
                    }
                }
            }
        }

        /// A policy listed a second time is an error pointing at the first.
        mutating func once(_ key: String, _ what: String, at location: SourceLocation, seen: inout [String: SourceLocation]) {
            if let first = seen[key] {
                diagnostics.append(
                    .error(
                        .invalidPolicy, "role '\(role)' lists \(what) \(key) twice", at: location,
                        notes: [.init("it is first listed here", at: first)]))
            }
            seen[key] = seen[key] ?? location
        }

        static func notManaged(_ text: String, _ key: String, role: String) -> String {
            if text.hasPrefix("arn:"), text.contains(":policy/"), !text.contains("::aws:policy/") {
                let name = text.split(separator: "/").last.map(String.init) ?? text
                return "'\(text)' in \(key) of role '\(role)' is a customer-managed policy, which each account has its own copy of; "
                    + "name it by name and path under customer_managed_policies: {name: \(name)}"
            }
            return "'\(text)' in \(key) of role '\(role)' is not an AWS managed policy; write its name (ReadOnlyAccess), its path and name "
                + "(job-function/ViewOnlyAccess) or its ARN (arn:aws:iam::aws:policy/ReadOnlyAccess)"
        }

        /// A customer-managed policy's `path` + `name` when both are well formed.
        mutating func checkReference(_ reference: PolicyReferenceSpec, _ key: String) -> String? {
            guard let name = reference.name else { return nil }
            var valid = true
            if !(1...128).contains(name.value.count) || !name.value.allSatisfy(PermissionSetRules.isPolicyNameCharacter) {
                error(
                    .invalidPolicy,
                    "'\(name.value)' in \(key) of role '\(role)' is not a policy name (1 to 128 letters, digits and + = , . @ _ -)",
                    at: name.location)
                valid = false
            }
            let path = reference.path?.value ?? "/"
            if let written = reference.path,
                !(path.hasPrefix("/") && path.hasSuffix("/") && path.count <= 512
                    && path.allSatisfy { $0 == "/" || PermissionSetRules.isPolicyNameCharacter($0) })
            {
                error(
                    .invalidPolicy,
                    "path '\(written.value)' in \(key) of role '\(role)' is not an IAM path: it starts and ends with '/' (just '/' for none)",
                    at: written.location)
                valid = false
            }
            return valid ? path + name.value : nil
        }

        mutating func count(_ locations: [SourceLocation], _ what: String, _ role: SourceLocation) {
            if locations.count > Limit.policies {
                error(
                    .permissionSetLimit,
                    "role '\(self.role)' attaches \(locations.count) \(what); a permission set takes at most \(Limit.policies)",
                    at: locations[Limit.policies])
            } else if locations.count > Limit.policiesByDefault {
                diagnostics.append(
                    .warning(
                        .permissionSetLimit,
                        "role '\(self.role)' attaches \(locations.count) \(what); IAM Identity Center takes \(Limit.policiesByDefault) unless the quota was raised (Service Quotas, up to \(Limit.policies))",
                        at: locations[Limit.policiesByDefault]))
            }
        }

        mutating func checkTags(_ tags: [(key: Located<String>, value: Located<String>)], _ location: SourceLocation) {
            if tags.count > Limit.tags {
                error(
                    .permissionSetLimit, "role '\(role)' has \(tags.count) tags; a permission set takes at most \(Limit.tags)",
                    at: tags[Limit.tags].key.location)
            }
            for (key, value) in tags {
                if key.value.isEmpty || key.value.count > Limit.tagKey {
                    error(
                        .permissionSetLimit, "tag key '\(key.value)' of role '\(role)' must have 1 to \(Limit.tagKey) characters",
                        at: key.location)
                } else if key.value.lowercased().hasPrefix("aws:") {
                    error(
                        .permissionSetLimit, "tag key '\(key.value)' of role '\(role)' starts with 'aws:', which AWS reserves",
                        at: key.location)
                }
                if value.value.count > Limit.tagValue {
                    error(
                        .permissionSetLimit,
                        "the value of tag '\(key.value)' of role '\(role)' has \(value.value.count) characters; at most \(Limit.tagValue)",
                        at: value.location)
                }
            }
        }
    }
}
