// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "frontline",
    products: [
        .executable(name: "frontline", targets: ["frontline"]),
        .library(name: "FrontlineModel", targets: ["FrontlineModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Articles, claims, fronts and comparisons: no terminal code here.
        .target(
            name: "FrontlineModel",
            resources: [.copy("Data")]
        ),
        // Marks and notes on claims, kept in SQLite.
        .target(
            name: "FrontlineReview",
            dependencies: ["FrontlineModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // What Swift cannot import from ncursesw on its own (macros, C globals, signalfd).
        .systemLibrary(name: "CNcursesShim"),
        // The dashboard: state, update, drawing into a cell grid, and the ncurses backend.
        .target(
            name: "FrontlineTUI",
            dependencies: ["FrontlineModel", "FrontlineReview", "CNcursesShim"]
        ),
        .executableTarget(
            name: "frontline",
            dependencies: [
                "FrontlineModel", "FrontlineTUI", "FrontlineReview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Figures for BENCHMARKS.md: run in release, never as a timed test.
        .executableTarget(
            name: "frontline-bench",
            dependencies: ["FrontlineModel", "FrontlineTUI"]
        ),
        // Child process for FrontlineReviewTests: bursts of saves to kill, and a lock holder.
        .executableTarget(
            name: "frontline-review-stress",
            dependencies: ["FrontlineReview", "FrontlineModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "FrontlineModelTests", dependencies: ["FrontlineModel"]),
        .testTarget(name: "FrontlineTUITests", dependencies: ["FrontlineTUI", "FrontlineModel"]),
        .testTarget(
            name: "FrontlineReviewTests",
            dependencies: ["FrontlineReview", "FrontlineModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
