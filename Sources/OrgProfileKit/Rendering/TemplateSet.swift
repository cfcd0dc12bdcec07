import FileSafety
import Foundation
import OrgYAML

/// The templates that render each principal's files: one per output file name.
public struct TemplateSet: Sendable {
    public struct Template: Sendable {
        /// The output file it renders, e.g. `config` for `config.mustache`.
        public var name: String
        /// Where it came from, for diagnostics: `Templates/NAME.mustache` or the override's path.
        public var origin: String
        /// What renders: the same template compiled against the context's schema.
        let compiled: CompiledTemplate
    }

    /// Sorted by name.
    public private(set) var templates: [Template]

    public subscript(name: String) -> Template? { templates.first { $0.name == name } }

    /// The built-in templates, from `Templates/` as embedded at build time.
    public static func builtin() -> TemplateSet {
        var diagnostics: [Diagnostic] = []
        let templates = BuiltinTemplates.sources.compactMap { source in
            parse(source.text, name: source.name, origin: "Templates/\(source.name).mustache", diagnostics: &diagnostics)
        }
        precondition(diagnostics.isEmpty, "built-in templates are checked by the tests: \(diagnostics)")
        return TemplateSet(templates: templates)
    }

    /// The built-in templates, with each `NAME.mustache` of `directory` replacing or adding
    /// the template for the output file `NAME`.
    public static func load(overridesIn directory: String?) -> Result<TemplateSet, TemplateLoadFailure> {
        var set = builtin()
        guard let directory else { return .success(set) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            return .failure(
                TemplateLoadFailure(
                    diagnostics: [
                        .error(.unreadableFile, "cannot read the templates folder '\(directory)': \(FileError.reason(error))", at: nil)
                    ], isIOError: true))
        }
        var diagnostics: [Diagnostic] = []
        for file in names {
            let path = PathText.joined(directory, file)
            let name = String(file.dropLast(".mustache".count))
            guard isSafeFileName(name) else {
                diagnostics.append(
                    .error(
                        .invalidTemplateName,
                        "template '\(file)' would render a file named '\(name)'; use letters, digits, '.', '_' and '-', not starting with '.'",
                        at: SourceLocation(file: path, line: 1, column: 1)))
                continue
            }
            let text: String
            do {
                guard let decoded = String(validating: try FileSystem.readExisting(path, owner: .person), as: UTF8.self) else {
                    diagnostics.append(.error(.unreadableFile, "cannot read template '\(path)' as UTF-8 text", at: nil))
                    continue
                }
                text = decoded
            } catch {
                diagnostics.append(.error(.unreadableFile, "cannot read template \(error)", at: nil))
                continue
            }
            if let template = parse(text, name: name, origin: path, diagnostics: &diagnostics) {
                set.templates.removeAll { $0.name == name }
                set.templates.append(template)
            }
        }
        set.templates.sort { $0.name < $1.name }
        return diagnostics.isEmpty ? .success(set) : .failure(TemplateLoadFailure(diagnostics: diagnostics, isIOError: false))
    }

    /// Compiles the template, checking its tags against the context; problems become
    /// diagnostics at their line and column of `origin`.
    static func parse(_ text: String, name: String, origin: String, diagnostics: inout [Diagnostic]) -> Template? {
        CompiledTemplate.compile(text, file: origin, language: .init(fileName: name), diagnostics: &diagnostics).map {
            Template(name: name, origin: origin, compiled: $0)
        }
    }

    static func isSafeFileName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first != UInt8(ascii: "."), name.utf8.count <= 128 else { return false }
        return name.utf8.allSatisfy { NameRules.isLetter($0) || NameRules.isDigit($0) || "._-".utf8.contains($0) }
    }
}

/// Why templates could not be loaded: template diagnostics, or a folder that cannot be read.
public struct TemplateLoadFailure: Error {
    public var diagnostics: [Diagnostic]
    public var isIOError: Bool
}
