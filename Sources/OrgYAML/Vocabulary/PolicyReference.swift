/// A customer-managed policy as IAM Identity Center references it: by name and path (a policy
/// that each account the permission set is provisioned to must have). One form for org.yaml's
/// model, the snapshot and the emitters.
public struct PolicyReference: Codable, Sendable, Hashable {
    public var name: String
    /// `/` unless the policy has a path of its own.
    public var path: String

    public init(name: String, path: String) {
        (self.name, self.path) = (name, path)
    }

    /// `/path/name`, as IAM shows it.
    public var shown: String { path + name }
}

/// A permission set's permissions boundary: an AWS managed policy by its ARN, or a
/// customer-managed policy by reference. One form for org.yaml's model and the snapshot.
public enum PermissionsBoundary: Sendable, Hashable {
    case managed(arn: String)
    case customerManaged(PolicyReference)

    /// The managed policy's ARN, or the customer-managed policy's `/path/name`.
    public var shown: String {
        switch self {
        case .managed(let arn): arn
        case .customerManaged(let reference): reference.shown
        }
    }
}
