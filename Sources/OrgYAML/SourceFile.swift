import FileSafety

/// org.yaml's bytes and the name to call the file by in diagnostics and generated files.
public struct SourceFile: Sendable {
    public var name: String
    public var bytes: [UInt8]
    /// How to read the files org.yaml names beside itself.
    public var companions: CompanionFiles

    public init(name: String, bytes: [UInt8], companions: CompanionFiles = .none) {
        self.name = name
        self.bytes = bytes
        self.companions = companions
    }

    /// Reads a file; the name is the path as given. Reads at most one byte more than the
    /// size limit, so a huge file is refused (by `FrontEnd.analyze`) without being loaded.
    /// Its companions are read from its folder, named by their path from there.
    public static func read(_ path: String, limit: Int = Limits.standard.fileBytes) throws -> SourceFile {
        let folder = PathText.folder(of: path)
        return SourceFile(
            name: path, bytes: try FileSystem.readExisting(path, owner: .person, limit: limit + 1),
            companions: CompanionFiles { relative in
                // No link is followed below org.yaml's folder: a link added in a pull request
                // must not copy a file of the machine that compiles into the output.
                (PathText.joined(folder, relative), try FileSystem.readBeneath(folder, relative, limit: limit + 1))
            })
    }
}
