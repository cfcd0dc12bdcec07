/// ANSI colours for output shown on a terminal; plain text when disabled (piped output,
/// `NO_COLOR`).
public struct TerminalStyle: Sendable {
    public enum Color: String, Sendable {
        case red = "31"
        case green = "32"
        case cyan = "36"
        case bold = "1"
        case boldRed = "1;31"
        case boldYellow = "1;33"
        case boldCyan = "1;36"
    }

    public var enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public func apply(_ color: Color?, _ text: String) -> String {
        guard enabled, let color else { return text }
        return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[m"
    }
}
