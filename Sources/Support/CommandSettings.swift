/// The AWS CLI config keys whose value it runs as a program: `credential_process` always,
/// `cli_pager` unless empty. One rule for org.yaml's `allow_commands`, `install --from` and
/// `doctor` (keys as the AWS CLI compares them, lower case; values as it reads them, stripped).
public enum CommandSettings {
    public static let keys: Set<String> = ["credential_process", "cli_pager"]

    /// Whether the AWS CLI would run this setting's value.
    public static func runsCommand(key: String, value: String) -> Bool {
        keys.contains(key) && !(key == "cli_pager" && value.isEmpty)
    }
}
