// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "orgprofile",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "orgprofile", targets: ["orgprofile"]),
        .library(name: "OrgProfileKit", targets: ["OrgProfileKit", "OrgYAML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    ],
    targets: [
        /// The system libyaml, seen only by the Syntax layer of OrgYAML.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        /// Turns Templates/*.mustache into Swift string constants at build time.
        .executableTarget(name: "EmbedTemplatesTool"),
        .plugin(
            name: "EmbedTemplates",
            capability: .buildTool(),
            dependencies: ["EmbedTemplatesTool"]
        ),
        /// The few helpers every stage may use: one way to run work in parallel (Parallel),
        /// one JSON writer (JSON), terminal colours (TerminalStyle), one clock format (UTCTime).
        .target(name: "Support"),
        /// Files written so that nothing a person owns is lost: atomic replacement, backups,
        /// locks, reads that never follow links. Knows nothing of org.yaml or AWS.
        .target(name: "FileSafety", dependencies: ["Support"]),
        /// The AWS CLI's config and credentials files: reading them as the CLI does, merging
        /// orgprofile's block into them, checking a setup (doctor). Knows nothing of org.yaml.
        .target(name: "AWSConfig", dependencies: ["FileSafety", "Support", .product(name: "Crypto", package: "swift-crypto")]),
        /// The front half of the pipeline: org.yaml loaded with positions through libyaml
        /// (Syntax), decoded into a spec (Spec), checked against its rules (Validation), with
        /// every problem a located diagnostic (Diagnostics). Knows nothing of what is built
        /// from the spec.
        .target(name: "OrgYAML", dependencies: ["CLibYAML", "FileSafety", "Support"]),
        /// The back half: the access model resolved from a spec, configs rendered through
        /// templates, output written, access reviewed.
        .target(
            name: "OrgProfileKit",
            dependencies: [
                "OrgYAML",
                "Support",
                "FileSafety",
                "AWSConfig",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedTemplates"]
        ),
        /// Calling AWS's JSON APIs from orgprofile's own process: Signature Version 4, the
        /// credentials it signs with, endpoints, pages, throttling and retries, over
        /// AsyncHTTPClient (SwiftNIO and its TLS, linked statically). Knows nothing of org.yaml
        /// or Identity Center.
        .target(
            name: "AWSClient",
            dependencies: [
                "Support",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The trust a CA bundle (AWS_CA_BUNDLE) gives.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        /// The snapshot of a live Identity Center: its JSON format and its index, where a
        /// snapshot comes from, and the live side's diagnostic codes; pure data that the reader
        /// writes and reconciliation and access as code read.
        .target(name: "IdentityCenterSnapshot", dependencies: ["OrgYAML", "Support", "FileSafety"]),
        /// Reading the live IAM Identity Center into a snapshot: the calls it makes, typed
        /// (`Calls/`: each rendered as a JSON 1.1 request or as `aws` arguments), and the
        /// enumeration that makes them (`Reading/`).
        .target(
            name: "IdentityCenter",
            dependencies: ["IdentityCenterSnapshot", "OrgProfileKit", "OrgYAML", "Support", "FileSafety", "AWSConfig", "AWSClient"]
        ),
        /// org.yaml against a snapshot: names resolved to IDs (`Grants`), org.yaml bootstrapped
        /// from it (`OrgImport`), and the drift between them.
        .target(name: "Reconciliation", dependencies: ["IdentityCenterSnapshot", "OrgProfileKit", "OrgYAML", "Support", "FileSafety"]),
        /// Access as code: the plan of assignments and the CloudFormation and Terraform that
        /// deploy what org.yaml grants.
        .target(
            name: "AccessAsCode",
            dependencies: [
                "Reconciliation", "IdentityCenterSnapshot", "OrgProfileKit", "OrgYAML", "Support",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "orgprofile",
            dependencies: [
                "OrgProfileKit",
                "OrgYAML",
                "Support",
                "AWSConfig",
                "FileSafety",
                "IdentityCenter",
                "IdentityCenterSnapshot",
                "Reconciliation",
                "AccessAsCode",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /// Helpers the test targets share.
        .target(name: "TestSupport", dependencies: ["OrgYAML", "OrgProfileKit", "IdentityCenterSnapshot"], path: "Tests/TestSupport"),
        // One test target per library target; the CLI's tests run the built binary.
        .testTarget(name: "SupportTests", dependencies: ["Support", "TestSupport"]),
        .testTarget(name: "FileSafetyTests", dependencies: ["FileSafety", "TestSupport"]),
        .testTarget(name: "AWSConfigTests", dependencies: ["AWSConfig", "FileSafety", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "OrgYAMLTests", dependencies: ["OrgYAML", "Support", "TestSupport"]),
        .testTarget(
            name: "IdentityCenterSnapshotTests", dependencies: ["IdentityCenterSnapshot", "OrgYAML", "FileSafety", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "Support", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "OrgProfileKitTests",
            dependencies: [
                "OrgProfileKit", "OrgYAML", "Support", "AWSConfig", "FileSafety", "TestSupport",
                // The reference renderer the compiled templates are held to.
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "IdentityCenterTests",
            dependencies: ["IdentityCenter", "IdentityCenterSnapshot", "OrgProfileKit", "OrgYAML", "TestSupport"]),
        .testTarget(
            name: "ReconciliationTests",
            dependencies: ["Reconciliation", "IdentityCenterSnapshot", "OrgProfileKit", "OrgYAML", "Support", "FileSafety", "TestSupport"]
        ),
        // The attribute table's walk checks every consumer, the live read's included.
        .testTarget(
            name: "AccessAsCodeTests",
            dependencies: [
                "AccessAsCode", "Reconciliation", "IdentityCenter", "IdentityCenterSnapshot", "OrgProfileKit", "OrgYAML", "Support",
                "TestSupport",
            ]
        ),
        .testTarget(
            name: "OrgProfileCLITests",
            dependencies: ["orgprofile", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ]
)
