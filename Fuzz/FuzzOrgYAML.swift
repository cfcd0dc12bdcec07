// libFuzzer target: org.yaml bytes through the loader, the compiler and the renderer.
// Any input must end in diagnostics or output, never in a crash or a hang.
// Built and run by scripts/fuzz.sh FuzzOrgYAML SECONDS.
import AWSConfig
import OrgProfileKit
import OrgYAML

private let templates = TemplateSet.builtin()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOrgYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let analysis = Compiler.analyze(SourceFile(name: "fuzz.yaml", bytes: bytes))
    guard let model = analysis.model else {
        precondition(analysis.diagnostics.hasErrors, "no model, but no error either")
        return 0
    }
    let renderer = Renderer(model: model, templates: templates, sourceName: "fuzz.yaml")
    for principal in model.principals.prefix(50) {
        let files = renderer.files(for: principal)
        // Every config the compiler writes must read back by the AWS CLI's rules.
        if let config = files.first(where: { $0.path.hasSuffix("/config") }) {
            guard let parsed = try? ConfigFile.parse(config.contents) else {
                preconditionFailure("a compiled config does not parse:\n\(String(decoding: config.contents, as: UTF8.self))")
            }
            let names = Set(parsed.profileSections(as: .config).keys)
            precondition(names == Set(model.profiles(for: principal).map(\.name)), "compiled profiles and parsed profiles differ")
        }
    }
    return 0
}
