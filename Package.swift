// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Gongkai",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gongkai", targets: ["gongkai"]),
        .library(name: "GongkaiCore", targets: ["GongkaiCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // AES-GCM and HMAC for applicants' identity numbers and phones at rest (#14); Vapor already depends on it.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // The statutory domain: no I/O, no Vapor. Parsers only: libxml2 for HTML, ZIPFoundation for .docx.
        // libxml2 (Debian libxml2-dev): a real HTML parser for reports found in the wild.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .target(
            name: "GongkaiCore",
            dependencies: ["CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Resources/holidays.tsv")]
        ),
        // The web application: models, migrations, controllers, views, JSON API.
        .target(
            name: "GongkaiServer",
            dependencies: [
                "GongkaiCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/Assets"), .copy("Resources/openapi.json"), .copy("Resources/DemoCorpus")]
        ),
        // The command-line interface, as a library so that tests can run its commands.
        .target(
            name: "GongkaiCLI",
            dependencies: [
                "GongkaiCore",
                "GongkaiServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "gongkai", dependencies: ["GongkaiCLI"]),
        .executableTarget(
            name: "gongkai-bench",
            dependencies: ["GongkaiCore", "GongkaiServer"],
            path: "Benchmarks/gongkai-bench"
        ),
        .testTarget(
            name: "GongkaiCoreTests",
            dependencies: ["GongkaiCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "GongkaiServerTests",
            dependencies: [
                "GongkaiServer",
                "GongkaiCLI",
                "gongkai",  // the CLI tests run the real executable
                .product(name: "VaporTesting", package: "vapor"),
            ],
            exclude: ["Snapshots"]
        ),
    ]
)
