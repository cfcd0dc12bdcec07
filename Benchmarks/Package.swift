// swift-tools-version: 6.1
import PackageDescription

/// orgprofile's benchmarks, a package of their own so that the tool does not depend on the harness.
let package = Package(
    name: "orgprofile-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "orgprofile", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        /// Synthetic org.yaml files of any size, deterministic from a seed.
        .target(name: "OrgGenerator"),
        .executableTarget(name: "generate-org", dependencies: ["OrgGenerator"]),
        .executableTarget(
            name: "OrgProfile",
            dependencies: [
                "OrgGenerator",
                .product(name: "OrgProfileKit", package: "orgprofile"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/OrgProfile",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
