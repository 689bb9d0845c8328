// swift-tools-version: 6.0
// The fuzzing harnesses: libFuzzer over callsim's scenario reader, over its report reader and
// charts, and over the call-records reader and the fit (docs/fuzzing.md). Kept apart from the
// main package so its build stays free of the fuzzer's instrumentation.
import PackageDescription

let package = Package(
    name: "callsim-fuzz",
    products: [
        .library(name: "ScenarioFuzz", type: .dynamic, targets: ["ScenarioFuzz"]),
        .library(name: "ChartFuzz", type: .dynamic, targets: ["ChartFuzz"]),
        .library(name: "RecordsFuzz", type: .dynamic, targets: ["RecordsFuzz"]),
    ],
    // `callsim` links to the repository root, so the package has that name wherever it is cloned.
    dependencies: [.package(path: "callsim")],
    targets: [
        .target(name: "ScenarioFuzz", dependencies: [
            .product(name: "ScenarioFile", package: "callsim"),
            .product(name: "CallModel", package: "callsim"),
        ]),
        .target(name: "ChartFuzz", dependencies: [
            .product(name: "Reports", package: "callsim"),
            .product(name: "Charts", package: "callsim"),
        ]),
        .target(name: "RecordsFuzz", dependencies: [
            .product(name: "CallRecords", package: "callsim"),
            .product(name: "Calibration", package: "callsim"),
            .product(name: "ScenarioFile", package: "callsim"),
        ]),
    ]
)
