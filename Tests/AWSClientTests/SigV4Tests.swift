import Foundation
import TestSupport
import Testing

@testable import AWSClient

/// Signature Version 4 against AWS's published test vectors (aws-sig-v4-test-suite: the
/// request, and the signature AWS publishes for it) and against botocore's `SigV4Auth`
/// signing the same requests.
@Suite struct SigV4Tests {
    /// The suite's credentials, date, region and service.
    static let suite = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var request: SigV4.Request
        var signedHeaders: String
        var signature: String
        var testDescription: String { name }
    }

    static func request(
        _ method: String = "GET", path: String = "/", query: [(String, String)] = [], headers: [(String, String)] = [], body: String = ""
    ) -> SigV4.Request {
        SigV4.Request(
            method: method, host: "example.amazonaws.com", path: path, query: query.map { (name: $0.0, value: $0.1) },
            headers: headers.map { (name: $0.0, value: $0.1) }, body: Array(body.utf8))
    }

    static let vectors: [Vector] = [
        Vector(
            name: "get-vanilla", request: request(), signedHeaders: "host;x-amz-date",
            signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(
            name: "post-vanilla", request: request("POST"), signedHeaders: "host;x-amz-date",
            signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Vector(
            name: "get-unreserved", request: request(path: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
            signedHeaders: "host;x-amz-date", signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        Vector(
            name: "get-slashes", request: request(path: "//example//"), signedHeaders: "host;x-amz-date",
            signature: "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
        Vector(
            name: "get-vanilla-query-order-key-case", request: request(query: [("Param2", "value2"), ("Param1", "value1")]),
            signedHeaders: "host;x-amz-date", signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(
            name: "get-vanilla-query-order-value", request: request(query: [("Param1", "value2"), ("Param1", "value1")]),
            signedHeaders: "host;x-amz-date", signature: "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
        Vector(
            name: "get-vanilla-utf8-query", request: request(query: [("\u{1234}", "bar")]), signedHeaders: "host;x-amz-date",
            signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        Vector(
            name: "get-header-value-order",
            request: request(headers: [
                ("My-Header1", "value4"), ("My-Header1", "value1"), ("My-Header1", "value3"), ("My-Header1", "value2"),
            ]),
            signedHeaders: "host;my-header1;x-amz-date", signature: "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
        Vector(
            name: "get-header-key-duplicate",
            request: request(headers: [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")]),
            signedHeaders: "host;my-header1;x-amz-date", signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        Vector(
            name: "get-header-value-trim", request: request(headers: [("My-Header1", " value1"), ("My-Header2", "\"a   b   c\"")]),
            signedHeaders: "host;my-header1;my-header2;x-amz-date",
            signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Vector(
            name: "post-x-www-form-urlencoded",
            request: request("POST", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "Param1=value1"),
            signedHeaders: "content-type;host;x-amz-date", signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
    ]

    @Test(arguments: vectors) func publishedVector(_ vector: Vector) {
        let headers = SigV4.headers(
            for: vector.request, credentials: Self.suite, region: "us-east-1", service: "service", date: Self.suiteDate)
        #expect(headers.map(\.name) == ["X-Amz-Date", "Authorization"])
        #expect(headers[0].value == "20150830T123600Z")
        #expect(
            headers[1].value
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=\(vector.signedHeaders), Signature=\(vector.signature)"
        )
    }

    /// The suite's get-vanilla request signed with a session token: the token is a signed header.
    @Test func sessionTokenVector() {
        var credentials = Self.suite
        credentials.sessionToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
        let headers = SigV4.headers(
            for: Self.request(), credentials: credentials, region: "us-east-1", service: "service", date: Self.suiteDate)
        #expect(headers.map(\.name) == ["X-Amz-Date", "X-Amz-Security-Token", "Authorization"])
        #expect(headers[1].value == credentials.sessionToken)
        #expect(
            headers[2].value.hasSuffix(
                "SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"
            ))
    }

    /// Paths as sent (percent-encoded) are encoded once more, as botocore does for every
    /// service but S3 (the suite's get-space and get-utf8 put raw characters on the request
    /// line, which no HTTP client sends, and so are not among the vectors above); empty and
    /// dot segments go.
    @Test func canonicalPaths() {
        #expect(SigV4.canonicalPath("/example%20space/") == "/example%2520space/")
        #expect(SigV4.canonicalPath("/%E1%88%B4") == "/%25E1%2588%25B4")
        #expect(SigV4.canonicalPath("//example//") == "/example/")
        #expect(SigV4.canonicalPath("/example/..") == "/")
        #expect(SigV4.canonicalPath("/./example/./a/../b") == "/example/b")
        #expect(SigV4.canonicalPath("") == "/")
    }

    /// The signing key of AWS's documented derivation example (IAM, us-east-1, 2012-02-15).
    @Test func documentedSigningKey() {
        let key = SigV4.signingKey(secret: Self.suite.secretAccessKey, day: "20120215", region: "us-east-1", service: "iam")
        #expect(key.withUnsafeBytes { SigV4.hex($0) } == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    /// The suite's published canonical request and string to sign of get-vanilla.
    @Test func canonicalRequestAndStringToSignOfGetVanilla() {
        let signed = SigV4.sign(Self.request(), credentials: Self.suite, region: "us-east-1", service: "service", date: Self.suiteDate)
        #expect(
            signed.canonicalRequest
                == "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
        #expect(
            signed.stringToSign
                == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"
        )
    }

    @Test func credentialsAreNeverPrinted() {
        let credentials = AWSCredentials(
            accessKeyID: "ASIAEXAMPLEKEYID1234", secretAccessKey: "secret/EXAMPLE+key", sessionToken: "token-EXAMPLE")
        for text in ["\(credentials)", String(describing: credentials), String(reflecting: credentials), "\([credentials])"] {
            #expect(!text.contains("secret/EXAMPLE+key") && !text.contains("token-EXAMPLE") && !text.contains("EXAMPLEKEYID"))
        }
    }

    /// The requests orgprofile sends (JSON 1.1 POSTs to the three services, a host with a
    /// port, names outside ASCII, a session token) and a few of other shapes, signed by
    /// botocore at the same instant: the same headers, byte for byte.
    @Test(.enabled(if: python3WithBotocore, "python3 with botocore is not installed")) func sameAsBotocore() throws {
        let token = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ=="
        let json = "application/x-amz-json-1.1"
        struct Case {
            var service, region, host: String
            var request: SigV4.Request
            var token: String?
        }
        func post(_ host: String, _ target: String, _ body: String, port: Int? = nil) -> SigV4.Request {
            SigV4.Request(
                method: "POST", host: port.map { "\(host):\($0)" } ?? host, path: "/",
                headers: [("Content-Type", json), ("X-Amz-Target", target), ("User-Agent", "orgprofile/0.1.0")], body: Array(body.utf8))
        }
        let cases = [
            Case(
                service: "sso", region: "eu-west-1", host: "sso.eu-west-1.amazonaws.com",
                request: post("sso.eu-west-1.amazonaws.com", "SWBExternalService.ListInstances", "{}"), token: nil),
            Case(
                service: "sso", region: "eu-west-1", host: "sso.eu-west-1.amazonaws.com",
                request: post(
                    "sso.eu-west-1.amazonaws.com", "SWBExternalService.ListAccountAssignments",
                    #"{"AccountId":"111111111111","InstanceArn":"arn:aws:sso:::instance/ssoins-1","PermissionSetArn":"arn:aws:sso:::permissionSet/ssoins-1/ps-1","NextToken":"a+b/c=="}"#
                ), token: token),
            Case(
                service: "identitystore", region: "us-east-1", host: "identitystore.us-east-1.amazonaws.com",
                request: post(
                    "identitystore.us-east-1.amazonaws.com", "AWSIdentityStore.ListUsers",
                    #"{"IdentityStoreId":"d-1234567890","Filters":[{"AttributePath":"UserName","AttributeValue":"Zoë 名前 \"q\""}]}"#),
                token: token),
            Case(
                service: "organizations", region: "us-east-1", host: "organizations.us-east-1.amazonaws.com",
                request: post("organizations.us-east-1.amazonaws.com", "AWSOrganizationsV20161128.ListAccounts", "{}"), token: nil),
            Case(
                service: "sso", region: "us-east-1", host: "127.0.0.1:49152",
                request: post("127.0.0.1", "SWBExternalService.ListPermissionSets", #"{"InstanceArn":"arn"}"#, port: 49152), token: token),
            Case(
                service: "service", region: "us-east-1", host: "example.amazonaws.com",
                request: SigV4.Request(
                    method: "GET", host: "example.amazonaws.com", path: "/a%20b/%C3%BC/../c/",
                    query: [("b", "2 3"), ("a", "é/+"), ("a", "")],
                    headers: [("X-Custom", "  one   two\tthree "), ("Expect", "100-continue")]), token: nil),
        ]
        let date = Date(timeIntervalSince1970: 1_767_225_599)  // 2025-12-31T23:59:59Z
        var input: [[String: Any]] = []
        for item in cases {
            var components = URLComponents()
            components.scheme = "https"
            components.percentEncodedHost = item.host.split(separator: ":").first.map(String.init)
            components.port = item.host.split(separator: ":").dropFirst().first.flatMap { Int($0) }
            components.percentEncodedPath = item.request.path
            if !item.request.query.isEmpty {
                components.percentEncodedQuery = item.request.query.map { "\(SigV4.encode($0.name))=\(SigV4.encode($0.value))" }
                    .joined(separator: "&")
            }
            var entry: [String: Any] = [
                "method": item.request.method, "url": components.string!, "headers": item.request.headers.map { [$0.name, $0.value] },
                "body": String(decoding: item.request.body, as: UTF8.self), "access_key": "AKIAIOSFODNN7EXAMPLE",
                "secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "region": item.region, "service": item.service,
                "time": "20251231T235959Z",
            ]
            if let token = item.token { entry["token"] = token }
            input.append(entry)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", packageRoot.appendingPathComponent("Tests/AWSClientTests/Fixtures/botocore-sign.py").path]
        let (stdin, stdout) = (Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let expected = try #require(try JSONSerialization.jsonObject(with: output) as? [[String: String]])
        try #require(expected.count == cases.count)
        for (item, botocore) in zip(cases, expected) {
            let credentials = AWSCredentials(
                accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", sessionToken: item.token)
            let ours = SigV4.headers(for: item.request, credentials: credentials, region: item.region, service: item.service, date: date)
            #expect(Dictionary(uniqueKeysWithValues: ours.map { ($0.name, $0.value) }) == botocore, "\(item.request.method) \(item.host)")
        }
    }
}
