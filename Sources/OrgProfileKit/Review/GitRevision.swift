import FileSafety
import Foundation
import OrgYAML

/// Reads a file as it was at a git revision (`git show REV:./FILE`), for `diff --base`.
public enum GitRevision {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The file at `revision` in the repository that holds `path`, named `REV:PATH` in
    /// diagnostics; nil when the path did not exist at that revision.
    public static func read(_ path: String, at revision: String) throws -> SourceFile? {
        let folder = PathText.openableFolder(of: path)
        let file = PathText.lastComponent(of: path)
        guard try git(["rev-parse", "--is-inside-work-tree"], in: folder).status == 0 else {
            throw Failure(description: "'\(folder)' is not inside a git repository, so --base \(revision) cannot be read")
        }
        guard try git(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], in: folder).status == 0 else {
            throw Failure(description: "'\(revision)' is not a commit in the repository of '\(path)'")
        }
        guard try git(["cat-file", "-e", "\(revision):./\(file)"], in: folder).status == 0 else { return nil }
        let shown = try git(["show", "\(revision):./\(file)"], in: folder)
        guard shown.status == 0 else {
            throw Failure(description: "git show \(revision):\(path) failed: \(shown.error)")
        }
        return SourceFile(
            name: "\(revision):\(path)", bytes: shown.output,
            companions: CompanionFiles { relative in
                let name =
                    "\(revision):\(PathText.folder(of: path).isEmpty ? relative : PathText.joined(folder, relative))"
                // A link in the tree is stored as its target's path: refused, as on disk.
                let entry = try git(["ls-tree", revision, "--", "./\(relative)"], in: folder)
                if String(decoding: entry.output, as: UTF8.self).hasPrefix("120000 ") {
                    throw Failure(description: "\(name): is a symbolic link, which is not followed here (it could lead outside the folder)")
                }
                let companion = try git(["show", "\(revision):./\(relative)"], in: folder)
                guard companion.status == 0 else { throw Failure(description: "\(name): not in that revision") }
                return (name, companion.output)
            })
    }

    private static func git(_ arguments: [String], in folder: String) throws -> (status: Int32, output: [UInt8], error: String) {
        do {
            let result = try ProcessRunner.run("git", ["-C", folder] + arguments)
            return (result.status, result.output, result.error)
        } catch let failure as ProcessRunner.LaunchFailure {
            throw Failure(description: failure.description)
        }
    }
}
