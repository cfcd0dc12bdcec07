import OrgProfileKit
import Support

/// Drift as the access page marks it (`report --format html --snapshot`).
extension Drift {
    /// Every finding, in drift's order, so that the page counts what `drift` counts; an
    /// assignment declared and missing, or present and undeclared, is named so for the page
    /// to draw it on the profiles.
    public var pageMarks: [AccessPage.DriftMark] {
        subjects.flatMap { subject in
            subject.findings.map { finding in
                let kind: String =
                    switch finding.kind {
                    case .missingAssignment: "missing"
                    case .undeclaredAssignment: "undeclared"
                    default: finding.kind.rawValue
                    }
                return AccessPage.DriftMark(
                    kind: kind, subject: subject.kind, name: subject.name ?? "", undeclared: subject.undeclared,
                    account: finding.account ?? "", role: finding.role ?? "", group: finding.group ?? "",
                    message: finding.message.lines[0], isPrivileged: finding.isPrivileged)
            }
        }
    }
}
