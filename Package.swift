// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Bleibe",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bleibe", targets: ["bleibe"]),
        .library(name: "Eligibility", targets: ["Eligibility"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", exact: "2.5.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", exact: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
        // postgres-nio's own TLS library, named for the connection probe's TLS context.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", exact: "1.8.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", exact: "4.7.1"),
    ],
    targets: [
        // The rules engine: pure, Foundation only.
        .target(name: "Eligibility"),
        // The YAML case-file format of ../shared/law/CASES.md.
        .target(name: "CaseFiles", dependencies: ["Eligibility", .product(name: "Yams", package: "Yams")]),
        // Bulk evaluation of populations: synthetic populations, flat CSV and JSON Lines input, screening.
        .target(name: "Screening", dependencies: ["Eligibility", "CaseFiles"]),
        // Domain values of the product and authorization policies as pure functions. Foundation + Eligibility.
        .target(name: "Counseling", dependencies: ["Eligibility"]),
        // The fictional demo site (organisations, users, clients), deterministic for a seed. Pure.
        .target(name: "Demo", dependencies: ["Counseling", "Eligibility", "Screening", "Reports"]),
        // Reports: count tables, disclosure control (suppression), CSV and XLSX. Pure.
        .target(name: "Reports", dependencies: ["Counseling", "Eligibility", "Screening"]),
        // Numbered migrations and stores over SQLite (sqlite-nio) and PostgreSQL (postgres-nio).
        .target(name: "Storage", dependencies: [
            "Counseling", "Eligibility", "CaseFiles", "Reports",
            .product(name: "SQLiteNIO", package: "sqlite-nio"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // HTML pages as Swift values: page models and views, no framework.
        .target(name: "Views", dependencies: ["CaseFiles", "Counseling", "Eligibility", "Reports", "Screening"]),
        // The HTTP layer.
        .target(name: "Web", dependencies: [
            "Storage", "Views", "Counseling", "Eligibility", "Screening", "Demo", "Reports",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "MultipartKit", package: "multipart-kit"),
        ]),
        .executableTarget(name: "bleibe", dependencies: [
            "Eligibility", "CaseFiles", "Web", "Storage", "Screening",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "bleibe-bench", dependencies: ["Eligibility", "CaseFiles", "Screening", "Views", "Counseling"]),
        .testTarget(name: "EligibilityTests", dependencies: ["Eligibility"]),
        .testTarget(name: "CaseFilesTests", dependencies: ["CaseFiles", "Counseling", "Eligibility", "Screening", "bleibe", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "CounselingTests", dependencies: ["Counseling", "Eligibility", "Demo", "Reports"]),
        .testTarget(name: "WebTests", dependencies: [
            "Web", "Storage", "Counseling", "Eligibility", "Views", "Demo", "Reports", "Screening",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ]
)
