import Benchmark
import Foundation
import OrgGenerator
import OrgProfileKit
import OrgYAML

/// In-process benchmarks of the pipeline's stages on a 1,000-user org (the whole-process
/// comparisons against cp, cat and libyaml are scripts/bench.sh's).
let benchmarks: @Sendable () -> Void = {
    let source = SourceFile(
        name: "org.yaml", bytes: Array(OrgGenerator(users: 1_000, accounts: 300, groups: 200, accountsPerAssignment: 10).yaml().utf8))
    let metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .peakMemoryResident]

    Benchmark("analyze (load, decode, validate, resolve)", configuration: .init(metrics: metrics, maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Compiler.analyze(source))
        }
    }

    Benchmark("render every principal", configuration: .init(metrics: metrics, maxIterations: 10)) { benchmark in
        let model = Compiler.analyze(source).model!
        let renderer = Renderer(model: model, templates: .builtin(), sourceName: "org.yaml")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for principal in model.principals { blackHole(renderer.files(for: principal)) }
        }
    }

    Benchmark("compile into a folder, nothing changed", configuration: .init(metrics: metrics, maxIterations: 10)) { benchmark in
        let model = Compiler.analyze(source).model!
        let renderer = Renderer(model: model, templates: .builtin(), sourceName: "org.yaml")
        let folder = NSTemporaryDirectory() + "orgprofile-bench-\(UUID().uuidString)"
        _ = try OutputWriter(root: folder).write(renderer)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try OutputWriter(root: folder).write(renderer))
        }
    }
}
