import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP exchange, the calling thread waiting for it: the reader's calls run on worker
/// threads (`Parallel.map`), each one request at a time.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPExchange.Request) throws -> HTTPExchange.Response
}

public enum HTTPExchange {
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

    /// The connection failed, or no answer came in time: worth trying again.
    public struct ConnectionFailure: Error, CustomStringConvertible {
        public var description: String
    }
}

/// One AsyncHTTPClient for the process (connections kept open and reused, TLS by
/// SwiftNIO), each request waited for with a deadline. A connection that cannot be made
/// fails its request at once (AsyncHTTPClient would otherwise try again until the deadline):
/// `AWSClient` decides what is tried again.
public struct SharedHTTPClient: HTTPTransport {
    public var timeout: TimeAmount

    public init(timeout: TimeAmount = .seconds(60)) {
        self.timeout = timeout
    }

    /// Lives as long as the process, so never shut down.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(60)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public func send(_ request: HTTPExchange.Request) throws -> HTTPExchange.Response {
        let outgoing = try HTTPClient.Request(
            url: request.url, method: HTTPMethod(rawValue: request.method),
            headers: HTTPHeaders(request.headers.map { ($0.name, $0.value) }), body: .bytes(request.body))
        let response: HTTPClient.Response
        do {
            response = try Self.client.execute(request: outgoing, deadline: .now() + timeout).wait()
        } catch {
            throw HTTPExchange.ConnectionFailure(
                description: "Could not connect to the endpoint URL: \"\(request.url.absoluteString)\" (\(error))")
        }
        return HTTPExchange.Response(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: response.body.map { Array($0.readableBytesView) } ?? [])
    }
}
