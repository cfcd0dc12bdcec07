/// The part of a config file orgprofile owns: the lines between two marker comments that
/// name the project. Everything outside the markers belongs to the person.
public struct ManagedBlock: Sendable, Equatable {
    public var project: String
    /// 0-based indices of the begin and end marker lines.
    public var begin: Int
    public var end: Int

    public static func beginMarker(_ project: String) -> String {
        "# >>> orgprofile \(project): managed, edits inside are replaced >>>"
    }

    public static func endMarker(_ project: String) -> String {
        "# <<< orgprofile \(project) <<<"
    }

    /// What `install --adopt` replaced is kept inside the block, after the generated config,
    /// so that `uninstall` can put it back: this line, then each replaced line of the
    /// person's file behind `recordPrefix`, verbatim.
    public static let recordHeader = "# install --adopt replaced these lines; uninstall puts them back:"
    public static let recordPrefix = "#< "

    /// The lines `install --adopt` recorded in this block of `file`, verbatim.
    public func recordedLines(in file: ConfigFile) -> [String] {
        file.lines[(begin + 1)..<end].compactMap { line in
            line.text.hasPrefix(Self.recordPrefix) ? String(line.text.dropFirst(Self.recordPrefix.count)) : nil
        }
    }

    /// The block's own config lines: what lies between the markers, without the record.
    public func configLines(in file: ConfigFile) -> [String] {
        file.lines[(begin + 1)..<end].map(\.text).filter { $0 != Self.recordHeader && !$0.hasPrefix(Self.recordPrefix) }
    }

    static let beginPrefix = "# >>> orgprofile "
    static let endPrefix = "# <<< orgprofile "

    /// A marker problem, at a 1-based line.
    public struct Problem: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    /// Every block of the file, in order; or the first marker problem: a block that is
    /// never closed, an end without a begin, nested blocks, or two blocks of one project.
    public static func find(in file: ConfigFile) -> Result<[ManagedBlock], Problem> {
        var blocks: [ManagedBlock] = []
        var open: (project: String, line: Int)?
        for (index, line) in file.lines.enumerated() where line.kind == .comment {
            let text = PythonText.strip(Substring(line.text))
            if text.hasPrefix(beginPrefix) {
                let project = String(text.dropFirst(beginPrefix.count).prefix { $0 != ":" && $0 != " " })
                if let open {
                    return .failure(
                        Problem(
                            line: index + 1,
                            message:
                                "an orgprofile \(project) block begins inside the orgprofile \(open.project) block that begins on line \(open.line + 1); blocks cannot nest"
                        ))
                }
                if let earlier = blocks.first(where: { $0.project == project }) {
                    return .failure(
                        Problem(
                            line: index + 1, message: "a second orgprofile \(project) block; the first begins on line \(earlier.begin + 1)")
                    )
                }
                open = (project, index)
            } else if text.hasPrefix(endPrefix) {
                let project = String(text.dropFirst(endPrefix.count).prefix { $0 != " " })
                guard let begun = open else {
                    return .failure(
                        Problem(line: index + 1, message: "the end marker of an orgprofile \(project) block has no begin marker"))
                }
                guard begun.project == project else {
                    return .failure(
                        Problem(
                            line: index + 1,
                            message: "the end marker names \(project), but the open block (line \(begun.line + 1)) is \(begun.project)"))
                }
                blocks.append(ManagedBlock(project: project, begin: begun.line, end: index))
                open = nil
            }
        }
        if let open {
            return .failure(
                Problem(
                    line: open.line + 1,
                    message: "the orgprofile \(open.project) block that begins here is never closed with '\(endMarker(open.project))'"))
        }
        return .success(blocks)
    }
}
