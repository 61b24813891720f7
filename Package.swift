// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Bleibe",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bleibe", targets: ["bleibe"]),
        .library(name: "Eligibility", targets: ["Eligibility"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    ],
    targets: [
        // The rules engine: pure, Foundation only.
        .target(name: "Eligibility"),
        // The YAML case-file format of ../shared/law/CASES.md.
        .target(name: "CaseFiles", dependencies: ["Eligibility", .product(name: "Yams", package: "Yams")]),
        // Bulk evaluation of populations: synthetic populations now, screening files later. Foundation only.
        .target(name: "Screening", dependencies: ["Eligibility"]),
        .executableTarget(name: "bleibe", dependencies: [
            "Eligibility", "CaseFiles",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "bleibe-bench", dependencies: ["Eligibility", "CaseFiles", "Screening"]),
        .testTarget(name: "EligibilityTests", dependencies: ["Eligibility"]),
        .testTarget(name: "CaseFilesTests", dependencies: ["CaseFiles", "Eligibility", "bleibe", .product(name: "Yams", package: "Yams")]),
    ]
)
