import OrgYAML

/// The `[sso-session NAME]` block every compiled config starts with.
public struct Session: Sendable, Hashable {
    public static let defaultRegistrationScopes = ["sso:account:access"]

    public var name: String
    /// The access portal URL without a trailing `/` or `#/`.
    public var startURL: String
    /// Where Identity Center lives: written as `sso_region`.
    public var region: String
    public var registrationScopes: [String]

    init(spec: SessionSpec?, project: String) {
        name = spec?.name?.value ?? project
        let url = spec?.startURL?.value ?? ""
        startURL = StartURL.normalized(url) ?? url
        region = spec?.region?.value ?? ""
        registrationScopes = spec?.registrationScopes?.map(\.value) ?? Self.defaultRegistrationScopes
    }
}
