import Foundation
import PackagePlugin

/// Embeds every `Templates/*.mustache` file of the package into the target as Swift
/// string constants, so the built binary needs no `Templates/` folder beside it and the
/// folder stays the single source of the built-in templates.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templatesFolder = context.package.directoryURL.appending(path: "Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: templatesFolder.path())
            .filter { $0.hasSuffix(".mustache") }
            .sorted()
        let inputs = names.map { templatesFolder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(names.count) templates from Templates/",
                executable: try context.tool(named: "EmbedTemplatesTool").url,
                arguments: [output.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
