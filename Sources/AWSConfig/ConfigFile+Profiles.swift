/// What the AWS CLI makes of a file's sections: profiles, sso-sessions and their values.
extension ConfigFile {
    /// Which file a `ConfigFile` is: section names mean different things in each.
    public enum Role: Sendable {
        /// `~/.aws/config`: `[profile NAME]`, `[default]`, `[sso-session NAME]`, `[services NAME]`.
        case config
        /// `~/.aws/credentials`: every section is a profile, named exactly as written.
        case credentials
    }

    /// A value as the AWS CLI reads it: a string, or the `key = value` lines of a value that
    /// starts on the line after its key (`s3 =` followed by indented settings).
    public enum Value: Equatable, Sendable {
        case string(String)
        case nested([String: String])
    }

    /// The profile a section defines, if any.
    public static func profileName(ofSection name: String, in role: Role) -> String? {
        switch role {
        case .credentials: return name
        case .config:
            if name == "default" { return "default" }
            return name.hasPrefix("profile") ? secondWord(name) : nil
        }
    }

    /// The sso-session a section defines, if any (config files only).
    public static func ssoSessionName(ofSection name: String) -> String? {
        name.hasPrefix("sso-session") ? secondWord(name) : nil
    }

    /// botocore splits `profile NAME` with `shlex.split` and keeps sections of exactly two
    /// words; anything else (`profile a b`, an unbalanced quote) is silently no profile.
    private static func secondWord(_ name: String) -> String? {
        guard let words = ShellWords.split(name), words.count == 2 else { return nil }
        return words[1]
    }

    /// Section indices by profile name, in file order. More than one index means the AWS CLI
    /// sees one profile where the file has several sections (`[default]` and
    /// `[profile default]`); the last one wins.
    public func profileSections(as role: Role) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for (index, section) in sections.enumerated() {
            if let name = Self.profileName(ofSection: section.name, in: role) { result[name, default: []].append(index) }
        }
        return result
    }

    /// Section indices by sso-session name.
    public func ssoSessionSections() -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for (index, section) in sections.enumerated() {
            if let name = Self.ssoSessionName(ofSection: section.name) { result[name, default: []].append(index) }
        }
        return result
    }

    /// A section's values as the AWS CLI sees them: its own keys over `[DEFAULT]`'s.
    public func values(of section: Int) -> [String: Value] {
        var values: [String: Value] = [:]
        for option in defaults + sections[section].options {
            values[option.key] = Self.value(option.value) ?? .string(option.value)
        }
        return values
    }

    /// The profiles and sso-sessions the AWS CLI reads from the file, with their values.
    public func profiles(as role: Role) -> (profiles: [String: [String: Value]], ssoSessions: [String: [String: Value]]) {
        var profiles: [String: [String: Value]] = [:]
        var sessions: [String: [String: Value]] = [:]
        for (index, section) in sections.enumerated() {
            if let name = Self.profileName(ofSection: section.name, in: role) {
                profiles[name] = values(of: index)
            } else if role == .config, let name = Self.ssoSessionName(ofSection: section.name) {
                sessions[name] = values(of: index)
            }
        }
        return (profiles, sessions)
    }

    /// A value that starts with a line break holds `key = value` sub-settings; nil for a
    /// plain value, or for sub-settings that do not parse.
    static func value(_ raw: String) -> Value? {
        guard raw.hasPrefix("\n") else { return nil }
        var nested: [String: String] = [:]
        for line in PythonText.splitLines(raw) {
            let stripped = PythonText.strip(line)
            if stripped.isEmpty { continue }
            guard let equals = stripped.firstIndex(of: "=") else { return nil }
            nested[String(PythonText.strip(stripped[..<equals]))] = String(PythonText.strip(stripped[stripped.index(after: equals)...]))
        }
        return .nested(nested)
    }

    /// botocore reads sub-settings of every value of every section and refuses the file
    /// when one has a line without `=`.
    func checkSubSettings() throws(ParseError) {
        guard !sections.isEmpty else { return }
        for option in defaults + sections.flatMap(\.options) where option.value.hasPrefix("\n") && Self.value(option.value) == nil {
            throw ParseError(line: option.line + 1, message: "the sub-settings of '\(option.key)' have a line without '='")
        }
    }
}

/// Python's `shlex.split` in POSIX mode, enough for section names: words separated by
/// whitespace, single and double quotes, backslash escapes.
enum ShellWords {
    /// The words, or nil where shlex would raise (an unbalanced quote, a trailing backslash).
    static func split(_ text: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaping = false
        for character in text {
            if escaping {
                if quote == "\"", !"\\\"$`\n".contains(character) { word.append("\\") }
                word.append(character)
                escaping = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                escaping = true
                inWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, _) where character.isWhitespace:
                if inWord { words.append(word) }
                word = ""
                inWord = false
            default:
                word.append(character)
                inWord = true
            }
        }
        if quote != nil || escaping { return nil }
        if inWord { words.append(word) }
        return words
    }
}
