import Foundation
import Support

/// `orgprofile expire`: org.yaml with the grants that have lapsed taken out of its text, the
/// lines of each entry and nothing else, so that the change reads as a plain removal in review
/// and the git history keeps what was granted.
public enum Expiry {
    public struct Plan: Sendable {
        /// The file with the lapsed entries removed; its bytes as they were when none has lapsed.
        public var bytes: [UInt8]
        /// The grants removed, in file order.
        public var removed: [TimeBoundGrant]
        /// Warnings for lapsed grants left in place, and why.
        public var kept: [Diagnostic]
    }

    /// The plan for `source` as of `asOf`: a grant has lapsed when its `until` is over by then.
    /// Fails with org.yaml's errors when it has any, and when removing the entries would leave it
    /// with an error (the result is analysed again before it is offered).
    public static func plan(_ source: SourceFile, asOf: Date, limits: Limits = .standard) -> Result<Plan, LoadFailure> {
        let spec: OrgSpec
        switch analyze(source, asOf: asOf, limits: limits) {
        case .failure(let failure): return .failure(failure)
        case .success(let analysed): spec = analysed
        }
        let text = EntryText(source.bytes)
        var seen = Set<TimeBoundGrant.Entry>()
        var removals: [(range: Range<Int>, grant: TimeBoundGrant)] = []
        var kept: [Diagnostic] = []
        for grant in spec.timeBoundGrants {
            guard let end = grant.window.window?.end, end <= asOf, seen.insert(grant.entry).inserted else { continue }
            guard let range = text.removal(of: grant.entry) else {
                kept.append(
                    .warning(
                        .expiredAccess,
                        "\(grant.what) has ended, but expire does not edit an entry written this way (with an anchor, or after its '-' on a line of its own); remove it by hand",
                        at: grant.window.until?.location.inFile(source.name)))
                continue
            }
            removals.append((range, grant))
        }
        removals.sort { $0.range.lowerBound < $1.range.lowerBound }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.bytes.count)
        var copied = 0
        for removal in removals {
            bytes += source.bytes[copied..<max(copied, removal.range.lowerBound)]
            copied = max(copied, removal.range.upperBound)
        }
        bytes += source.bytes[copied...]
        let plan = Plan(bytes: bytes, removed: removals.map(\.grant), kept: kept)
        guard !removals.isEmpty else { return .success(plan) }
        let result = SourceFile(name: source.name, bytes: bytes, companions: source.companions)
        if case .failure(let failure) = analyze(result, asOf: asOf, limits: limits) {
            let first = failure.diagnostics.first { $0.severity == .error }
            let reason = first.map { " (\($0.message))" } ?? ""
            return .failure(
                LoadFailure([
                    .error(
                        .expiredAccess,
                        "removing the lapsed entries would leave \(source.name) with an error\(reason); nothing was changed: remove them by hand",
                        at: removals[0].grant.window.until?.location.inFile(source.name))
                ]))
        }
        return .success(plan)
    }

    /// The spec, or the errors that stop expire (warnings do not).
    private static func analyze(_ source: SourceFile, asOf: Date, limits: Limits) -> Result<OrgSpec, LoadFailure> {
        FrontEnd.analyze(source, asOf: asOf, limits: limits).flatMap { analysis in
            let errors = analysis.diagnostics.finished(inFile: source.name).filter { $0.severity == .error }
            return errors.isEmpty ? .success(analysis.spec) : .failure(LoadFailure(errors))
        }
    }
}
