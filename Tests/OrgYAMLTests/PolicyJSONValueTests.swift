import Foundation
import Support
import Testing

@testable import OrgYAML

/// A policy document as a `JSONValue` in the form IAM compares: from org.yaml's YAML and from
/// IAM's JSON alike, every scalar a string, and two documents IAM reads alike equal once normalised.
@Suite struct PolicyJSONValueTests {
    func yaml(_ text: String) throws -> YAMLNode {
        try YAMLLoader().load(Array(text.utf8), file: "policy.yaml").get()
    }

    @Test func yamlAndIAMsJSONGiveTheSameValue() throws {
        let written = try JSONValue(
            policy: yaml(
                "Version: 2012-10-17\nStatement:\n  - Effect: Allow\n    Action: [s3:GetObject]\n    Resource: '*'\n    Condition: {NumericLessThan: {s3:max-keys: 10}, Bool: {aws:SecureTransport: true}}\n"
            ))
        let read = try #require(
            JSONValue(
                policyText:
                    #"{"Statement":{"Resource":"*","Action":"s3:GetObject","Effect":"Allow","Condition":{"Bool":{"aws:SecureTransport":true},"NumericLessThan":{"s3:max-keys":10}}},"Version":"2012-10-17"}"#
            ))
        #expect(written != read, "a list of one and its element differ until normalised")
        #expect(written.normalizedPolicy == read.normalizedPolicy)
        #expect(
            read.normalizedPolicy.canonicalText
                == #"{"Statement":{"Action":"s3:GetObject","Condition":{"Bool":{"aws:SecureTransport":"true"},"NumericLessThan":{"s3:max-keys":"10"}},"Effect":"Allow","Resource":"*"},"Version":"2012-10-17"}"#
        )
    }

    @Test func setsAreSortedAndNullIsEmpty() throws {
        let read = try #require(JSONValue(policyText: #"{"Action":["s3:Put*","ec2:Describe*"],"Sid":null,"N":1.5}"#))
        #expect(read.normalizedPolicy == ["Action": ["ec2:Describe*", "s3:Put*"], "Sid": "", "N": "1.5"])
        #expect(JSONValue(policyText: "{not json") == nil)
    }
}
