// swift-tools-version: 6.0
// callsim — a discrete-event call-load simulator for hotline and contact-centre planners.
// Licensed GPL-3.0-or-later (it links GSL, which is GPL-3.0).
import PackageDescription

let package = Package(
    name: "callsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "callsim", targets: ["CallSimCLI"]),
        // Fixed synchronous workloads whose instructions the CI speed gate counts (Benchmarks/perf-gate.sh).
        .executable(name: "callsim-perf", targets: ["CallSimPerf"]),
        // The what-if page's server, which `callsim serve` hands over to (docs/what-if.md).
        .executable(name: "callsim-serve", targets: ["CallSimServe"]),
        .library(name: "CallModel", targets: ["CallModel"]),
        // The scenario reader, for the fuzzing harness (Tests/Fuzz).
        .library(name: "ScenarioFile", targets: ["ScenarioFile"]),
        // The report reader and the charts, for the second fuzzing harness (Tests/Fuzz).
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Charts", targets: ["Charts"]),
        // The call-records reader and the fit, for the third fuzzing harness (Tests/Fuzz).
        .library(name: "CallRecords", targets: ["CallRecords"]),
        .library(name: "Calibration", targets: ["Calibration"]),
    ],
    dependencies: [
        // The command line: subcommands as small types, help that teaches.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Scenario files: YAML with line and column for every node.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // First-come-first-served waiting lines (Deque).
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        // The what-if page's HTTP server (`callsim serve`): small, on Swift concurrency, no dependencies of its own.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        // Property tests of the model over random valid scenarios (tests only).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // GNU Scientific Library: random generators, distributions, quantiles (libgsl-dev).
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        // One calendar, one clock, random streams. Knows nothing about calls.
        .target(name: "SimEngine", dependencies: ["CGSL"]),
        // GNU Linear Programming Kit: exact integer programs for rosters (libglpk-dev).
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        // Tallies, histograms, confidence intervals and exact queueing formulas.
        .target(name: "SimStatistics", dependencies: ["CGSL", "SimEngine"]),
        // Distributions fitted to call records by maximum likelihood, censored or not (`callsim fit`).
        .target(name: "Fitting", dependencies: ["CGSL", "SimEngine", "SimStatistics"]),
        // Centres, consoles, callers and the replication that plays them out.
        .target(name: "CallModel", dependencies: [
            "SimEngine", "SimStatistics",
            .product(name: "DequeModule", package: "swift-collections"),
        ]),
        // Scenario files: parse, check, explain what is wrong and where.
        .target(name: "ScenarioFile", dependencies: ["CallModel", "SimEngine", .product(name: "Yams", package: "Yams")]),
        // Call records: the calls log `run` writes and `fit` reads (CSV, ISO 8601 times).
        .target(name: "CallRecords", dependencies: ["CallModel"]),
        // Calibration: a scenario fitted to call records, and its back-test.
        .target(name: "Calibration", dependencies: ["CallRecords", "Fitting", "CallModel", "ScenarioFile", "SimStatistics", "CGSL"]),
        // Sizing: the fewest consoles meeting the targets, from Erlang A, confirmed by simulation.
        .target(name: "Sizing", dependencies: ["CallModel", "SimStatistics"]),
        // Rosters: the cheapest shifts covering consoles by hour, checked by simulation.
        .target(name: "Rosters", dependencies: ["CGLPK", "CallModel", "Sizing"]),
        // SVG charts drawn by callsim itself: scales, ticks, axes, legends, a tile map.
        .target(name: "Charts"),
        // The result document and the human reports.
        .target(name: "Reports", dependencies: ["CallModel", "SimStatistics", "Sizing", "Rosters", "Charts", "Calibration", "CallRecords", "Fitting"]),
        // The what-if page: changes to a scenario in, simulations and Erlang A out, over HTTP.
        .target(name: "WhatIf", dependencies: [
            "CallModel", "ScenarioFile", "Reports", "Sizing", .product(name: "Yams", package: "Yams"),
            .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        // The arguments of `callsim serve`, shared by the command line and the server's executable.
        .target(name: "ServeArguments", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // The what-if page's server: a binary of its own, so `callsim` does not load the HTTP stack.
        .executableTarget(name: "CallSimServe", dependencies: [
            "CallModel", "ServeArguments", "WhatIf", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The thin command line.
        .executableTarget(name: "CallSimCLI", dependencies: [
            "CallModel", "CallRecords", "Calibration", "ScenarioFile", "Reports", "SimStatistics", "Sizing", "Rosters", "ServeArguments",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The speed gate's workloads: a plain synchronous main, so callgrind can count it.
        .executableTarget(name: "CallSimPerf", dependencies: ["CallModel", "ScenarioFile"]),
        .testTarget(name: "CallSimTests", dependencies: [
            "CGSL", "SimEngine", "SimStatistics", "Fitting", "CallModel", "CallRecords", "Calibration", "ScenarioFile", "Reports", "Sizing", "Rosters", "Charts", "WhatIf", "CallSimCLI",
            .product(name: "PropertyBased", package: "swift-property-based"),
            .product(name: "Yams", package: "Yams"),
        ], exclude: ["Snapshots", "Oracles"]),  // read by path (CLIDocsTests, FittingTests), not bundled
    ]
)
