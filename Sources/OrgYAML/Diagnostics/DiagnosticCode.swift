/// The stable name of every kind of diagnostic; docs/diagnostics.md lists each with an
/// example and the fix. Never rename a case's raw value: CI scripts match on it.
public enum DiagnosticCode: String, Sendable, CaseIterable {
    // Reading the file and its YAML.
    case unreadableFile = "unreadable-file"
    case yamlSyntax = "yaml-syntax"
    case emptyDocument = "empty-document"
    case multipleDocuments = "multiple-documents"
    case mergeKey = "merge-key"
    case yamlTag = "yaml-tag"
    case undefinedAlias = "undefined-alias"
    case aliasExpansionLimit = "alias-expansion-limit"
    case limitExceeded = "limit-exceeded"

    // The shape of org.yaml.
    case duplicateKey = "duplicate-key"
    case unknownKey = "unknown-key"
    case missingKey = "missing-key"
    case wrongType = "wrong-type"
    case invalidBoolean = "invalid-boolean"
    case unsupportedVersion = "unsupported-version"

    // Values.
    case invalidSlug = "invalid-slug"
    case invalidUserName = "invalid-user-name"
    case invalidRoleName = "invalid-role-name"
    case invalidAccountID = "invalid-account-id"
    case duplicateAccountID = "duplicate-account-id"
    case invalidStartURL = "invalid-start-url"
    case invalidRegion = "invalid-region"
    case invalidScope = "invalid-scope"
    case invalidSettingKey = "invalid-setting-key"
    case reservedSetting = "reserved-setting"
    case commandSetting = "command-setting"
    case unusedAllowedCommand = "unused-allowed-command"
    case unsafeValue = "unsafe-value"
    case caseCollision = "case-collision"
    case noAccounts = "no-accounts"

    // References and meaning.
    case unknownRole = "unknown-role"
    case unknownAccount = "unknown-account"
    case unknownGroup = "unknown-group"
    case userManagementNotDeclared = "user-management-not-declared"
    case profileCollision = "profile-collision"
    case userWithoutAccess = "user-without-access"
    case unusedRole = "unused-role"

    // Command-line arguments and files outside org.yaml.
    case unknownPrincipal = "unknown-principal"
    case disabledUser = "disabled-user"
    case noMatchingProfiles = "no-matching-profiles"
    case writeFailed = "write-failed"
    case gitFailed = "git-failed"
    case missingAtRevision = "missing-at-revision"
    case installConflict = "install-conflict"

    // The live Identity Center.
    case awsCallFailed = "aws-call-failed"
    case partialRead = "partial-read"
    case unknownInIdentityCenter = "unknown-in-identity-center"

    // Templates.
    case templateError = "template-error"
    case templateSyntax = "template-syntax"
    case invalidTemplateName = "invalid-template-name"
}
