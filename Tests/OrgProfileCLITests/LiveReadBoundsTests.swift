import Foundation
import TestSupport
import Testing

/// The in-process reader against endpoints that misbehave (Fixtures/hostile-aws.py): every
/// read ends, with one clear message, and nothing signed goes anywhere but the endpoint.
@Suite(.serialized) struct LiveReadBoundsTests {
    /// Runs `snapshot` in-process against a hostile endpoint in `mode`.
    func snapshot(
        _ mode: String, _ extra: [String] = [], arguments: [String] = [], environment more: [String: String] = [:]
    ) throws -> (result: RunResult, seconds: Double, log: String, folder: String) {
        let folder = try temporaryFolder()
        let (server, endpoint) = try fixtureServer("hostile-aws.py", [mode] + extra + ["--log", folder + "/requests.log"])
        defer { server.stop() }
        var environment = MotoServer.baseEnvironment
        environment["AWS_ENDPOINT_URL"] = endpoint
        environment["AWS_SECRET_ACCESS_KEY"] = "secret-NEVER-SHOWN"
        environment["AWS_SESSION_TOKEN"] = "token-NEVER-SHOWN"
        environment.merge(more) { _, new in new }
        let started = Date()
        let result = try run(
            binary, ["snapshot", "--calls", "in-process", "--output", "snapshot.json"] + arguments, in: folder, environment: environment)
        let log = (try? String(contentsOfFile: folder + "/requests.log", encoding: .utf8)) ?? ""
        return (result, Date().timeIntervalSince(started), log, folder)
    }

    func expectFailedCleanly(_ run: (result: RunResult, seconds: Double, log: String, folder: String)) {
        #expect(run.result.status == 74, "\(run.result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: run.folder + "/snapshot.json"))
        #expect(!(run.result.stdout + run.result.stderr).contains("NEVER-SHOWN"))
        #expect(run.result.stderr.components(separatedBy: "\n").count <= 3, "\(run.result.stderr)")
        try? FileManager.default.removeItem(atPath: run.folder)
    }

    /// A redirect is an error naming the status and the host; the signed request never
    /// reaches the host it points to.
    @Test func aRedirectIsNeverFollowed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (elsewhere, elsewhereEndpoint) = try fixtureServer("hostile-aws.py", ["record", "--log", folder + "/elsewhere.log"])
        defer { elsewhere.stop() }
        let target = elsewhereEndpoint.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "/steal"
        let run = try snapshot("redirect", [target])
        #expect(run.result.stderr.contains("answered HTTP 301 (Moved Permanently), a redirect to localhost"), "\(run.result.stderr)")
        #expect(run.result.stderr.contains("follows no redirect"), "\(run.result.stderr)")
        #expect(!run.log.isEmpty)
        #expect(((try? String(contentsOfFile: folder + "/elsewhere.log", encoding: .utf8)) ?? "").isEmpty)
        expectFailedCleanly(run)
    }

    @Test func theSameNextTokenTwiceEndsTheRead() throws {
        let run = try snapshot("same-token")
        #expect(run.result.stderr.contains("sso-admin list-instances answered the same NextToken twice"), "\(run.result.stderr)")
        #expect(run.log.split(separator: "\n").count == 2)
        expectFailedCleanly(run)
    }

    @Test func aHugeAnswerIsRefusedAsItArrives() throws {
        let run = try snapshot("huge")
        #expect(run.result.stderr.contains("is larger than 32 MiB"), "\(run.result.stderr)")
        expectFailedCleanly(run)
    }

    /// A server that sends one byte a second: each try ends at the deadline, a timeout is
    /// tried once more, and the message says it timed out.
    @Test func aSlowAnswerTimesOutWithinTwiceTheDeadline() throws {
        let run = try snapshot("slow", arguments: ["--timeout", "2"], environment: ["AWS_MAX_ATTEMPTS": "5"])
        #expect(run.result.stderr.contains("timed out: no whole answer from"), "\(run.result.stderr)")
        #expect(!run.result.stderr.contains("Could not connect"), "\(run.result.stderr)")
        #expect(run.log.split(separator: "\n").count == 2)
        // Two tries of 2 s and one wait of at most 1 s; far below the 5 x 60 s it once took.
        #expect(run.seconds < 30, "\(run.seconds) s")
        expectFailedCleanly(run)
    }

    @Test func anHTMLErrorPageIsItsStatus() throws {
        let run = try snapshot("html500")
        #expect(
            run.result.stderr.contains(
                "An error occurred (HTTP 500) when calling the ListInstances operation: HTTP 500 Internal Server Error"),
            "\(run.result.stderr)")
        #expect(!run.result.stderr.contains("<"))
        expectFailedCleanly(run)
    }

    /// AWS's message: its first line, at most 300 characters, escapes shown, never sent.
    @Test func anErrorMessageIsOneShortEscapedLine() throws {
        let run = try snapshot("hostile")
        #expect(!run.result.stderr.contains("\u{1B}") && !run.result.stderr.contains("\u{07}"), "\(run.result.stderr)")
        #expect(run.result.stderr.contains("Denied \\u{1B}]0;owned\\u{7}\\u{1B}[2J"), "\(run.result.stderr)")
        #expect(!run.result.stderr.contains("second line"))
        #expect(run.result.stderr.count < 600, "\(run.result.stderr.count)")
        expectFailedCleanly(run)
    }

    /// AWS_CA_BUNDLE (or the profile's ca_bundle) is the trust of an https endpoint, as for
    /// the AWS CLI: a server whose certificate only the bundle vouches for is reached with it
    /// and refused without it.
    @Test func theCABundleIsTheTrust() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let made = try run(
            "/usr/bin/env",
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-addext",
                "subjectAltName=DNS:localhost", "-days", "1", "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem",
            ])
        try #require(made.status == 0, "\(made.stderr)")
        let (server, endpoint) = try fixtureServer("hostile-aws.py", ["record", "--tls", folder + "/cert.pem", folder + "/key.pem"])
        defer { server.stop() }
        let https = endpoint.replacingOccurrences(of: "http://127.0.0.1", with: "https://localhost")
        var environment = MotoServer.baseEnvironment
        environment["AWS_ENDPOINT_URL"] = https
        let untrusted = try run(binary, ["snapshot", "--calls", "in-process", "--output", "s.json"], in: folder, environment: environment)
        #expect(untrusted.status == 74)
        #expect(untrusted.stderr.contains("Could not connect to the endpoint URL: \"\(https)\""), "\(untrusted.stderr)")
        environment["AWS_CA_BUNDLE"] = folder + "/cert.pem"
        let trusted = try run(binary, ["snapshot", "--calls", "in-process", "--output", "s.json"], in: folder, environment: environment)
        // The call was answered (no instance here), so the bundle's certificate was trusted.
        #expect(!trusted.stderr.contains("Could not connect"), "\(trusted.stderr)")
        #expect(trusted.stderr.contains("no IAM Identity Center instance in this account and region"), "\(trusted.stderr)")
    }
}
