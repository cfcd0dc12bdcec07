import OrgYAML

/// The codes of what is built from a spec: command-line arguments, files outside org.yaml,
/// installs, git revisions and templates (docs/diagnostics.md).
extension DiagnosticCode {
    public static let unknownPrincipal = DiagnosticCode(rawValue: "unknown-principal")
    public static let disabledUser = DiagnosticCode(rawValue: "disabled-user")
    public static let noMatchingProfiles = DiagnosticCode(rawValue: "no-matching-profiles")
    public static let writeFailed = DiagnosticCode(rawValue: "write-failed")
    public static let gitFailed = DiagnosticCode(rawValue: "git-failed")
    public static let missingAtRevision = DiagnosticCode(rawValue: "missing-at-revision")
    public static let installConflict = DiagnosticCode(rawValue: "install-conflict")
    public static let templateError = DiagnosticCode(rawValue: "template-error")
    public static let templateSyntax = DiagnosticCode(rawValue: "template-syntax")
    public static let invalidTemplateName = DiagnosticCode(rawValue: "invalid-template-name")
    /// A command run without an option that this case needs: a usage error (exit 64).
    public static let missingOption = DiagnosticCode(rawValue: "missing-option")

    /// Every code of this target, for the test that each is documented.
    public static let orgProfileKitCodes: [DiagnosticCode] = [
        .unknownPrincipal,
        .disabledUser,
        .noMatchingProfiles,
        .writeFailed,
        .gitFailed,
        .missingAtRevision,
        .installConflict,
        .templateError,
        .templateSyntax,
        .invalidTemplateName,
        .missingOption,
    ]
}
