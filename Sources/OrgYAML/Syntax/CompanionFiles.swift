/// Files org.yaml names beside itself (a role's `inline_policy_file`), read by their path
/// relative to org.yaml's folder. The analysis stays in memory: whoever hands it org.yaml
/// also hands it how to read these (the folder on disk, a git revision, a dictionary in
/// tests).
public struct CompanionFiles: Sendable {
    /// A companion's name in diagnostics and its bytes, by its relative path; throws an
    /// error whose description says why it cannot be read.
    public typealias Reader = @Sendable (_ relativePath: String) throws -> (name: String, bytes: [UInt8])

    let read: Reader

    public init(read: @escaping Reader) {
        self.read = read
    }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// No folder to read from.
    public static let none = CompanionFiles { path in
        throw Unavailable(description: "\(path): org.yaml was not read from a folder, so files beside it cannot be read")
    }

    /// Files held in memory, by relative path.
    public static func inMemory(_ files: [String: String]) -> CompanionFiles {
        CompanionFiles { path in
            guard let text = files[path] else { throw Unavailable(description: "\(path): no such file") }
            return (path, Array(text.utf8))
        }
    }

    /// Reads each role's `inline_policy_file` into its `inlinePolicy`, the nodes located in
    /// that file; the problems (a path outside org.yaml's folder, a file that cannot be read,
    /// a link, or a file that holds no JSON object) at the path's place in org.yaml, or in the file.
    public func load(into spec: inout OrgSpec, limits: Limits) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for index in spec.roles.indices {
            guard let path = spec.roles[index].definition?.inlinePolicyFile else { continue }
            let components = path.value.split(separator: "/", omittingEmptySubsequences: false)
            guard !path.value.hasPrefix("/"), !path.value.hasPrefix("~"), !components.contains(".."), !path.value.isEmpty else {
                diagnostics.append(
                    .error(
                        .unreadableFile,
                        "'inline_policy_file' must name a file inside org.yaml's folder by its relative path (such as policies/developer.json), found '\(path.value)'",
                        at: path.location))
                continue
            }
            let file: (name: String, bytes: [UInt8])
            do {
                file = try read(path.value)
            } catch {
                diagnostics.append(.error(.unreadableFile, "cannot read 'inline_policy_file' \(error)", at: path.location))
                continue
            }
            guard file.bytes.count <= limits.fileBytes else {
                diagnostics.append(
                    .error(
                        .limitExceeded, "\(file.name) is larger than the limit of \(Limits.size(limits.fileBytes))", at: path.location))
                continue
            }
            switch YAMLLoader(limits: limits).load(file.bytes, file: file.name) {
            case .success(let node):
                // A policy document is a JSON object; a scalar (a link's target, a stray word) is not.
                let opensAnObject = file.bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) } == UInt8(ascii: "{")
                guard case .mapping = node.content, opensAnObject else {
                    diagnostics.append(
                        .error(
                            .wrongType,
                            "\(file.name) must hold a JSON object (an IAM policy document), found \(opensAnObject ? node.kindDescription : "no '{'")",
                            at: node.location.inFile(file.name)))
                    continue
                }
                spec.roles[index].definition?.inlinePolicy = node.located(in: file.name)
            case .failure(let failure): diagnostics += failure.diagnostics
            }
        }
        return diagnostics
    }
}

extension YAMLNode {
    /// The same tree, every location naming `file` (nodes of org.yaml itself name none
    /// until the analysis names them; a companion's are named when it is read).
    func located(in file: String) -> YAMLNode {
        let content: Content =
            switch content {
            case .scalar: content
            case .sequence(let items): .sequence(items.map { $0.located(in: file) })
            case .mapping(let pairs):
                .mapping(pairs.map { YAMLPair(key: $0.key.located(in: file), value: $0.value.located(in: file)) })
            }
        return YAMLNode(content, at: location.inFile(file))
    }
}
