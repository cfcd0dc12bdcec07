import Foundation
import Support
import Testing

@Suite struct JSONTests {
    @Test func jsonIsSortedAndEndsWithANewline() {
        struct Value: Encodable {
            var zebra = "a/b"
            var apple = [1, 2]
        }
        #expect(JSON.encode(Value()) == "{\n  \"apple\" : [\n    1,\n    2\n  ],\n  \"zebra\" : \"a/b\"\n}\n")
        #expect(JSON.line(Value()) == "{\"apple\":[1,2],\"zebra\":\"a/b\"}\n")
        #expect(JSON.bytes(Value()) == Array("{\"apple\":[1,2],\"zebra\":\"a/b\"}".utf8))
    }

    /// Any JSON reads as a `JSONValue` and is written back with the same meaning, keys sorted.
    @Test func anyValueReadAndWrittenBack() throws {
        let text = #"{"z":[1,-2,1.5,1700000000.25,true,false,null,"Zoë \"x\""],"a":{"b":{}},"e":[]}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(
            value
                == .object([
                    "z": .array([
                        .integer(1), .integer(-2), .number(1.5), .number(1_700_000_000.25), .bool(true), .bool(false), .null,
                        .string("Zoë \"x\""),
                    ]),
                    "a": .object(["b": .object([:])]), "e": .array([]),
                ]))
        #expect(
            String(decoding: JSON.bytes(value), as: UTF8.self)
                == #"{"a":{"b":{}},"e":[],"z":[1,-2,1.5,1700000000.25,true,false,null,"Zoë \"x\""]}"#)
        #expect(JSONValue.string("t").text == "t" && JSONValue.integer(1).text == nil)
    }

    /// A reference is another resource's attribute: CloudFormation's `Fn::GetAtt` unless the
    /// template resolves it first, and every reference is found wherever it is nested.
    @Test func referencesAreWrittenOrResolved() {
        let value: JSONValue = [
            "PermissionSetArn": .reference("Admin", attribute: "PermissionSetArn"), "Tags": ["a", .reference("B", attribute: "Arn")],
        ]
        #expect(
            JSON.line(value) == #"{"PermissionSetArn":{"Fn::GetAtt":["Admin","PermissionSetArn"]},"Tags":["a",{"Fn::GetAtt":["B","Arn"]}]}"#
                + "\n")
        #expect(value.references == ["Admin", "B"])
        #expect(
            value.resolvingReferences { id, attribute in .string("${\(id).\(attribute)}") } == [
                "PermissionSetArn": "${Admin.PermissionSetArn}", "Tags": ["a", "${B.Arn}"],
            ])
    }
}
