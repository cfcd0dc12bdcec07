/// The stable name of every kind of diagnostic; docs/diagnostics.md lists each with an
/// example and the fix. Never change a code's name: CI scripts match on it. Each stage
/// declares its own codes beside itself (these are reading and checking org.yaml; the
/// back half's and the live side's are in their targets).
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }
}

extension DiagnosticCode {
    // Reading the file and its YAML.
    public static let unreadableFile = DiagnosticCode(rawValue: "unreadable-file")
    public static let yamlSyntax = DiagnosticCode(rawValue: "yaml-syntax")
    public static let emptyDocument = DiagnosticCode(rawValue: "empty-document")
    public static let multipleDocuments = DiagnosticCode(rawValue: "multiple-documents")
    public static let mergeKey = DiagnosticCode(rawValue: "merge-key")
    public static let yamlTag = DiagnosticCode(rawValue: "yaml-tag")
    public static let undefinedAlias = DiagnosticCode(rawValue: "undefined-alias")
    public static let aliasExpansionLimit = DiagnosticCode(rawValue: "alias-expansion-limit")
    public static let limitExceeded = DiagnosticCode(rawValue: "limit-exceeded")
    // The shape of org.yaml.
    public static let duplicateKey = DiagnosticCode(rawValue: "duplicate-key")
    public static let unknownKey = DiagnosticCode(rawValue: "unknown-key")
    public static let missingKey = DiagnosticCode(rawValue: "missing-key")
    public static let misplacedSection = DiagnosticCode(rawValue: "misplaced-section")
    public static let ambiguousScalar = DiagnosticCode(rawValue: "ambiguous-scalar")
    public static let wrongType = DiagnosticCode(rawValue: "wrong-type")
    public static let invalidBoolean = DiagnosticCode(rawValue: "invalid-boolean")
    public static let unsupportedVersion = DiagnosticCode(rawValue: "unsupported-version")
    // Values.
    public static let invalidSlug = DiagnosticCode(rawValue: "invalid-slug")
    public static let invalidUserName = DiagnosticCode(rawValue: "invalid-user-name")
    public static let invalidRoleName = DiagnosticCode(rawValue: "invalid-role-name")
    public static let invalidAccountID = DiagnosticCode(rawValue: "invalid-account-id")
    public static let duplicateAccountID = DiagnosticCode(rawValue: "duplicate-account-id")
    public static let invalidStartURL = DiagnosticCode(rawValue: "invalid-start-url")
    public static let invalidRegion = DiagnosticCode(rawValue: "invalid-region")
    public static let invalidScope = DiagnosticCode(rawValue: "invalid-scope")
    public static let invalidSettingKey = DiagnosticCode(rawValue: "invalid-setting-key")
    public static let reservedSetting = DiagnosticCode(rawValue: "reserved-setting")
    public static let commandSetting = DiagnosticCode(rawValue: "command-setting")
    public static let unusedAllowedCommand = DiagnosticCode(rawValue: "unused-allowed-command")
    public static let unsafeValue = DiagnosticCode(rawValue: "unsafe-value")
    public static let caseCollision = DiagnosticCode(rawValue: "case-collision")
    public static let noAccounts = DiagnosticCode(rawValue: "no-accounts")
    // Permission-set definitions.
    public static let invalidSessionDuration = DiagnosticCode(rawValue: "invalid-session-duration")
    public static let invalidPolicy = DiagnosticCode(rawValue: "invalid-policy")
    public static let permissionSetLimit = DiagnosticCode(rawValue: "permission-set-limit")
    // Temporary access.
    public static let invalidDate = DiagnosticCode(rawValue: "invalid-date")
    public static let invalidAccessWindow = DiagnosticCode(rawValue: "invalid-access-window")
    public static let expiredAccess = DiagnosticCode(rawValue: "expired-access")
    public static let temporaryTooLong = DiagnosticCode(rawValue: "temporary-too-long")
    // References and meaning.
    public static let unknownRole = DiagnosticCode(rawValue: "unknown-role")
    public static let unknownAccount = DiagnosticCode(rawValue: "unknown-account")
    public static let unknownGroup = DiagnosticCode(rawValue: "unknown-group")
    public static let invalidOU = DiagnosticCode(rawValue: "invalid-ou")
    public static let unknownOU = DiagnosticCode(rawValue: "unknown-ou")
    public static let emptySelection = DiagnosticCode(rawValue: "empty-selection")
    public static let needlessExcept = DiagnosticCode(rawValue: "needless-except")
    public static let userManagementNotDeclared = DiagnosticCode(rawValue: "user-management-not-declared")
    public static let profileCollision = DiagnosticCode(rawValue: "profile-collision")
    public static let userWithoutAccess = DiagnosticCode(rawValue: "user-without-access")
    public static let unusedRole = DiagnosticCode(rawValue: "unused-role")

    /// Every code of this target, for the test that each is documented.
    public static let orgYAMLCodes: [DiagnosticCode] = [
        .unreadableFile,
        .yamlSyntax,
        .emptyDocument,
        .multipleDocuments,
        .mergeKey,
        .yamlTag,
        .undefinedAlias,
        .aliasExpansionLimit,
        .limitExceeded,
        .duplicateKey,
        .unknownKey,
        .missingKey,
        .misplacedSection,
        .ambiguousScalar,
        .wrongType,
        .invalidBoolean,
        .unsupportedVersion,
        .invalidSlug,
        .invalidUserName,
        .invalidRoleName,
        .invalidAccountID,
        .duplicateAccountID,
        .invalidStartURL,
        .invalidRegion,
        .invalidScope,
        .invalidSettingKey,
        .reservedSetting,
        .commandSetting,
        .unusedAllowedCommand,
        .unsafeValue,
        .caseCollision,
        .noAccounts,
        .invalidSessionDuration,
        .invalidPolicy,
        .permissionSetLimit,
        .unknownRole,
        .unknownAccount,
        .unknownGroup,
        .invalidOU,
        .unknownOU,
        .emptySelection,
        .needlessExcept,
        .userManagementNotDeclared,
        .profileCollision,
        .userWithoutAccess,
        .unusedRole,
    ]
}
