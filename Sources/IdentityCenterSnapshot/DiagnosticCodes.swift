import OrgYAML

/// The codes of the live Identity Center (docs/diagnostics.md).
extension DiagnosticCode {
    public static let awsCallFailed = DiagnosticCode(rawValue: "aws-call-failed")
    public static let partialRead = DiagnosticCode(rawValue: "partial-read")
    public static let unknownInIdentityCenter = DiagnosticCode(rawValue: "unknown-in-identity-center")
    public static let notDeployable = DiagnosticCode(rawValue: "not-deployable")
    public static let definitionClears = DiagnosticCode(rawValue: "definition-clears")
    public static let definitionUnread = DiagnosticCode(rawValue: "definition-unread")

    /// Every code of this target, for the test that each is documented.
    public static let identityCenterCodes: [DiagnosticCode] = [
        .awsCallFailed,
        .partialRead,
        .unknownInIdentityCenter,
        .notDeployable,
        .definitionClears,
        .definitionUnread,
    ]
}
