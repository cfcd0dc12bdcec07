import Foundation
import IdentityCenterSnapshot
import OrgYAML
import Support
import TestSupport
import Testing

@testable import AccessAsCode
@testable import IdentityCenter
@testable import OrgProfileKit
@testable import Reconciliation

/// Walks `PermissionSetPart.allCases` and checks that every consumer covers every part of a
/// permission set's definition: the snapshot's JSON and its unknowns, the live read, import,
/// decoding and the model, the editor schema, drift, the definition gaps, the review diff and
/// both emitters. A part added to the table without its consumers fails here (most of them
/// switch over the table, so the compiler names them first).
@Suite struct PermissionSetPartTests {
    /// The fixture's snapshot with ReadOnlyAccess read whole: every part holds something.
    static let snapshot = SnapshotFixture.definedSnapshot

    /// `yaml` without the role key `key` and the lines nested under it.
    static func removing(_ key: String, from yaml: String) -> String {
        var lines: [Substring] = []
        var inside = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("    \(key):") {
                inside = true
                continue
            }
            if inside, line.hasPrefix("     ") { continue }
            inside = false
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: PermissionSetPart.allCases)
    func everyConsumerCoversIt(_ part: PermissionSetPart) throws {
        let live = try #require(Self.snapshot.permissionSets.first { $0.name == "ReadOnlyAccess" })
        #expect(!part.items(live.definition).isEmpty)

        // The snapshot's JSON: a member under its key, read back the same; not read, no member
        // and a reason naming it.
        let json = JSON.encode(Self.snapshot)
        #expect(json.contains("\"\(part.rawValue)\" : "))
        #expect(try JSONDecoder().decode(Snapshot.self, from: Data(json.utf8)) == Self.snapshot)
        var unknown = live
        unknown.read.remove(part)
        #expect(!JSON.encode(unknown).contains("\"\(part.rawValue)\" : "))
        #expect(
            unknown.unreadReasons(snapshotVersion: 2) == [
                "the \(part.noun) of permission set 'ReadOnlyAccess' \(part.isPlural ? "were" : "was") not read (the snapshot does not say why)"
            ])

        // The live read: one call for it, named by the table.
        let call = try #require(LiveIdentityCenter.definitionReads.first { $0.reading == .part(part) })
        #expect(call.operation == part.readOperation && call.action == "sso:\(part.readOperation)")

        // Import writes it under the role; decoding reads it into the model, alike.
        var importer = OrgImport(snapshot: Self.snapshot, project: "acme", region: "eu-west-1")
        let yaml = importer.render()
        #expect(yaml.contains("    \(part.key):"), "\(yaml)")
        let declared = try #require(try accessModel(yaml).roles.first { $0.name == "ReadOnlyAccess" }?.definition)
        #expect(part.same(declared, live.definition))
        #expect(Drift.differences(declared, live).isEmpty)

        // The editor schema has it among a role's keys.
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(OrgSchema.text.utf8)) as? [String: Any])
        #expect(PermissionSetTextTests.roleKeys(in: schema).contains(part.key))

        // The rules: a value IAM Identity Center refuses is an error at its line.
        let refused: String =
            switch part {
            case .managedPolicies: "[not a policy!]"
            case .customerManagedPolicies: "[{name: not a policy!}]"
            case .permissionsBoundary: "not a policy!"
            case .tags: "{'aws:reserved': x}"
            case .inlinePolicy: "{Version: '2012-10-17'}"
            }
        let bad = Self.removing(part.key, from: yaml).replacingOccurrences(
            of: "  ReadOnlyAccess:\n", with: "  ReadOnlyAccess:\n    \(part.key): \(refused)\n")
        let line = bad.components(separatedBy: "\n").firstIndex { $0 == "    \(part.key): \(refused)" }! + 1
        let errors = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(bad.utf8))).diagnostics.filter { $0.severity == .error }
        #expect(!errors.isEmpty && errors.allSatisfy { $0.location?.line == line }, "\(errors)")

        // Both emitters carry it.
        let properties = AssignmentsCompiler.properties(declared, name: "ReadOnlyAccess", instance: "arn:i")
        let model = try accessModel(yaml)
        let terraform = AssignmentsTests.compiler(model, Self.snapshot).terraform()
        #expect(properties.canonicalText.contains("\"\(part.cloudFormation)\":"))
        #expect(terraform.contains("\"\(part.terraform)\" : "))

        // Left out of org.yaml while Identity Center has it: drift finds it, the review diff
        // names it, the emitters leave it out, and the gaps warn that deploying would clear it.
        let without = try accessModel(Self.removing(part.key, from: yaml))
        let lacking = try #require(without.roles.first { $0.name == "ReadOnlyAccess" }?.definition)
        #expect(part.items(lacking).isEmpty && !part.same(lacking, declared))
        #expect(!Drift.differences(lacking, live).isEmpty)
        #expect(Set(RoleDefinitionChange.attributes(declared, lacking).0.map(\.key)) == [part.key])
        #expect(
            !AssignmentsCompiler.properties(lacking, name: "ReadOnlyAccess", instance: "arn:i").canonicalText.contains(
                "\"\(part.cloudFormation)\":"))
        let gaps = DefinitionGaps.diagnostics(model: without, snapshot: Self.snapshot, index: Snapshot.Index(Self.snapshot))
        #expect(gaps.contains { $0.code == .definitionClears && $0.message.contains("without \(part.key),") }, "\(gaps)")
    }
}
