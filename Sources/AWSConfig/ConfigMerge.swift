/// Plans `install` and `uninstall`: the new bytes of a config file with the managed block
/// put in or taken out, or every reason not to touch it. Works in memory; nothing here
/// writes.
public enum ConfigMerge {
    /// A reason to refuse, at a place in one of the files.
    public struct Conflict: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        /// 1-based; nil for a problem with the whole file.
        public var line: Int?
        public var message: String

        public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
    }

    /// Every reason not to touch the files.
    public struct Refusal: Error, Equatable, Sendable {
        public var conflicts: [Conflict]
    }

    /// A hand-written section `--adopt` took over: every setting whose value changes, and
    /// what the person had that the generated section lacks.
    public struct Adoption: Equatable, Sendable {
        /// A key both sections have, with another value in each.
        public struct ChangedSetting: Equatable, Sendable {
            public var key: String
            public var old: String
            public var new: String

            public init(key: String, old: String, new: String) {
                self.key = key
                self.old = old
                self.new = new
            }
        }

        /// A setting the generated profile does not hold itself but its sso-session does
        /// (`sso_start_url` and `sso_region` of a legacy profile): where the value went.
        public struct MovedSetting: Equatable, Sendable {
            public var key: String
            public var old: String
            /// `sso-session acme`: the section that holds it now.
            public var section: String
            public var new: String
        }

        public var section: String
        public var line: Int
        /// Keys of both sections whose values differ, in the old section's order.
        public var changedSettings: [ChangedSetting]
        /// Settings now held by the sso-session the generated profile names.
        public var movedSettings: [MovedSetting] = []
        /// `key = value` lines of the old section whose keys the generated one lacks.
        public var lostSettings: [String]
        /// The section's lines as they were, which the block records for `uninstall`.
        public var originalLines: [String] = []

        public init(
            section: String, line: Int, changedSettings: [ChangedSetting] = [], movedSettings: [MovedSetting] = [], lostSettings: [String],
            originalLines: [String] = []
        ) {
            self.section = section
            self.line = line
            self.changedSettings = changedSettings
            self.movedSettings = movedSettings
            self.lostSettings = lostSettings
            self.originalLines = originalLines
        }
    }

    /// What `uninstall` took out and put back.
    public struct Removal: Equatable, Sendable {
        public var bytes: [UInt8]
        /// Sections `install --adopt` had replaced, put back where the block was.
        public var restored: [String]
        /// Recorded sections not put back: a section of that name exists again outside the block.
        public var notRestored: [String]
    }

    public struct Plan: Equatable, Sendable {
        public var bytes: [UInt8]
        public var adoptions: [Adoption]
        /// The profiles and sso-sessions the block holds.
        public var profiles: [String]
        public var ssoSessions: [String]
    }

    /// Puts `block` (a complete config, e.g. one that `compile` wrote) into `config` as the
    /// managed block of `project`, replacing an earlier block of that project in place or
    /// appending it.
    public static func install(
        block: String, project: String, config: [UInt8]?, configPath: String,
        credentials: [UInt8]?, credentialsPath: String, adopt: Bool
    ) -> Result<Plan, Refusal> {
        var conflicts: [Conflict] = []
        let generated: ConfigFile
        do {
            generated = try ConfigFile.parse(Array(block.utf8))
        } catch {
            return .failure(Refusal(conflicts: [Conflict(path: "the generated config", line: error.line, message: error.message)]))
        }
        if case .success(let blocks) = ManagedBlock.find(in: generated), !blocks.isEmpty {
            return .failure(
                Refusal(conflicts: [
                    Conflict(path: "the generated config", line: blocks[0].begin + 1, message: "it holds orgprofile markers itself")
                ]))
        }
        let existing: ConfigFile
        let blocks: [ManagedBlock]
        switch read(config ?? [], path: configPath) {
        case .failure(let conflict): return .failure(Refusal(conflicts: [conflict]))
        case .success(let (file, found)): (existing, blocks) = (file, found)
        }
        let profiles = generated.profileSections(as: .config).keys.sorted()
        let sessions = generated.ssoSessionSections().keys.sorted()
        let own = blocks.first { $0.project == project }

        // Same-named sections outside this project's block.
        var removals: [ClosedRange<Int>] = []
        var adoptions: [Adoption] = []
        let clashes =
            existing.profileSections(as: .config).filter { profiles.contains($0.key) }.map { ("profile", $0.key, $0.value) }
            + existing.ssoSessionSections().filter { sessions.contains($0.key) }.map { ("sso-session", $0.key, $0.value) }
        for (kind, name, indices) in clashes {
            for index in indices {
                let section = existing.sections[index]
                if let own, (own.begin...own.end).contains(section.line) { continue }
                if let other = blocks.first(where: { ($0.begin...$0.end).contains(section.line) }) {
                    conflicts.append(
                        Conflict(
                            path: configPath, line: section.line + 1,
                            message:
                                "[\(section.name)] is the \(kind) \(name) of the orgprofile \(other.project) block; two projects cannot install the same \(kind)"
                        ))
                } else if adopt {
                    removals.append(section.line...section.lastLine)
                    adoptions.append(adoption(of: index, in: existing, replacedBy: generated, kind: kind, name: name))
                } else {
                    conflicts.append(
                        Conflict(
                            path: configPath, line: section.line + 1,
                            message:
                                "[\(section.name)] already defines the \(kind) \(name) outside the orgprofile \(project) block; remove it, or run again with --adopt to take it over"
                        ))
                }
            }
        }
        conflicts += credentialClashes(profiles, credentials: credentials, path: credentialsPath)
        guard conflicts.isEmpty else { return .failure(Refusal(conflicts: conflicts)) }

        let ending = existing.lines.first(where: { !$0.ending.isEmpty })?.ending ?? "\n"
        // What earlier adoptions recorded stays recorded; this one's lines join it.
        let record = (own.map { $0.recordedLines(in: existing) } ?? []) + adoptions.sorted { $0.line < $1.line }.flatMap(\.originalLines)
        let newBlock = blockLines(block, project: project, ending: ending, record: record)
        if let own { removals.append(own.begin...own.end) }
        // Every line stays but the removed ones; the block goes where its old self was, or at the end.
        var lines: [ConfigFile.Line] = []
        for (index, line) in existing.lines.enumerated() {
            if index == own?.begin { lines += newBlock }
            if !removals.contains(where: { $0.contains(index) }) { lines.append(line) }
        }
        if own == nil {
            if let last = lines.indices.last, lines[last].ending.isEmpty { lines[last].ending = ending }
            lines += newBlock
        }
        let bytes = lines.flatMap { Array($0.text.utf8) + Array($0.ending.utf8) }
        return .success(Plan(bytes: bytes, adoptions: adoptions.sorted { $0.line < $1.line }, profiles: profiles, ssoSessions: sessions))
    }

    /// Takes the managed block of `project` out of `config`, and puts back in its place what
    /// `install --adopt` recorded in it (unless a section of that name exists again outside
    /// the block); nil when there is no block.
    public static func uninstall(project: String, config: [UInt8], configPath: String) -> Result<Removal?, Refusal> {
        switch read(config, path: configPath) {
        case .failure(let conflict):
            return .failure(Refusal(conflicts: [conflict]))
        case .success(let (file, blocks)):
            guard let block = blocks.first(where: { $0.project == project }) else { return .success(nil) }
            let ending = file.lines[block.begin].ending.isEmpty ? "\n" : file.lines[block.begin].ending
            var outside = Set(file.sections.filter { !(block.begin...block.end).contains($0.line) }.map(\.name))
            var restored: [String] = []
            var notRestored: [String] = []
            var putBack: [ConfigFile.Line] = []
            let recorded = block.recordedLines(in: file)
            let record: ConfigFile
            do {
                record = try ConfigFile.parse(Array(recorded.map { $0 + "\n" }.joined().utf8))
            } catch {
                // Dropped, the hand-written sections would be lost: refuse, and say what to do.
                return .failure(
                    Refusal(conflicts: [
                        Conflict(
                            path: configPath, line: block.begin + 1,
                            message:
                                "the lines install --adopt recorded in this block (behind '\(ManagedBlock.recordPrefix)') cannot be read (\(error.message)); put the sections back by hand and remove those lines, then run uninstall again"
                        )
                    ]))
            }
            for section in record.sections {
                guard outside.insert(section.name).inserted else {
                    notRestored.append(section.name)
                    continue
                }
                restored.append(section.name)
                putBack += recorded[section.line...section.lastLine].map { ConfigFile.Line(text: $0, ending: ending, kind: .comment) }
            }
            var lines = file.lines
            lines.replaceSubrange(block.begin...block.end, with: putBack)
            return .success(
                Removal(bytes: lines.flatMap { Array($0.text.utf8) + Array($0.ending.utf8) }, restored: restored, notRestored: notRestored))
        }
    }

    /// The managed blocks of a config file, or why it cannot be read.
    public static func blocks(in config: [UInt8], configPath: String) -> Result<[ManagedBlock], Refusal> {
        read(config, path: configPath).map(\.1).mapError { Refusal(conflicts: [$0]) }
    }

    /// The file read by the AWS CLI's rules, and its blocks; a conflict when either fails.
    static func read(_ bytes: [UInt8], path: String) -> Result<(ConfigFile, [ManagedBlock]), Conflict> {
        let file: ConfigFile
        do {
            file = try ConfigFile.parse(bytes)
        } catch {
            return .failure(
                Conflict(
                    path: path, line: error.line,
                    message: "the AWS CLI cannot read this file (\(error.message)); fix it first, orgprofile does not repair it"))
        }
        switch ManagedBlock.find(in: file) {
        case .failure(let problem): return .failure(Conflict(path: path, line: problem.line, message: problem.message))
        case .success(let blocks): return .success((file, blocks))
        }
    }

    /// Profiles of the same name in the credentials file: the AWS CLI would mix their keys
    /// into the generated profiles. Credentials are never edited, so each is a conflict.
    static func credentialClashes(_ profiles: [String], credentials: [UInt8]?, path: String) -> [Conflict] {
        guard let credentials else { return [] }
        let file: ConfigFile
        do {
            file = try ConfigFile.parse(credentials)
        } catch {
            return [Conflict(path: path, line: error.line, message: "the AWS CLI cannot read this file (\(error.message)); fix it first")]
        }
        return file.profileSections(as: .credentials).filter { profiles.contains($0.key) }.flatMap { name, indices in
            indices.map { index in
                Conflict(
                    path: path, line: file.sections[index].line + 1,
                    message:
                        "[\(file.sections[index].name)] has the name of the profile \(name) that would be installed; the AWS CLI would mix the two, so rename or remove it (orgprofile never edits credentials)"
                )
            }
        }.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    static func adoption(of index: Int, in file: ConfigFile, replacedBy generated: ConfigFile, kind: String, name: String) -> Adoption {
        let section = file.sections[index]
        let replacement =
            kind == "profile" ? generated.profileSections(as: .config)[name]?.first : generated.ssoSessionSections()[name]?.first
        var kept: [String: String] = [:]
        for option in replacement.map({ generated.sections[$0].options }) ?? [] { kept[option.key] = option.value }
        // The sso-session the generated profile names holds the sign-in settings now.
        var session: (name: String, options: [String: String])?
        if let name = kept["sso_session"], let found = generated.ssoSessionSections()[name]?.first {
            session = (
                name, Dictionary(generated.sections[found].options.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            )
        }
        /// A value on one line: a nested value's line breaks shown as `\n`.
        func shown(_ value: String) -> String { value.replacingOccurrences(of: "\n", with: "\\n") }
        var changed: [Adoption.ChangedSetting] = []
        var moved: [Adoption.MovedSetting] = []
        var lost: [String] = []
        for option in section.options {
            if let new = kept[option.key] {
                if new != option.value { changed.append(.init(key: option.key, old: shown(option.value), new: shown(new))) }
            } else if let session, let new = session.options[option.key] {
                moved.append(.init(key: option.key, old: shown(option.value), section: "sso-session \(session.name)", new: shown(new)))
            } else {
                lost.append("\(option.key) = \(shown(option.value))")
            }
        }
        return Adoption(
            section: section.name, line: section.line + 1, changedSettings: changed, movedSettings: moved, lostSettings: lost,
            originalLines: file.lines[section.line...section.lastLine].map(\.text))
    }

    /// The block's lines: begin marker, the generated config, what `--adopt` replaced (if
    /// anything), end marker, in the file's line-ending style.
    static func blockLines(_ block: String, project: String, ending: String, record: [String] = []) -> [ConfigFile.Line] {
        var texts = [ManagedBlock.beginMarker(project)]
        texts += ConfigFile.splitLines(block).map(\.text)
        if !record.isEmpty { texts += [ManagedBlock.recordHeader] + record.map { ManagedBlock.recordPrefix + $0 } }
        texts.append(ManagedBlock.endMarker(project))
        return texts.map { ConfigFile.Line(text: $0, ending: ending, kind: .comment) }
    }
}
