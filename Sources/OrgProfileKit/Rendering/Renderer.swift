/// Renders one principal at a time through the template set, so memory holds one
/// principal's files, never the whole output.
public struct Renderer: Sendable {
    public let model: AccessModel
    public let templates: TemplateSet
    /// The org.yaml file name written into generated files (never an absolute path).
    public let sourceName: String

    public init(model: AccessModel, templates: TemplateSet, sourceName: String) {
        self.model = model
        self.templates = templates
        self.sourceName = sourceName
    }

    /// Every file of one principal, at its path under the output folder.
    public func files(for principal: Principal) -> (profiles: [Profile], files: [OutputFile]) {
        let profiles = model.profiles(for: principal)
        let context = TemplateContext.object(model: model, principal: principal, profiles: profiles, source: sourceName)
        let folder = "\(principal.kind.folder)/\(principal.name)"
        let files = templates.templates.map { template in
            OutputFile(path: "\(folder)/\(template.name)", contents: template.compiled.render(context))
        }
        return (profiles, files)
    }

    /// One file of one principal, rendered from the template named `name` with only the
    /// given profiles (all of them when `profiles` is nil).
    public func render(_ name: String, for principal: Principal, profiles: [Profile]? = nil) -> String? {
        guard let template = templates[name] else { return nil }
        let profiles = profiles ?? model.profiles(for: principal)
        let context = TemplateContext.object(model: model, principal: principal, profiles: profiles, source: sourceName)
        return String(decoding: template.compiled.render(context), as: UTF8.self)
    }
}

/// A file to write, at a `/`-separated path relative to the output folder.
public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }
}
