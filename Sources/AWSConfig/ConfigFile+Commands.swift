import Support

extension ConfigFile {
    /// A setting the AWS CLI runs as a program (`CommandSettings`), where it stands.
    public struct CommandSetting: Sendable, Equatable {
        public var section: String
        public var key: String
        public var value: String
        /// 1-based.
        public var line: Int
    }

    /// Every setting the AWS CLI would run as a program, in file order; only those on lines
    /// in `range` (0-based) when it is given.
    public func commandSettings(in range: ClosedRange<Int>? = nil) -> [CommandSetting] {
        sections.flatMap { section in
            section.options.filter { option in
                CommandSettings.runsCommand(key: option.key, value: option.value) && range.map { $0.contains(option.line) } ?? true
            }.map { CommandSetting(section: section.name, key: $0.key, value: $0.value, line: $0.line + 1) }
        }
    }
}
