/// The AWS CLI config keys whose value it runs as a program: `credential_process` always,
/// `cli_pager` unless empty. One list for org.yaml's `allow_commands` rule, `install --from`
/// and `doctor`.
public enum CommandSettings {
    public static let keys: Set<String> = ["credential_process", "cli_pager"]

    /// Whether the AWS CLI would run this setting's value (keys compared without case, as it does).
    public static func runsCommand(key: String, value: String) -> Bool {
        let key = key.lowercased()
        return keys.contains(key) && !(key == "cli_pager" && value.trimmingBlanks().isEmpty)
    }
}

extension String {
    fileprivate func trimmingBlanks() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
