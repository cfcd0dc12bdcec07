import OrgProfileKit

/// Drift as the access page marks it (`report --format html --snapshot`).
extension Drift {
    /// Every assignment of a user or group that org.yaml declares and Identity Center lacks,
    /// and every one Identity Center has that org.yaml does not declare.
    public var pageMarks: [AccessPage.DriftMark] {
        subjects.flatMap { subject in
            subject.findings.compactMap { finding -> AccessPage.DriftMark? in
                guard let kind = subject.kind, let name = subject.name, let account = finding.account, let role = finding.role
                else { return nil }
                switch finding.kind {
                case .missingAssignment: return .init(missing: true, kind: kind, name: name, account: account, role: role)
                case .undeclaredAssignment: return .init(missing: false, kind: kind, name: name, account: account, role: role)
                default: return nil
                }
            }
        }
    }
}
