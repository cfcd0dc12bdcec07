import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOSSL

/// One HTTP exchange, the calling thread waiting for it: the reader's calls run on worker
/// threads (`Parallel.map`), each one request at a time.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPExchange.Request) throws -> HTTPExchange.Response
}

public enum HTTPExchange {
    /// The largest answer read (the AWS APIs orgprofile calls answer a page in kilobytes).
    public static let maximumAnswerBytes = 32 << 20

    public struct Request: Sendable {
        public var method: String
        public var url: URL
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
            (self.status, self.headers, self.body) = (status, headers, body)
        }

        public func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// No answer: why, and whether trying again can help.
    public struct Failure: Error, CustomStringConvertible {
        public enum Kind: Sendable {
            /// The connection failed: worth trying again.
            case connection
            /// No whole answer within the deadline: worth one more try at most.
            case timeout
            /// Never worth trying again: an answer too large, a setting that cannot work.
            case refused
        }

        public var kind: Kind
        public var description: String

        public init(_ kind: Kind, _ description: String) {
            (self.kind, self.description) = (kind, description)
        }
    }
}

/// AsyncHTTPClients for the process (connections kept open and reused, TLS by SwiftNIO),
/// one for each way out (direct or through a proxy, with the system's or a given trust),
/// each request waited for with a deadline for the whole exchange, head and body, that a
/// slow answer cannot stretch. Redirects are never followed (a signed request must not go
/// to another host), and an answer over `HTTPExchange.maximumAnswerBytes` is refused as it
/// arrives. A connection that cannot be made fails its request at once (AsyncHTTPClient
/// would otherwise try again until the deadline): `AWSClient` decides what is tried again.
public struct SharedHTTPClient: HTTPTransport {
    public var timeout: TimeAmount
    public var network: NetworkSettings

    public init(timeout: TimeAmount = .seconds(60), network: NetworkSettings = NetworkSettings()) {
        (self.timeout, self.network) = (timeout, network)
    }

    /// What tells one client from another.
    private struct Route: Hashable {
        var proxy: NetworkSettings.Proxy?
        var caBundle: String?
    }

    /// Live as long as the process, so never shut down.
    private static let clients = NIOLockedValueBox<[Route: HTTPClient]>([:])

    private static func client(for route: Route) throws -> HTTPClient {
        try clients.withLockedValue { clients in
            if let client = clients[route] { return client }
            var configuration = HTTPClient.Configuration(
                redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60)))
            configuration.connectionPool.retryConnectionEstablishment = false
            if let proxy = route.proxy {
                let authorization = proxy.user.map { HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "") }
                configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
            }
            if let bundle = route.caBundle {
                guard let certificates = try? NIOSSLCertificate.fromPEMFile(bundle), !certificates.isEmpty else {
                    throw HTTPExchange.Failure(
                        .refused, "the CA bundle \(bundle) (AWS_CA_BUNDLE or the profile's ca_bundle) holds no readable PEM certificate")
                }
                var tls = TLSConfiguration.makeClientConfiguration()
                tls.trustRoots = .certificates(certificates)
                configuration.tlsConfiguration = tls
            }
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            clients[route] = client
            return client
        }
    }

    public func send(_ request: HTTPExchange.Request) throws -> HTTPExchange.Response {
        let route = Route(proxy: network.proxy(for: request.url), caBundle: network.caBundle)
        let client = try Self.client(for: route)
        let outgoing = try HTTPClient.Request(
            url: request.url, method: HTTPMethod(rawValue: request.method),
            headers: HTTPHeaders(request.headers.map { ($0.name, $0.value) }), body: .bytes(request.body))
        let accumulator = ResponseAccumulator(request: outgoing, maxBodySize: HTTPExchange.maximumAnswerBytes)
        let endpoint = "\"\(request.url.absoluteString)\"" + (route.proxy.map { " through the proxy \($0)" } ?? "")
        let response: HTTPClient.Response
        do {
            response = try client.execute(request: outgoing, delegate: accumulator, deadline: .now() + timeout).wait()
        } catch is ResponseAccumulator.ResponseTooBigError {
            throw HTTPExchange.Failure(
                .refused,
                "the answer from \(endpoint) is larger than \(HTTPExchange.maximumAnswerBytes >> 20) MiB; orgprofile reads no more")
        } catch let error as HTTPClientError
            where [HTTPClientError.deadlineExceeded, .readTimeout, .connectTimeout].contains(error)
        {
            let seconds = timeout.nanoseconds / 1_000_000_000
            throw HTTPExchange.Failure(.timeout, "timed out: no whole answer from \(endpoint) within \(seconds) s")
        } catch {
            throw HTTPExchange.Failure(.connection, "Could not connect to the endpoint URL: \(endpoint) (\(error))")
        }
        return HTTPExchange.Response(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: response.body.map { Array($0.readableBytesView) } ?? [])
    }
}
