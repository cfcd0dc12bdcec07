/// A text attribute of a permission set (its description, session duration, relay state),
/// declared once: everything that reads, checks, compares or writes one goes through this
/// table (decoding and the editor schema here, the rules, the model, the snapshot and the live
/// read, import, drift and the review diff, and the CloudFormation and Terraform emitters), so
/// a new optional text key of a role is one entry here, its docs and its tests.
/// docs/architecture.md traces one from org.yaml to Terraform.
public struct PermissionSetText: Sendable, Hashable {
    /// Its key in org.yaml and in the snapshot, and its argument in Terraform's
    /// `aws_ssoadmin_permission_set`.
    public let key: String
    /// What messages call it: `the description`.
    public let noun: String
    /// What it is, in the editor schema's words; `schema` adds what IAM Identity Center takes.
    public let summary: String
    public let kind: Kind
    /// The field of sso-admin's DescribePermissionSet answer that holds it.
    public let awsField: String
    /// Its property in CloudFormation's `AWS::SSO::PermissionSet`.
    public let cloudFormation: String

    public enum Kind: Sendable, Hashable {
        /// Free text of at most this many characters (IAM Identity Center's limit).
        case text(maxCharacters: Int)
        /// An ISO 8601 duration (`PT8H`) within `PermissionSetRules.Limit.sessionDuration`;
        /// unset means an hour, and two are the same when they last as long.
        case sessionDuration
    }

    public static let description = PermissionSetText(
        key: "description", noun: "the description", summary: "The permission set's description",
        kind: .text(maxCharacters: 700), awsField: "Description", cloudFormation: "Description")
    public static let sessionDuration = PermissionSetText(
        key: "session_duration", noun: "the session duration", summary: "How long a sign-in lasts",
        kind: .sessionDuration, awsField: "SessionDuration", cloudFormation: "SessionDuration")
    public static let relayState = PermissionSetText(
        key: "relay_state", noun: "the relay state", summary: "Where the console opens after sign-in",
        kind: .text(maxCharacters: 240), awsField: "RelayState", cloudFormation: "RelayStateType")

    /// Every one, in the order every output lists them.
    public static let all: [PermissionSetText] = [description, sessionDuration, relayState]

    /// The editor schema's words: what it is and what IAM Identity Center takes.
    public var schema: String {
        switch kind {
        case .text(let most): "\(summary) (1 to \(most) characters)."
        case .sessionDuration: "\(summary), ISO 8601, PT1H to PT12H."
        }
    }

    /// What Identity Center holds when it is not set.
    public var unsetValue: String? {
        switch kind {
        case .text: nil
        case .sessionDuration: "PT1H"
        }
    }

    /// Whether two values mean the same to Identity Center (nil: not set).
    public func same(_ one: String?, _ other: String?) -> Bool {
        switch kind {
        case .text: return (one ?? "") == (other ?? "")
        case .sessionDuration:
            let (one, other) = (one ?? "PT1H", other ?? "PT1H")
            return one == other || PermissionSetRules.seconds(ofDuration: one) == PermissionSetRules.seconds(ofDuration: other)
        }
    }
}
