/// ANSI colours for output shown on a terminal; plain text when disabled (piped output,
/// `NO_COLOR`).
public struct TerminalStyle: Sendable {
    public enum Color: String, Sendable {
        case red = "31", green = "32", yellow = "33", cyan = "36", bold = "1", boldRed = "1;31", boldYellow = "1;33", boldCyan = "1;36"
    }

    public var enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public func apply(_ color: Color?, _ text: String) -> String {
        guard enabled, let color else { return text }
        return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[m"
    }

    func bold(_ text: String) -> String { apply(.bold, text) }
    func cyan(_ text: String) -> String { apply(.cyan, text) }
}
