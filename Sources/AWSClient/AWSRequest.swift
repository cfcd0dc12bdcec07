import Support

/// One call of an AWS JSON 1.1 API as data: the service, the operation as the API names it
/// (`ListAccountAssignments`) and its parameters, each a typed JSON value. It is rendered two
/// ways, so that both paths make the same call: as a JSON 1.1 request in orgprofile's own
/// process (`JSONProtocol`), and as the arguments of the `aws` command (`awsArguments`).
public struct AWSRequest: Sendable, Equatable {
    public struct Parameter: Sendable, Equatable {
        /// As the API names it: `InstanceArn`.
        public var name: String
        public var value: JSONValue
    }

    public let service: AWSService
    public let operation: String
    /// In the order the `aws` arguments show them.
    public let parameters: [Parameter]

    public init(_ service: AWSService, _ operation: String, _ parameters: KeyValuePairs<String, JSONValue> = [:]) {
        self.service = service
        self.operation = operation
        self.parameters = parameters.map { Parameter(name: $0.key, value: $0.value) }
    }

    /// `sso-admin list-account-assignments --instance-arn A --account-id B`, as the AWS CLI
    /// takes it: names in kebab case, a string as it is, a Boolean as `--name` or `--no-name`,
    /// any other value as its JSON text (which the AWS CLI accepts for every parameter).
    public var awsArguments: [String] {
        var arguments = [service.name, Self.kebab(operation)]
        for parameter in parameters {
            let option = Self.kebab(parameter.name)
            switch parameter.value {
            case .string(let text): arguments += ["--" + option, text]
            case .bool(let flag): arguments.append(flag ? "--" + option : "--no-" + option)
            default: arguments += ["--" + option, String(decoding: JSON.bytes(parameter.value), as: UTF8.self)]
            }
        }
        return arguments
    }

    /// `sso-admin list-instances`: the call as the AWS CLI names it, for messages.
    public var command: String { service.name + " " + Self.kebab(operation) }

    /// `ListAccountAssignments` as the AWS CLI writes it: `list-account-assignments`.
    public static func kebab(_ name: String) -> String {
        var words = ""
        for character in name {
            if character.isUppercase, !words.isEmpty { words.append("-") }
            words.append(contentsOf: character.lowercased())
        }
        return words
    }
}
