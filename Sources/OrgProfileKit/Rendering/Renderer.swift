/// Renders one principal at a time through the template set, so memory holds one
/// principal's files, never the whole output.
public struct Renderer: Sendable {
    public let model: AccessModel
    public let templates: TemplateSet
    /// The org.yaml file name written into generated files (never an absolute path).
    public let sourceName: String

    public init(model: AccessModel, templates: TemplateSet, sourceName: String) {
        (self.model, self.templates, self.sourceName) = (model, templates, sourceName)
    }

    /// Every file of one principal, at its path under the output folder.
    public func files(for principal: Principal) -> [OutputFile] {
        var scratch = Scratch()
        var files: [OutputFile] = []
        render(principal, profiles: model.profiles(for: principal).profiles, using: &scratch) { files.append($0) }
        return files
    }

    /// What rendering reuses from one principal to the next: the context's storage and the
    /// output buffer keep their capacity, so a worker allocates almost nothing per file.
    struct Scratch {
        var values = TemplateContext.Values()
        var output: [UInt8] = []
    }

    /// Renders every file of one principal, given all its profiles, and hands each to
    /// `consume` as soon as it exists.
    func render(
        _ principal: Principal, profiles: [Profile], using scratch: inout Scratch, _ consume: (OutputFile) throws -> Void
    ) rethrows {
        scratch.values.fill(model: model, principal: principal, profiles: profiles, source: sourceName)
        for (template, path) in zip(templates.templates, paths(for: principal)) {
            scratch.output.removeAll(keepingCapacity: true)
            template.compiled.render(scratch.values, into: &scratch.output)
            try consume(OutputFile(path: path, contents: scratch.output))
        }
    }

    /// Every file `render` writes for a principal, by its path below the output folder.
    func paths(for principal: Principal) -> [String] {
        templates.templates.map { "\(principal.kind.folder)/\(principal.name)/\($0.name)" }
    }

    /// One file of one principal, rendered from the template named `name` with the given
    /// profiles of the principal's (all of them when nil), as `PrincipalSelection` chose them.
    public func render(_ name: String, for principal: Principal, profiles: [Profile]? = nil) -> String? {
        guard let template = templates[name] else { return nil }
        var values = TemplateContext.Values()
        values.fill(model: model, principal: principal, profiles: profiles ?? model.profiles(for: principal).profiles, source: sourceName)
        return String(decoding: template.compiled.render(values), as: UTF8.self)
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
