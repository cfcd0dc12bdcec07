import OrgYAML
import Support

/// Everything `compile` produces, rendered one principal at a time on both cores: each
/// file goes to a consumer as soon as it exists, then the access page, and the manifest
/// follows as a stream. `compile` writes what it is given, `check` compares it; both see
/// exactly the same files. What the render resolved is kept as numbers (`ResolvedAccess`)
/// for the page and the manifest, so nobody is resolved twice.
public enum OutputBuild {
    public struct Totals: Equatable, Sendable {
        public var users = 0
        public var groups = 0
        public var profiles = 0
        public var files = 0
    }

    /// Principals per core in one batch: enough to keep every core busy between two
    /// hand-overs, few enough that a batch's results (files that differ, in `check`) stay small.
    static let batchPerCore = 32

    /// Renders every principal and calls `consume` with each of its files, in a worker that
    /// has its own `OutputFolder` (so its cache of checked folders needs no lock). Principals
    /// go in consecutive batches split over the cores (`Parallel.chunks`); `collect` then receives what
    /// `consume` returned in render order, so everything the caller sees, and the first
    /// error it gets, is the same on every run.
    static func run<Outcome: Sendable>(
        _ renderer: Renderer, root: String,
        consume: @Sendable (inout OutputFolder, OutputFile) throws -> Outcome,
        collect: (Outcome) throws -> Void
    ) throws -> (manifest: ManifestStream, totals: Totals) {
        let principals = renderer.model.principals
        // One folder and one rendering scratch per worker, each touched only by its worker.
        nonisolated(unsafe) let workers = UnsafeMutableBufferPointer<Worker>.allocate(capacity: Parallel.cores)
        // Each its own: a worker holds a render buffer, which is a reference.
        for index in workers.indices { (workers.baseAddress! + index).initialize(to: Worker(folder: OutputFolder(root: root))) }
        defer { workers.deinitialize().deallocate() }
        func render(_ range: Range<Int>, worker: Int) -> Result<[Rendered<Outcome>], Error> {
            Result {
                try range.map { index in
                    var consumed: [(file: Manifest.File, outcome: Outcome)] = []
                    let resolved = renderer.model.profiles(for: principals[index])
                    try renderer.render(principals[index], profiles: resolved.profiles, using: &workers[worker].scratch) { file in
                        consumed.append(
                            (
                                Manifest.File(path: file.path, sha256: Manifest.sha256(file.contents)),
                                try consume(&workers[worker].folder, file)
                            ))
                    }
                    return Rendered(principal: principals[index], profiles: resolved, files: consumed)
                }
            }
        }

        var totals = Totals()
        var files: [Manifest.File] = []
        var access = ResolvedAccess(targetsOf: renderer.model)
        var start = 0
        while start < principals.count {
            let end = min(start + Parallel.cores * batchPerCore, principals.count)
            let chunks = Parallel.chunks(end - start) { worker, range in
                render((start + range.lowerBound)..<(start + range.upperBound), worker: worker)
            }
            for chunk in chunks {
                for rendered in try chunk.get() {
                    switch rendered.principal.kind {
                    case .user: totals.users += 1
                    case .group: totals.groups += 1
                    }
                    totals.profiles += rendered.profiles.count
                    access.add(rendered.principal, rendered.profiles)
                    for (file, outcome) in rendered.files {
                        try collect(outcome)
                        files.append(file)
                    }
                }
            }
            start = end
        }
        // The page at the top, beside users/ and groups/, which it links to.
        let page = OutputFile(
            path: AccessPage.fileName,
            contents: AccessPage(model: renderer.model, access: access, sourceName: renderer.sourceName, links: true).bytes())
        try collect(try consume(&workers[0].folder, page))
        files.append(Manifest.File(path: page.path, sha256: Manifest.sha256(page.contents)))
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        totals.files = files.count
        let manifest = ManifestStream(
            generator: "\(OrgProfile.name) \(OrgProfile.version)", source: renderer.sourceName, files: files, access: access)
        return (manifest, totals)
    }

    /// What one worker keeps from one principal to the next.
    struct Worker {
        var folder: OutputFolder
        var scratch = Renderer.Scratch()
    }

    /// One principal's share of the output, as a worker hands it back.
    struct Rendered<Outcome: Sendable>: Sendable {
        var principal: Principal
        var profiles: PrincipalProfiles
        var files: [(file: Manifest.File, outcome: Outcome)]
    }
}
