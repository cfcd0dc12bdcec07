import Foundation
import IdentityCenterSnapshot
import TestSupport
import Testing

/// `assignments` needs only the names its grants use: a user who only joins a group is no
/// reason to stop; a grant's missing name stops the files and is left out of the plan.
@Suite struct AssignmentsCommandTests {
    func folder(appending users: String) throws -> String {
        let folder = try workspace()
        try (try text(folder + "/org.yaml") + users).write(toFile: folder + "/org.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aUserWhoOnlyJoinsAGroupIsNotNeeded() throws {
        let folder = try folder(appending: "  zoe:\n    groups: [platform]\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for format in ["text", "cloudformation", "terraform", "csv"] {
            let result = try orgprofile(
                arguments: ["assignments", "--snapshot", HostileSnapshotTests.snapshotPath, "--format", format], in: folder)
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(!result.stderr.contains("zoe"), "\(format): \(result.stderr)")
        }
        // The plan still says the snapshot lacks her (her profiles would fail at sign-in).
        let plan = try orgprofile(
            arguments: ["assignments", "--snapshot", HostileSnapshotTests.snapshotPath, "--format", "text"], in: folder)
        #expect(plan.stdout.contains("names the snapshot lacks:\n  ! Identity Center has no user name 'zoe'"), "\(plan.stdout)")
    }

    @Test func aGrantsMissingNamesAreLeftOutOfThePlanAndStopTheFiles() throws {
        let users = """
              zoe:
                assignments:
                  - role: ReadOnlyAccess
                    accounts: [infrastructure]
              yves:
                assignments:
                  - role: ReadOnlyAccess
                    accounts: [infrastructure]

            """
        let folder = try folder(appending: users)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try orgprofile(
            arguments: ["assignments", "--snapshot", HostileSnapshotTests.snapshotPath, "--format", "text"], in: folder)
        #expect(plan.status == 1)
        #expect(plan.stdout.hasPrefix("3 to create, 2 to change, 1 existing"), "\(plan.stdout)")
        #expect(!plan.stdout.contains("+ user zoe") && plan.stdout.contains("existing, not declared in org.yaml"), "\(plan.stdout)")
        #expect(
            plan.stderr.contains("the plan leaves out the grants that need user 'zoe', user 'yves'; the rest follows"), "\(plan.stderr)")
        for format in ["cloudformation", "terraform"] {
            let result = try orgprofile(
                arguments: ["assignments", "--snapshot", HostileSnapshotTests.snapshotPath, "--format", format, "--output", "out.json"],
                in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.components(separatedBy: "error: Identity Center has no user name").count == 3, "\(result.stderr)")
            #expect(
                result.stderr.contains("nothing was written; the snapshot lacks 2 names grants need (user 'zoe', user 'yves')"),
                "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out.json"))
        }
    }
}
