import Foundation

/// How requests reach AWS, read as the AWS CLI reads it: a forward proxy per scheme
/// (`HTTPS_PROXY`, `HTTP_PROXY`, lower case first, as Python's `getproxies` does), the hosts
/// that bypass it (`NO_PROXY`), and the certificates that are trusted (`AWS_CA_BUNDLE`, else
/// the profile's `ca_bundle`; without either, the system's).
public struct NetworkSettings: Sendable, Hashable {
    /// A forward proxy: requests are tunnelled through it with `CONNECT`.
    public struct Proxy: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var user: String?
        public var password: String?

        /// Never the credentials.
        public var description: String { "\(host):\(port)" }
    }

    public var httpProxy: Proxy?
    public var httpsProxy: Proxy?
    /// `NO_PROXY`'s entries, lower case: `*`, a host, `.domain` or `domain` (the host and
    /// every host below it), each optionally with `:port`.
    public var noProxy: [String]
    public var caBundle: String?

    public init(httpProxy: Proxy? = nil, httpsProxy: Proxy? = nil, noProxy: [String] = [], caBundle: String? = nil) {
        (self.httpProxy, self.httpsProxy, self.noProxy, self.caBundle) = (httpProxy, httpsProxy, noProxy, caBundle)
    }

    /// A proxy URL the settings cannot use.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// From the environment, and the profile's `ca_bundle` when the environment names none.
    public init(environment: [String: String], profileCABundle: String? = nil) throws {
        func value(_ name: String) -> String? {
            (environment[name.lowercased()] ?? environment[name]).flatMap { $0.isEmpty ? nil : $0 }
        }
        httpProxy = try value("HTTP_PROXY").map { try Self.proxy($0, variable: "HTTP_PROXY") }
        httpsProxy = try value("HTTPS_PROXY").map { try Self.proxy($0, variable: "HTTPS_PROXY") }
        noProxy = (value("NO_PROXY") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter {
            !$0.isEmpty
        }
        caBundle = value("AWS_CA_BUNDLE") ?? profileCABundle.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `http://[user:password@]host[:port]`; a bare `host:port` is read as http, as Python does.
    static func proxy(_ text: String, variable: String) throws -> Proxy {
        let url = URL(string: text.contains("://") ? text : "http://" + text)
        guard let url, let host = url.host, !host.isEmpty else {
            throw Invalid(description: "\(variable) is not a proxy URL such as http://proxy.example:3128")
        }
        guard url.scheme?.lowercased() == "http" else {
            throw Invalid(
                description:
                    "\(variable) names a \(url.scheme ?? "") proxy; orgprofile reaches a proxy over http (requests to AWS still go through it encrypted)"
            )
        }
        return Proxy(
            host: host, port: url.port ?? 80, user: url.user?.removingPercentEncoding, password: url.password?.removingPercentEncoding)
    }

    /// The proxy a request to `url` goes through, or nil to go direct.
    public func proxy(for url: URL) -> Proxy? {
        let proxy = url.scheme?.lowercased() == "https" ? httpsProxy : httpProxy
        guard let proxy, let host = url.host?.lowercased() else { return nil }
        return bypasses(host: host, port: url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)) ? nil : proxy
    }

    func bypasses(host: String, port: Int) -> Bool {
        let host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        for entry in noProxy {
            if entry == "*" { return true }
            var name = entry
            if let colon = entry.lastIndex(of: ":"), !entry.hasSuffix("]"), entry.filter({ $0 == ":" }).count == 1 {
                guard Int(entry[entry.index(after: colon)...]) == port else { continue }
                name = String(entry[..<colon])
            }
            if name.hasPrefix(".") { name.removeFirst() }
            if host == name || host.hasSuffix("." + name) { return true }
        }
        return false
    }
}
