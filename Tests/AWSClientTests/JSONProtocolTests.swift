import Foundation
import Support
import Testing

@testable import AWSClient

/// Endpoints as the AWS CLI finds them, the JSON 1.1 request of a call given as the CLI is
/// given it, error answers as the CLI words them, pages joined, credentials read.
@Suite struct JSONProtocolTests {
    @Test func endpointsPerPartitionAndOrganizationsGlobal() {
        let cases: [(AWSService, String, String, String)] = [
            (.ssoAdmin, "eu-west-1", "https://sso.eu-west-1.amazonaws.com", "eu-west-1"),
            (.identityStore, "ap-southeast-2", "https://identitystore.ap-southeast-2.amazonaws.com", "ap-southeast-2"),
            (.organizations, "eu-west-1", "https://organizations.us-east-1.amazonaws.com", "us-east-1"),
            (.ssoAdmin, "cn-north-1", "https://sso.cn-north-1.amazonaws.com.cn", "cn-north-1"),
            (.organizations, "cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
            (.organizations, "us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
            (.identityStore, "us-gov-west-1", "https://identitystore.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
        ]
        for (service, region, url, signing) in cases {
            let endpoint = AWSEndpoint.resolve(service, region: region, environment: [:])
            #expect(endpoint == AWSEndpoint(url: URL(string: url)!, signingRegion: signing), "\(service.name) \(region)")
        }
    }

    @Test func endpointsFromTheEnvironment() {
        let environment = ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_ENDPOINT_URL_SSO_ADMIN": "http://localhost:6000/"]
        #expect(
            AWSEndpoint.resolve(.ssoAdmin, region: "eu-west-1", environment: environment).url.absoluteString == "http://localhost:6000/")
        let organizations = AWSEndpoint.resolve(.organizations, region: "eu-west-1", environment: environment)
        #expect(organizations == AWSEndpoint(url: URL(string: "http://127.0.0.1:5000")!, signingRegion: "eu-west-1"))
        #expect(organizations.host == "127.0.0.1:5000")
        var ignored = environment
        ignored["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "TRUE"
        #expect(
            AWSEndpoint.resolve(.ssoAdmin, region: "eu-west-1", environment: ignored).url.absoluteString
                == "https://sso.eu-west-1.amazonaws.com")
        #expect(AWSEndpoint.resolve(.ssoAdmin, region: "eu-west-1", environment: [:]).host == "sso.eu-west-1.amazonaws.com")
    }

    /// The environment first, then the config file's service section, then its profile's
    /// `endpoint_url`; none of them when either says to ignore them.
    @Test func endpointsFromTheConfigFile() {
        let configured = ConfiguredEndpoints(profile: "http://profile:1", services: ["sso_admin": "http://services:2"])
        #expect(
            AWSEndpoint.resolve(.ssoAdmin, region: "eu-west-1", environment: [:], configured: configured).url.absoluteString
                == "http://services:2")
        #expect(
            AWSEndpoint.resolve(.organizations, region: "eu-west-1", environment: [:], configured: configured)
                == AWSEndpoint(url: URL(string: "http://profile:1")!, signingRegion: "eu-west-1"))
        #expect(
            AWSEndpoint.resolve(
                .ssoAdmin, region: "eu-west-1", environment: ["AWS_ENDPOINT_URL": "http://environment:3"], configured: configured
            )
            .url.absoluteString == "http://environment:3")
        var ignored = configured
        ignored.ignore = true
        #expect(
            AWSEndpoint.resolve(.ssoAdmin, region: "eu-west-1", environment: [:], configured: ignored).url.absoluteString
                == "https://sso.eu-west-1.amazonaws.com")
    }

    @Test func aRequestAsJSONAndAsTheAWSCLIIsGivenIt() {
        let request = AWSRequest(
            .ssoAdmin, "ListAccountAssignments",
            ["InstanceArn": "arn:aws:sso:::instance/ssoins-1", "AccountId": "111111111111", "PermissionSetArn": "ps/Zoë"])
        let call = JSONProtocol(request: request)
        #expect(call.target == "SWBExternalService.ListAccountAssignments")
        #expect(
            String(decoding: call.body(nextToken: nil), as: UTF8.self)
                == #"{"AccountId":"111111111111","InstanceArn":"arn:aws:sso:::instance/ssoins-1","PermissionSetArn":"ps/Zoë"}"#)
        #expect(
            String(decoding: call.body(nextToken: "t+1"), as: UTF8.self).hasSuffix(#","NextToken":"t+1","PermissionSetArn":"ps/Zoë"}"#))
        #expect(
            request.awsArguments == [
                "sso-admin", "list-account-assignments", "--instance-arn", "arn:aws:sso:::instance/ssoins-1", "--account-id",
                "111111111111", "--permission-set-arn", "ps/Zoë",
            ])
        #expect(call.name == "sso-admin list-account-assignments")
        let store = AWSRequest(.identityStore, "ListGroupMemberships", ["IdentityStoreId": "d-1", "GroupId": "g"])
        #expect(JSONProtocol(request: store).target == "AWSIdentityStore.ListGroupMemberships")
        #expect(store.awsArguments == ["identitystore", "list-group-memberships", "--identity-store-id", "d-1", "--group-id", "g"])
        #expect(JSONProtocol(request: AWSRequest(.organizations, "ListRoots")).body(nextToken: nil) == Array("{}".utf8))
        // Typed values keep their type in the body; the AWS CLI takes a number as its text,
        // a Boolean as a flag.
        let typed = AWSRequest(.ssoAdmin, "ListInstances", ["MaxResults": .integer(5), "Verbose": .bool(false)])
        #expect(String(decoding: JSONProtocol(request: typed).body(nextToken: nil), as: UTF8.self) == #"{"MaxResults":5,"Verbose":false}"#)
        #expect(typed.awsArguments == ["sso-admin", "list-instances", "--max-results", "5", "--no-verbose"])
    }

    @Test func errorsAsTheAWSCLIWordsThem() {
        let call = JSONProtocol(request: AWSRequest(.organizations, "DescribeOrganization"))
        let denied = call.page(
            status: 400, errorType: nil,
            body: Array(#"{"__type":"com.amazonaws.organizations#AccessDeniedException","Message":"You don't have permissions"}"#.utf8))
        guard case .failure(let failure) = denied else {
            Issue.record("not a failure")
            return
        }
        #expect(failure == .init(status: 400, code: "AccessDeniedException", message: "You don't have permissions"))
        #expect(!failure.isThrottling && !failure.isTransient)
        #expect(
            call.describe(failure)
                == "An error occurred (AccessDeniedException) when calling the DescribeOrganization operation: You don't have permissions")
        let throttled = call.page(
            status: 400, errorType: "ThrottlingException:http://internal", body: Array(#"{"message":"Rate exceeded"}"#.utf8))
        guard case .failure(let slow) = throttled else {
            Issue.record("not a failure")
            return
        }
        #expect(slow.code == "ThrottlingException" && slow.message == "Rate exceeded" && slow.isThrottling)
        guard case .failure(let tooMany) = call.page(status: 429, errorType: nil, body: []) else {
            Issue.record("not a failure")
            return
        }
        #expect(tooMany.isThrottling)
        guard case .failure(let unavailable) = call.page(status: 503, errorType: nil, body: Array("<html>".utf8)) else {
            Issue.record("not a failure")
            return
        }
        #expect(unavailable.isTransient && unavailable.code == "HTTP 503" && unavailable.message == "HTTP 503 Service Unavailable")
        guard case .success(let body) = call.page(status: 200, errorType: nil, body: Array(#"{"Roots":[]}"#.utf8)) else {
            Issue.record("not a success")
            return
        }
        #expect(body == Array(#"{"Roots":[]}"#.utf8))
    }

    /// A list answer, as the live reader's are.
    struct Users: AWSAnswer {
        var Users: [Int]
        var IdentityStoreId: String?
        mutating func append(_ page: Self) { Users += page.Users }
    }

    /// Each page decoded into the answer's type, the pages' items joined in order, each
    /// request carrying the token of the page before; a page that is not the answer's JSON
    /// is a decoding error.
    @Test func pagesJoined() throws {
        let pages = [
            #"{"Users":[1,2],"NextToken":"a","IdentityStoreId":"d"}"#, #"{"Users":[3],"NextToken":"b"}"#, #"{"Users":[]}"#,
        ]
        let transport = PagingTransport { number in .init(status: 200, body: Array(pages[number - 1].utf8)) }
        let whole = try Self.client(transport).call(AWSRequest(.identityStore, "ListUsers", ["IdentityStoreId": "d"]), as: Users.self)
        #expect(whole.Users == [1, 2, 3] && whole.IdentityStoreId == "d")
        #expect(transport.requests == 3)
        let wrong = PagingTransport { _ in .init(status: 200, body: Array(#"{"Users":"x"}"#.utf8)) }
        #expect(throws: DecodingError.self) { try Self.client(wrong).call(AWSRequest(.identityStore, "ListUsers"), as: Users.self) }
    }

    @Test func credentialsFromTheAWSCLIAndTheEnvironment() throws {
        let output =
            #"{"Version": 1, "AccessKeyId": "ASIAX", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2026-12-01T21:00:00+00:00"}"#
        let credentials = try #require(CredentialSource.decodeProcessOutput(Array(output.utf8)))
        #expect(credentials.accessKeyID == "ASIAX" && credentials.sessionToken == "t")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_796_158_800))
        let longTerm = #"{"Version": 1, "AccessKeyId": "AKIAX", "SecretAccessKey": "s"}"#
        #expect(CredentialSource.decodeProcessOutput(Array(longTerm.utf8))?.expiration == nil)
        #expect(CredentialSource.decodeProcessOutput(Array(#"{"Version": 2}"#.utf8)) == nil)
        #expect(CredentialSource.environment(["AWS_ACCESS_KEY_ID": "AKIAX"]) == nil)
        let environment = try #require(
            CredentialSource.environment(["AWS_ACCESS_KEY_ID": "AKIAX", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": ""]))
        #expect(try environment.current() == AWSCredentials(accessKeyID: "AKIAX", secretAccessKey: "s"))
    }

    /// Temporary credentials are fetched again when less than five minutes are left.
    @Test func credentialsFetchedAgainBeforeTheyExpire() throws {
        final class Count: @unchecked Sendable { var value = 0 }
        let count = Count()
        let start = Date(timeIntervalSince1970: 1_000_000)
        let source = CredentialSource {
            count.value += 1
            return AWSCredentials(accessKeyID: "ASIA\(count.value)", secretAccessKey: "s", expiration: start.addingTimeInterval(3600))
        }
        #expect(try source.current(now: start).accessKeyID == "ASIA1")
        #expect(try source.current(now: start.addingTimeInterval(3000)).accessKeyID == "ASIA1")
        #expect(try source.current(now: start.addingTimeInterval(3400)).accessKeyID == "ASIA2")
        source.expire()
        #expect(try source.current(now: start).accessKeyID == "ASIA3")
    }

    /// Answers every request with the next page `answer` makes, counting requests.
    final class PagingTransport: HTTPTransport, @unchecked Sendable {
        let lock = NSLock()
        var requests = 0
        let answer: (Int) -> HTTPExchange.Response

        init(_ answer: @escaping (Int) -> HTTPExchange.Response) { self.answer = answer }

        func send(_ request: HTTPExchange.Request) throws -> HTTPExchange.Response {
            let number = lock.withLock {
                requests += 1
                return requests
            }
            return answer(number)
        }
    }

    static func client(_ transport: HTTPTransport) -> AWSClient {
        AWSClient(
            region: "us-east-1",
            credentials: try! #require(CredentialSource.environment(["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"])),
            environment: [:], transport: transport, maxAttempts: 1, sleep: { _ in })
    }

    /// A service that pages without end is read to a cap, then the call fails naming itself.
    @Test func endlessPagingStopsAtTheCap() throws {
        let transport = PagingTransport { number in
            .init(status: 200, body: Array(#"{"Users":[],"NextToken":"page-\#(number)"}"#.utf8))
        }
        #expect(throws: AWSClient.Failure.self) {
            try Self.client(transport).call(AWSRequest(.identityStore, "ListUsers", ["IdentityStoreId": "d"]), as: Users.self)
        }
        #expect(transport.requests == AWSClient.maximumPages)
        let again = PagingTransport { _ in .init(status: 200, body: Array(#"{"Users":[],"NextToken":"same"}"#.utf8)) }
        do {
            _ = try Self.client(again).call(AWSRequest(.identityStore, "ListUsers", ["IdentityStoreId": "d"]), as: Users.self)
            Issue.record("no failure")
        } catch let failure as AWSClient.Failure {
            #expect(
                failure.message
                    == "identitystore list-users answered the same NextToken twice; a service that pages without end is not read further")
        }
        #expect(again.requests == 2)
    }

    /// Pages that are each small but add up past the call's cap.
    @Test func aCallsPagesAreCappedTogether() throws {
        let filler = String(repeating: "x", count: 1 << 20)
        let transport = PagingTransport { number in
            .init(status: 200, body: Array(#"{"Users":[],"Filler":"\#(filler)","NextToken":"page-\#(number)"}"#.utf8))
        }
        do {
            _ = try Self.client(transport).call(AWSRequest(.identityStore, "ListUsers"), as: Users.self)
            Issue.record("no failure")
        } catch let failure as AWSClient.Failure {
            #expect(failure.message == "identitystore list-users answered more than 64 MiB in all; orgprofile reads no more of it")
        }
        #expect(transport.requests == 64)
    }
}
