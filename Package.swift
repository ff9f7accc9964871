// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let propertyBased: Target.Dependency = .product(name: "PropertyBased", package: "swift-property-based")

let package = Package(
    name: "klaxon",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "klaxon", targets: ["klaxon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // Tests only: property-based fuzzing of the decoders of untrusted input.
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        // Pure domain: commands, events, decide/evolve, policy model. No I/O, no clock.
        .target(name: "KlaxonCore", swiftSettings: swiftSettings),
        // The playbook as data: YAML policy loading/validation and message templates.
        .target(
            name: "KlaxonPolicy",
            dependencies: [
                "KlaxonCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        // Slack adapter: request verification, decoding, rendering replies, Web API delivery.
        .target(
            name: "KlaxonSlack",
            dependencies: [
                "KlaxonCore",
                "KlaxonPolicy",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        // Discord adapter: Ed25519 verification, interaction decoding, rendering replies and components.
        .target(
            name: "KlaxonDiscord",
            dependencies: [
                "KlaxonCore",
                "KlaxonPolicy",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        // libcurl, for SMTP (the system package libcurl4-openssl-dev).
        .target(name: "CCurlShim", linkerSettings: [.linkedLibrary("curl")]),
        // Email delivery over SMTP (STARTTLS or SMTPS) through libcurl.
        .target(
            name: "KlaxonEmail",
            dependencies: ["KlaxonCore", "KlaxonPolicy", "CCurlShim"],
            swiftSettings: swiftSettings
        ),
        // Durable event + outbox store over SQLKit: embedded SQLite, or PostgreSQL with the same code.
        .target(
            name: "KlaxonStore",
            dependencies: [
                "KlaxonCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // HTTP server, the incident desk actor, configuration and wiring.
        .target(
            name: "KlaxonServer",
            dependencies: [
                "KlaxonCore",
                "KlaxonPolicy",
                "KlaxonSlack",
                "KlaxonDiscord",
                "KlaxonStore",
                "KlaxonEmail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks (`klaxon bench …`): figures, not pass/fail; kept out of the server library.
        .target(
            name: "KlaxonBench",
            dependencies: [
                "KlaxonServer", "KlaxonCore", "KlaxonPolicy", "KlaxonSlack", "KlaxonStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "klaxon",
            dependencies: [
                "KlaxonServer",
                "KlaxonBench",
                "KlaxonPolicy",
                "KlaxonStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Mutations and hostile words shared by the fuzz tests of every adapter.
        .target(name: "KlaxonFuzzSupport", path: "Tests/FuzzSupport", swiftSettings: swiftSettings),
        .testTarget(name: "KlaxonCoreTests", dependencies: ["KlaxonCore", "KlaxonFuzzSupport", propertyBased], swiftSettings: swiftSettings),
        .testTarget(name: "KlaxonPolicyTests", dependencies: ["KlaxonPolicy", "KlaxonFuzzSupport", propertyBased], swiftSettings: swiftSettings),
        .testTarget(name: "KlaxonSlackTests", dependencies: ["KlaxonSlack", "KlaxonFuzzSupport", propertyBased], swiftSettings: swiftSettings),
        .testTarget(
            name: "KlaxonDiscordTests",
            dependencies: ["KlaxonDiscord", .product(name: "Crypto", package: "swift-crypto"), "KlaxonFuzzSupport", propertyBased],
            exclude: ["Scripts"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KlaxonStoreTests",
            dependencies: ["KlaxonStore", .product(name: "SQLiteKit", package: "sqlite-kit")],
            // A database written by an earlier Klaxon, for the migration tests (read from the source tree).
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KlaxonServerTests",
            dependencies: [
                "KlaxonServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
            ],
            // The SMTP server the email tests run (Python's aiosmtpd), and the reports the golden tests compare with.
            exclude: ["Scripts", "Reports"],
            swiftSettings: swiftSettings
        ),
    ]
)
