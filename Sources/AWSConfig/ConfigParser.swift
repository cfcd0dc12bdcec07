/// The line-by-line reading of `ConfigFile.parse`: Python's `RawConfigParser._read` in
/// strict mode, as botocore uses it.
struct ConfigParser {
    var lines: [ConfigFile.Line]
    private var sections: [ConfigFile.Section] = []
    private var defaults: [ConfigFile.Option] = []
    private var sectionIndex: [String: Int] = [:]
    /// The section being read: an index into `sections`, or -1 for `[DEFAULT]`.
    private var current: Int?
    /// The option whose value indented lines continue, as (section, option) indices.
    private var currentOption: (section: Int, option: Int)?
    private var indentLevel = 0
    /// Value pieces per option, joined at the end: [section][option].
    private var pieces: [Int: [[Substring]]] = [:]
    private var firstError: ConfigFile.ParseError?

    init(lines: [ConfigFile.Line]) {
        self.lines = lines
    }

    mutating func run() throws(ConfigFile.ParseError) -> ConfigFile {
        for number in lines.indices {
            try read(number)
        }
        if let firstError { throw firstError }
        var file = ConfigFile(lines: lines, sections: sections, defaults: defaults)
        for (section, values) in pieces {
            for (option, parts) in values.enumerated() {
                let value = PythonText.rstrip(parts.joined(separator: "\n"))
                if section == -1 { file.defaults[option].value = value } else { file.sections[section].options[option].value = value }
            }
        }
        try file.checkSubSettings()
        return file
    }

    private mutating func read(_ number: Int) throws(ConfigFile.ParseError) {
        let text = Substring(lines[number].text)
        let value = PythonText.strip(text)
        if value.hasPrefix("#") || value.hasPrefix(";") {
            lines[number].kind = .comment
            return
        }
        if value.isEmpty {
            // A blank line inside a value adds an empty line to it.
            if let (section, option) = currentOption {
                pieces[section, default: []][option].append("")
            }
            lines[number].kind = .blank
            return
        }
        let indent =
            text.unicodeScalars.firstIndex(where: { !PythonText.isSpace($0) }).map {
                text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0)
            } ?? 0
        if current != nil, let (section, option) = currentOption, indent > indentLevel {
            pieces[section, default: []][option].append(value)
            lines[number].kind = .continuation
            extendSection(section, to: number)
            return
        }
        indentLevel = indent
        if let header = Self.sectionHeader(value) {
            try startSection(header, at: number)
            return
        }
        guard let section = current else {
            throw ConfigFile.ParseError(
                line: number + 1, message: "'\(text)' is outside any section; the file must start with a [section] header")
        }
        guard let delimiter = value.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
            record(
                ConfigFile.ParseError(
                    line: number + 1, message: "'\(value)' is not a section, a 'key = value' line, a comment or a continuation"))
            return
        }
        let name = PythonText.strip(value[..<delimiter])
        if name.isEmpty {
            record(ConfigFile.ParseError(line: number + 1, message: "'\(value)' has no key before '\(value[delimiter])'"))
        }
        let key = name.lowercased()
        let options = section == -1 ? defaults : sections[section].options
        if options.contains(where: { $0.key == key }) {
            let sectionName = section == -1 ? "DEFAULT" : sections[section].name
            throw ConfigFile.ParseError(
                line: number + 1, message: "duplicate key '\(key)' in section [\(sectionName)]; the AWS CLI refuses the whole file")
        }
        let first = PythonText.strip(value[value.index(after: delimiter)...])
        let option = ConfigFile.Option(key: key, value: String(first), line: number)
        if section == -1 {
            defaults.append(option)
        } else {
            sections[section].options.append(option)
            extendSection(section, to: number)
        }
        pieces[section, default: []].append([first])
        currentOption = (section, options.count)
        lines[number].kind = .option
    }

    private mutating func startSection(_ name: String, at number: Int) throws(ConfigFile.ParseError) {
        if let existing = sectionIndex[name] {
            throw ConfigFile.ParseError(
                line: number + 1,
                message: "duplicate section [\(name)] (first on line \(sections[existing].line + 1)); the AWS CLI refuses the whole file")
        }
        if name == "DEFAULT" {
            current = -1
        } else {
            sectionIndex[name] = sections.count
            current = sections.count
            sections.append(ConfigFile.Section(name: name, line: number, lastLine: number, options: []))
        }
        lines[number].kind = .section(current == -1 ? -1 : sections.count - 1)
        currentOption = nil
    }

    private mutating func extendSection(_ section: Int, to number: Int) {
        if section >= 0 { sections[section].lastLine = number }
    }

    /// The first problem is reported; like Python, reading goes on to find a fatal one.
    private mutating func record(_ error: ConfigFile.ParseError) {
        if firstError == nil { firstError = error }
    }

    /// `[NAME]` as Python's `\[(?P<header>.+)\]` matches it at the start of the stripped
    /// line: everything up to the last `]`, at least one character.
    static func sectionHeader(_ value: Substring) -> String? {
        guard value.hasPrefix("["), let close = value.lastIndex(of: "]") else { return nil }
        let header = value[value.index(after: value.startIndex)..<close]
        return header.isEmpty ? nil : String(header)
    }
}
