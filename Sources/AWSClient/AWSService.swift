import Foundation

/// One of the AWS APIs orgprofile reads, all of them JSON 1.1 (a POST to `/` whose
/// `X-Amz-Target` names the operation), with what botocore's service model says of each.
public struct AWSService: Sendable, Hashable {
    /// The AWS CLI's name of it (`sso-admin`), by which callers name it.
    public let name: String
    /// `AWS_ENDPOINT_URL_<this>`: the service ID in capitals, spaces as `_`.
    let environmentName: String
    /// Signed as (`sso` for sso-admin).
    let signingName: String
    /// The host's first label (`sso.eu-west-1.amazonaws.com`).
    let endpointPrefix: String
    /// `X-Amz-Target: <prefix>.<Operation>`.
    let targetPrefix: String
    /// One endpoint per partition, in that region (Organizations), instead of one per region.
    let globalRegion: [Partition: String]?

    public static let ssoAdmin = AWSService(
        name: "sso-admin", environmentName: "SSO_ADMIN", signingName: "sso", endpointPrefix: "sso",
        targetPrefix: "SWBExternalService", globalRegion: nil)
    public static let identityStore = AWSService(
        name: "identitystore", environmentName: "IDENTITYSTORE", signingName: "identitystore", endpointPrefix: "identitystore",
        targetPrefix: "AWSIdentityStore", globalRegion: nil)
    public static let organizations = AWSService(
        name: "organizations", environmentName: "ORGANIZATIONS", signingName: "organizations", endpointPrefix: "organizations",
        targetPrefix: "AWSOrganizationsV20161128",
        globalRegion: [.aws: "us-east-1", .china: "cn-northwest-1", .govCloud: "us-gov-west-1"])

    /// The AWS partitions orgprofile knows the endpoints of.
    enum Partition: Sendable, Hashable {
        case aws, china, govCloud

        init(region: String) {
            self = region.hasPrefix("cn-") ? .china : region.hasPrefix("us-gov-") ? .govCloud : .aws
        }

        var dnsSuffix: String { self == .china ? "amazonaws.com.cn" : "amazonaws.com" }
    }
}

/// Endpoints a config file sets for a profile: its `endpoint_url`, the `endpoint_url` of each
/// service in the `[services NAME]` section it names (keyed `sso_admin`, `identitystore`,
/// `organizations`), and whether it sets `ignore_configured_endpoint_urls`.
public struct ConfiguredEndpoints: Sendable, Equatable {
    public var profile: String?
    public var services: [String: String]
    public var ignore: Bool

    public init(profile: String? = nil, services: [String: String] = [:], ignore: Bool = false) {
        (self.profile, self.services, self.ignore) = (profile, services, ignore)
    }
}

/// Where a service's requests go and the region they are signed for.
public struct AWSEndpoint: Sendable, Equatable {
    public var url: URL
    public var signingRegion: String

    /// As the AWS CLI finds it: `AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`, else the
    /// config file's for the service, else the profile's `endpoint_url` (none of these when
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` or the profile's `ignore_configured_endpoint_urls`
    /// is true), signed for `region`; else the service's own endpoint in the region's
    /// partition (Organizations: the partition's one).
    public static func resolve(
        _ service: AWSService, region: String, environment: [String: String], configured: ConfiguredEndpoints = ConfiguredEndpoints()
    ) -> AWSEndpoint {
        if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true", !configured.ignore {
            let candidates = [
                environment["AWS_ENDPOINT_URL_\(service.environmentName)"], environment["AWS_ENDPOINT_URL"],
                configured.services[service.environmentName.lowercased()], configured.profile,
            ]
            for case let value? in candidates where !value.isEmpty {
                if let url = URL(string: value) { return AWSEndpoint(url: url, signingRegion: region) }
            }
        }
        let partition = AWSService.Partition(region: region)
        let signingRegion = service.globalRegion?[partition] ?? region
        return AWSEndpoint(
            url: URL(string: "https://\(service.endpointPrefix).\(signingRegion).\(partition.dnsSuffix)")!, signingRegion: signingRegion)
    }

    /// `host`, or `host:port` for a port that is not the scheme's own: the `Host` header.
    var host: String {
        let name = url.host ?? ""
        guard let port = url.port, port != (url.scheme == "http" ? 80 : 443) else { return name }
        return "\(name):\(port)"
    }
}
