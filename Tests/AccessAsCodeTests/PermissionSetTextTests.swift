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

/// Walks `PermissionSetText.all` and checks that every consumer covers every text attribute of
/// a permission set: the snapshot's JSON, the live read, import, decoding and the model, the
/// editor schema, the rules, drift, the definition gaps, the review diff and both emitters. An
/// attribute added to the table without its consumers fails here, whichever it is.
@Suite struct PermissionSetTextTests {
    /// A value IAM Identity Center takes, unlike any other attribute's.
    static func value(_ attribute: PermissionSetText) -> String {
        switch attribute.kind {
        case .text: "value-of-\(attribute.key)"
        case .sessionDuration: "PT4H"
        }
    }

    /// The fixture's snapshot with ReadOnlyAccess read whole and holding `value` for the attribute.
    static func snapshot(_ attribute: PermissionSetText, _ value: String) -> Snapshot {
        var snapshot = SnapshotFixture.definedSnapshot
        let index = snapshot.permissionSets.firstIndex { $0.name == "ReadOnlyAccess" }!
        snapshot.permissionSets[index].definition.texts[attribute.key] = value
        return snapshot
    }

    @Test(arguments: PermissionSetText.all)
    func everyConsumerCoversIt(_ attribute: PermissionSetText) throws {
        let value = Self.value(attribute)
        let snapshot = Self.snapshot(attribute, value)
        let live = try #require(snapshot.permissionSets.first { $0.name == "ReadOnlyAccess" })

        // The snapshot's JSON: a member of its own, read back the same.
        let json = JSON.encode(snapshot)
        #expect(json.contains(#""\#(attribute.key)" : "\#(value)""#))
        #expect(try JSONDecoder().decode(Snapshot.self, from: Data(json.utf8)) == snapshot)

        // The live read: DescribePermissionSet's field.
        let answer = #"{"PermissionSet":{"Name":"R","PermissionSetArn":"arn:r","\#(attribute.awsField)":"\#(value)"}}"#
        let details = try JSONDecoder().decode(SSOAdmin.PermissionSetDetails.self, from: Data(answer.utf8))
        #expect(details.PermissionSet.texts[attribute.key] == value)

        // Import writes it under the role; decoding reads it into the spec and the model.
        var importer = OrgImport(snapshot: snapshot, project: "acme", region: "eu-west-1")
        let yaml = importer.render()
        #expect(yaml.contains("    \(attribute.key): \(value)\n"), "\(yaml)")
        let model = try accessModel(yaml)
        let declared = try #require(model.roles.first { $0.name == "ReadOnlyAccess" }?.definition)
        #expect(declared.texts[attribute.key] == value)
        #expect(Drift.differences(declared, live).isEmpty)

        // The editor schema has it among a role's keys.
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(OrgSchema.text.utf8)) as? [String: Any])
        #expect(Self.roleKeys(in: schema).contains(attribute.key))

        // The rules: a value IAM Identity Center refuses is an error at its place.
        let refused: String =
            switch attribute.kind {
            case .text(let most): String(repeating: "x", count: most + 1)
            case .sessionDuration: "PT13H"
            }
        let bad = yaml.replacingOccurrences(of: "    \(attribute.key): \(value)\n", with: "    \(attribute.key): \(refused)\n")
        let line = bad.components(separatedBy: "\n").firstIndex { $0.hasPrefix("    \(attribute.key): ") }! + 1
        let errors = Compiler.analyze(SourceFile(name: "org.yaml", bytes: Array(bad.utf8))).diagnostics.filter { $0.severity == .error }
        #expect(
            errors.count == 1 && errors.first?.location?.line == line && errors.first?.location?.column == 5 + attribute.key.count + 2,
            "\(errors)")

        // Drift, the review diff and the emitters, with org.yaml saying another value.
        let other = attribute.kind == .sessionDuration ? "PT2H" : "other-\(attribute.key)"
        let changed = try accessModel(
            yaml.replacingOccurrences(of: "    \(attribute.key): \(value)\n", with: "    \(attribute.key): \(other)\n"))
        let now = try #require(changed.roles.first { $0.name == "ReadOnlyAccess" }?.definition)
        #expect(
            Drift.differences(now, live).map(\.message) == ["\(attribute.noun) is '\(value)' in Identity Center, '\(other)' in org.yaml"])
        #expect(RoleDefinitionChange.attributes(declared, now).0.map(\.key) == [attribute.key])
        let properties = AssignmentsCompiler.properties(now, name: "ReadOnlyAccess", instance: "arn:i")
        #expect(properties == .object(properties.objectFields.merging([attribute.cloudFormation: .string(other)]) { $1 }))
        #expect(AssignmentsTests.compiler(changed, snapshot).terraform().contains(#""\#(attribute.key)" : "\#(other)""#))

        // Left out of org.yaml while Identity Center has it: deploying would clear it.
        let without = try accessModel(yaml.replacingOccurrences(of: "    \(attribute.key): \(value)\n", with: ""))
        let gaps = DefinitionGaps.diagnostics(model: without, snapshot: snapshot, index: Snapshot.Index(snapshot))
        #expect(gaps.contains { $0.code == .definitionClears && $0.message.contains("without \(attribute.key),") }, "\(gaps)")
    }

    /// The keys a role may have in the schema: the properties that hold `profile_suffix`.
    static func roleKeys(in value: Any) -> Set<String> {
        if let object = value as? [String: Any] {
            if let properties = object["properties"] as? [String: Any], properties["profile_suffix"] != nil { return Set(properties.keys) }
            return object.values.reduce(into: Set<String>()) { $0.formUnion(roleKeys(in: $1)) }
        }
        return []
    }
}

extension JSONValue {
    /// An object's members; none for anything else.
    fileprivate var objectFields: [String: JSONValue] {
        if case .object(let fields) = self { return fields }
        return [:]
    }
}
