import OrgProfileKit
import OrgYAML
import Support

/// How `drift` prints a `Drift`: for a terminal, for a pull-request comment, or as JSON with
/// a stable schema (docs/live.md).
public enum DriftFormat: String, CaseIterable, Sendable {
    case text, markdown, json

    public func render(_ drift: Drift) -> String {
        switch self {
        case .text: Self.text(drift)
        case .markdown: Self.markdown(drift)
        case .json: Self.json(drift)
        }
    }

    static func title(_ subject: Drift.Subject) -> String {
        guard let kind = subject.kind, let name = subject.name else { return "org.yaml's accounts and roles" }
        return "\(kind.rawValue) \(name)" + (subject.undeclared ? " (not in org.yaml)" : "")
    }

    static func summary(_ drift: Drift) -> String {
        let findings = drift.subjects.flatMap(\.findings)
        let privileged = findings.filter(\.isPrivileged).count
        return
            "\(findings.count) difference\(findings.count == 1 ? "" : "s") between org.yaml and IAM Identity Center; \(privileged) privileged"
    }

    static func text(_ drift: Drift) -> String {
        guard !drift.isEmpty else { return "no drift: IAM Identity Center holds exactly what org.yaml declares\n" }
        var output = summary(drift) + "\n"
        for subject in drift.subjects {
            output += "\n\(TerminalText.escaped(title(subject)))\n"
            for finding in subject.findings {
                let lines = finding.message.lines
                output +=
                    "  \(finding.isPrivileged ? "!" : " ") \(TerminalText.escaped(lines[0]))"
                    + (finding.location.map { " (\(TerminalText.escaped("\($0)")))" } ?? "") + "\n"
                    + lines.dropFirst().map { "      " + TerminalText.escaped($0) + "\n" }.joined()
            }
        }
        return output
    }

    static func markdown(_ drift: Drift) -> String {
        guard !drift.isEmpty else { return "**Drift:** none; IAM Identity Center holds exactly what org.yaml declares\n" }
        var output = "**Drift:** \(summary(drift))\n"
        for subject in drift.subjects {
            output +=
                "\n### \(subject.isPrivileged ? ":warning: " : "")\(Markdown.text(title(subject)))\n\n| | Difference | In org.yaml |\n| --- | --- | --- |\n"
            // A finding's further lines (a policy's diff) follow the table as a fenced block.
            var blocks = ""
            for finding in subject.findings {
                let place = finding.location.map { Markdown.code("\($0)") } ?? ""
                let lines = finding.message.lines
                output += "| \(finding.isPrivileged ? ":warning:" : "") | \(Markdown.text(lines[0])) | \(place) |\n"
                if lines.count > 1 { blocks += "\n" + Markdown.fenced(Array(lines.dropFirst()), info: "diff") }
            }
            output += blocks
        }
        return output
    }

    struct JSONDocument: Encodable {
        struct Subject: Encodable {
            var kind: String?
            var name: String?
            var undeclared: Bool
            var privileged: Bool
            var findings: [Finding]
        }

        struct Finding: Encodable {
            var kind: Drift.Kind
            var privileged: Bool
            var account: String?
            var role: String?
            var group: String?
            var message: String
            var file: String?
            var line: Int?
            var column: Int?
        }

        var differences: Int
        var privileged: Int
        var subjects: [Subject]
    }

    static func json(_ drift: Drift) -> String {
        let subjects = drift.subjects.map { subject in
            JSONDocument.Subject(
                kind: subject.kind?.rawValue, name: subject.name, undeclared: subject.undeclared, privileged: subject.isPrivileged,
                findings: subject.findings.map { finding in
                    JSONDocument.Finding(
                        kind: finding.kind, privileged: finding.isPrivileged, account: finding.account, role: finding.role,
                        group: finding.group,
                        message: finding.message, file: finding.location?.file, line: finding.location?.line,
                        column: finding.location?.column)
                })
        }
        let findings = drift.subjects.flatMap(\.findings)
        return JSON.encode(JSONDocument(differences: findings.count, privileged: findings.filter(\.isPrivileged).count, subjects: subjects))
    }
}
