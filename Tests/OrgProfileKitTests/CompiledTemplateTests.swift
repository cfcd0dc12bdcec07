import Foundation
import Mustache
import TestSupport
import Testing

@testable import OrgProfileKit
@testable import OrgYAML

/// The compiled templates render exactly what swift-mustache renders from the same text
/// and context: for the built-in templates over every principal of the fixtures, and for
/// many generated templates full of the whitespace cases Mustache treats specially.
@Suite struct CompiledTemplateTests {
    static let orgs = [
        "org.yaml.example", "Tests/OrgProfileKitTests/Fixtures/review/old.yaml", "Tests/OrgProfileKitTests/Fixtures/review/new.yaml",
    ]

    /// Beside the fixtures: an account setting whose value is empty, as `cli_pager` often is.
    static let emptySetting = validOrg.replacingOccurrences(
        of: "  infrastructure:\n", with: "  infrastructure:\n    settings:\n      cli_pager: \"\"\n")

    func models() throws -> [(String, AccessModel)] {
        try Self.orgs.map { ($0, try model(try readText(packageRoot.appendingPathComponent($0).path))) } + [
            ("empty setting", try model(Self.emptySetting))
        ]
    }

    func contexts() throws -> [(String, TemplateContext.Values)] {
        try models().flatMap { name, model in
            model.principals.map { ("\(name) \($0.name)", TemplateContext.values(model: model, principal: $0)) }
        }
    }

    func mustache(_ text: String, _ context: TemplateContext.Values) throws -> String {
        try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}\n" + text).render(
            TemplateContext.dictionary(context))
    }

    @Test func builtinTemplatesRenderLikeSwiftMustache() throws {
        #expect(Self.emptySetting != validOrg)
        let contexts = try contexts()
        #expect(contexts.count > 15)
        for template in TemplateSet.builtin().templates {
            for (name, context) in contexts {
                let compiled = String(decoding: template.compiled.render(context), as: UTF8.self)
                #expect(
                    compiled == (try mustache(BuiltinTemplates.sources.first { $0.name == template.name }!.text, context)),
                    "\(template.name) for \(name)")
            }
        }
    }

    /// Templates stitched from fragments (tags alone on lines, tags between text, indented
    /// tags, blank lines, comments, nested and inverted sections, helpers, lines without a
    /// final break), each rendered both ways.
    @Test func generatedTemplatesRenderLikeSwiftMustache() throws {
        let fragments = [
            "text", "  ", "\t", "\n", "\r\n", " x ", "{", "}",
            "{{project}}", "{{ session.name }}", "{{{principal.name}}}", "{{&source}}", "{{has_profiles}}",
            "{{! a comment }}", "  {{! indented comment }}\n",
            "{{#principal.is_user}}", "{{/principal.is_user}}",
            "{{^principal.display_name}}", "{{/principal.display_name}}",
            "{{#principal.email}}", "{{principal.email}}", "{{/principal.email}}",
            "{{#first_profile}}{{name}}{{/first_profile}}",
        ]
        let profileFragments = [
            "{{name}}", " {{role}}\n", "{{#settings}}{{key}}={{value}}{{^last()}},{{/last()}}{{/settings}}", "{{index()}}",
            "{{#first()}}first{{/first()}}", "  {{#is_user_management}}\n  um\n  {{/is_user_management}}\n", "{{user_management_target}}",
            "\n",
        ]
        let contexts = try contexts().prefix(6)
        var generator = SeededGenerator(seed: 11)
        var checked = 0
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<Int.random(in: 1...14, using: &generator) {
                if Bool.random(using: &generator), Int.random(in: 0...3, using: &generator) == 0 {
                    let indent = ["", "  ", "\t"].randomElement(using: &generator)!
                    let inner = (0..<Int.random(in: 1...4, using: &generator)).map { _ in profileFragments.randomElement(using: &generator)!
                    }.joined()
                    text +=
                        indent + "{{#profiles}}" + (Bool.random(using: &generator) ? "\n" : "") + inner + indent + "{{/profiles}}"
                        + (Bool.random(using: &generator) ? "\n" : "")
                } else {
                    text += fragments.randomElement(using: &generator)!
                }
            }
            // Keep only templates whose names and sections orgprofile accepts (balanced
            // sections); of those, orgprofile's parser refuses exactly what swift-mustache refuses.
            var problems: [Diagnostic] = []
            _ = CompiledTemplate.compile(text, file: "t", diagnostics: &problems)
            if problems.contains(where: { $0.code == .templateError }) { continue }
            let mustacheParses = (try? MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}\n" + text)) != nil
            #expect((CompiledTemplate(text) != nil) == mustacheParses, "template \(text.debugDescription)")
            guard let compiled = CompiledTemplate(text), mustacheParses else { continue }
            for (name, context) in contexts {
                let ours = String(decoding: compiled.render(context), as: UTF8.self)
                #expect(ours == (try mustache(text, context)), "template \(text.debugDescription) for \(name)")
            }
            checked += 1
        }
        #expect(checked > 250)
    }
}
