import Foundation
import PackagePlugin

/// Embeds every `Templates/*.mustache` file of the package, and the access page's files in
/// `PageAssets/`, into the target as Swift string constants, so the built binary needs no
/// folder beside it and the folders stay the single source of the built-in templates and of
/// the page; and the git revision of the checkout it is built from, for `--version`.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templatesFolder = context.package.directoryURL.appending(path: "Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: templatesFolder.path())
            .filter { $0.hasSuffix(".mustache") }
            .sorted()
        let assetsFolder = context.package.directoryURL.appending(path: "PageAssets")
        let assets = try FileManager.default.contentsOfDirectory(atPath: assetsFolder.path())
            .filter { !$0.hasPrefix(".") }
            .sorted()
        let inputs = names.map { templatesFolder.appending(path: $0) } + assets.map { assetsFolder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinTemplates.swift")
        let (revision, gitFiles) = Self.revision(of: context.package.directoryURL)
        return [
            .buildCommand(
                displayName: "Embedding \(names.count) templates from Templates/ and \(assets.count) files from PageAssets/",
                executable: try context.tool(named: "EmbedTemplatesTool").url,
                arguments: [output.path(), "--revision", revision ?? ""] + inputs.map { $0.path() },
                inputFiles: inputs + gitFiles,
                outputFiles: [output]
            )
        ]
    }

    /// The commit `.git/HEAD` names (through a branch's ref file or `packed-refs`), read as
    /// files: no git command runs inside the build. Nil outside a checkout. Also the files
    /// read, so that a new commit rebuilds.
    static func revision(of package: URL) -> (String?, [URL]) {
        let git = package.appending(path: ".git")
        let head = git.appending(path: "HEAD")
        guard let text = try? String(contentsOf: head, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) else {
            return (nil, [])
        }
        guard text.hasPrefix("ref: ") else { return (String(text.prefix(12)), [head]) }
        let ref = String(text.dropFirst(5))
        let refFile = git.appending(path: ref)
        if let commit = try? String(contentsOf: refFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) {
            return (String(commit.prefix(12)), [head, refFile])
        }
        let packed = git.appending(path: "packed-refs")
        let line = (try? String(contentsOf: packed, encoding: .utf8))?.split(separator: "\n").first { $0.hasSuffix(" " + ref) }
        return (line.map { String($0.prefix(12)) }, [head, packed])
    }
}
