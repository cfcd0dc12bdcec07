import Crypto
import Foundation
import Support

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`), as botocore's `SigV4Auth` computes it for
/// the services that normalise paths (every service but S3): the canonical request, the
/// string to sign, the signing key derived from the date, region and service, and the
/// `Authorization` header. Signed headers are every header given but the hop-by-hop ones and
/// `User-Agent`, plus `Host` and `X-Amz-Date`, plus `X-Amz-Security-Token` with a session
/// token.
public enum SigV4 {
    /// A request to sign: the path as sent (percent-encoded), the query's names and values as
    /// text (not yet encoded), the headers in order (a name may repeat).
    public struct Request: Sendable {
        public var method: String
        /// `host` or `host:port`, as the `Host` header says it.
        public var host: String
        public var path: String
        public var query: [(name: String, value: String)]
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(
            method: String, host: String, path: String = "/", query: [(name: String, value: String)] = [],
            headers: [(name: String, value: String)] = [], body: [UInt8] = []
        ) {
            (self.method, self.host, self.path, self.query, self.headers, self.body) = (method, host, path, query, headers, body)
        }
    }

    /// Headers a proxy or the HTTP client may change, which botocore leaves unsigned.
    static let unsignedHeaders: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// The headers to send with the request, beyond its own: `X-Amz-Date`, the session
    /// token when there is one, and `Authorization`.
    public static func headers(
        for request: Request, credentials: AWSCredentials, region: String, service: String, date: Date
    ) -> [(name: String, value: String)] {
        let parts = sign(request, credentials: credentials, region: region, service: service, date: date)
        return parts.added + [("Authorization", parts.authorization)]
    }

    /// Every step, for tests that compare them one by one.
    struct Signature {
        var canonicalRequest: String
        var stringToSign: String
        var signedHeaders: String
        var signature: String
        var authorization: String
        /// `X-Amz-Date`, and `X-Amz-Security-Token` with a session token.
        var added: [(name: String, value: String)]
    }

    static func sign(_ request: Request, credentials: AWSCredentials, region: String, service: String, date: Date) -> Signature {
        let timestamp = Self.timestamp(date)
        let day = String(timestamp.prefix(8))
        var added = [(name: "X-Amz-Date", value: timestamp)]
        if let token = credentials.sessionToken { added.append((name: "X-Amz-Security-Token", value: token)) }
        // Lowercased names, values trimmed and inner runs of white space made one space; a
        // repeated name's values joined by commas in the order given.
        var values: [String: [String]] = ["host": [request.host]]
        for (name, value) in request.headers + added {
            let key = name.lowercased()
            guard !unsignedHeaders.contains(key), key != "host" else { continue }
            values[key, default: []].append(value.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        }
        let names = values.keys.sorted()
        let signedHeaders = names.joined(separator: ";")
        let canonicalHeaders = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        let query = request.query.map { (name: encode($0.name), value: encode($0.value)) }
            .sorted { ($0.name, $0.value) < ($1.name, $1.value) }
            .map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        let canonicalRequest = [
            request.method, canonicalPath(request.path), query, canonicalHeaders, signedHeaders, hex(SHA256.hash(data: request.body)),
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", timestamp, scope, hex(SHA256.hash(data: Array(canonicalRequest.utf8)))]
            .joined(separator: "\n")
        let key = signingKey(secret: credentials.secretAccessKey, day: day, region: region, service: service)
        let signature = hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signedHeaders: signedHeaders, signature: signature,
            authorization: authorization, added: added)
    }

    /// The key of one day, region and service: HMAC-SHA256 chained from `AWS4` and the secret.
    static func signingKey(secret: String, day: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(secret)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// The path as sent without empty and `.` segments, `..` taking the one before it away
    /// (RFC 3986's dot-segment removal), each segment percent-encoded again (`%` as `%25`):
    /// AWS's rule for every service but S3, as botocore applies it.
    static func canonicalPath(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
            } else {
                segments.append(segment)
            }
        }
        let leading = path.hasPrefix("/") ? "/" : ""
        let trailing = path.hasSuffix("/") && !segments.isEmpty ? "/" : ""
        return leading + segments.map { encode(String($0)) }.joined(separator: "/") + trailing
    }

    /// RFC 3986 percent-encoding of UTF-8, upper-case hex; letters, digits and `-._~` as they are.
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return result
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    static func timestamp(_ date: Date) -> String { UTCTime.compact(date) }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
