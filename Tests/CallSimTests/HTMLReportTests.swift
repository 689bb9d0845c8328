import Foundation
import Testing

/// Where Debian's chromium is, if it is installed.
let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Runs chromium headless on `page` (a file or an address) with `arguments` and returns what it printed.
func browse(_ page: URL, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium!)
    let profile = try temporaryFolder()
    process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile.path)"]
        + arguments + [page.absoluteString]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// `report.html` and `callsim compare`: self-contained, complete, the same for the same seed, and
/// rendered by a real browser.
@Suite(.serialized) struct HTMLReportTests {
    static let chartIDs = [
        "chart-hourly", "chart-waits", "chart-centres-sl", "chart-centres-abandonment", "map-service-level",
        "map-abandonment", "chart-escalation",
    ]

    /// Runs `callsim run SCENARIO --output DIR` and returns report.html's text.
    func report(_ scenario: String, in folder: URL, jobs: Int = 2, extra: [String] = []) throws -> String {
        let run = try execute(["run", scenario, "--output", folder.path, "--jobs", String(jobs)] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
    }

    @Test("The national report renders in headless chromium: every chart, all 47 codes, nothing blank, nothing fetched",
          .enabled(if: chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil, "chromium is not installed"))
    func rendersInBrowser() throws {
        _ = try #require(chromium, "chromium must be installed (.ci/run installs it)")
        let folder = try temporaryFolder()
        let html = try report("Scenarios/romania-119.yaml", in: folder)
        let page = folder.appendingPathComponent("report.html")
        let dom = try browse(page, ["--dump-dom"])
        for id in Self.chartIDs { #expect(dom.contains("id=\"\(id)\""), "\(id) missing from the rendered page") }
        let codes = try String(contentsOfFile: "Scenarios/data/centres-ro.csv", encoding: .utf8)
            .components(separatedBy: .newlines).dropFirst().filter { !$0.isEmpty }.compactMap { $0.split(separator: ",").first.map(String.init) }
        #expect(codes.count == 47)
        let start = try #require(dom.range(of: "id=\"map-service-level\""))
        let end = try #require(dom.range(of: "</svg>", range: start.upperBound..<dom.endIndex))
        let map = String(dom[start.lowerBound..<end.lowerBound])
        for code in codes { #expect(map.contains(">\(code)</text>"), "\(code) not on the map") }
        // Nothing loads from anywhere: no src or href at all, no url() or @import in the CSS.
        for pattern in ["src=", "href=", "url(", "@import", "<script", "<link"] {
            #expect(!html.lowercased().contains(pattern), "report.html contains \(pattern)")
        }
        // Not blank: the screenshot holds far more than an empty page's.
        let shot = folder.appendingPathComponent("shot.png"), blank = folder.appendingPathComponent("blank.png")
        let empty = folder.appendingPathComponent("empty.html")
        try "<!DOCTYPE html><html><body></body></html>".write(to: empty, atomically: true, encoding: .utf8)
        _ = try browse(page, ["--window-size=1000,3000", "--screenshot=\(shot.path)"])
        _ = try browse(empty, ["--window-size=1000,3000", "--screenshot=\(blank.path)"])
        let size = try #require(try FileManager.default.attributesOfItem(atPath: shot.path)[.size] as? Int)
        let blankSize = try #require(try FileManager.default.attributesOfItem(atPath: blank.path)[.size] as? Int)
        #expect(size > 10 * blankSize, "screenshot \(size) bytes, blank page \(blankSize)")
    }

    @Test("report.html is byte-identical for the same scenario and seed, whatever --jobs is")
    func byteIdentical() throws {
        let one = try report("Scenarios/romania-119-iasi-story.yaml", in: try temporaryFolder(), jobs: 1, extra: ["-r", "8"])
        let two = try report("Scenarios/romania-119-iasi-story.yaml", in: try temporaryFolder(), jobs: 2, extra: ["-r", "8"])
        #expect(one == two)
        for id in Self.chartIDs { #expect(one.contains("id=\"\(id)\"")) }
    }

    @Test("A scenario without coordinates gets a plain grid of tiles")
    func plainGrid() throws {
        let folder = try temporaryFolder()
        let path = try write("""
            name: No map
            horizon: 3d
            replications: 3
            handling: 5m
            patience: 2m
            centres:
              - {code: AA, calls_per_day: 50}
              - {code: BB, calls_per_day: 80}
              - {code: CC, calls_per_day: 20}
            """, to: "nomap.yaml", in: folder)
        let html = try report(path, in: folder.appendingPathComponent("out"))
        for code in ["AA", "BB", "CC"] { #expect(html.contains(">\(code)</text>")) }
    }

    @Test("compare: two runs side by side; a console fewer everywhere is a significant difference")
    func compare() throws {
        let folder = try temporaryFolder()
        let base = """
            name: Two centres
            seed: 3
            horizon: 7d
            replications: 10
            handling: {distribution: exponential, mean: 5m}
            patience: {distribution: exponential, mean: 2m}
            targets: {service_level: 0.8}
            centres:
              - {code: AA, calls_per_day: 300, consoles: 3, lat: 46, lon: 23}
              - {code: BB, calls_per_day: 200, consoles: 3, lat: 45, lon: 26}
            """
        let a = try write(base, to: "a.yaml", in: folder)
        let b = try write(base.replacingOccurrences(of: "consoles: 3", with: "consoles: 2"), to: "b.yaml", in: folder)
        _ = try report(a, in: folder.appendingPathComponent("a"))
        _ = try report(b, in: folder.appendingPathComponent("b"))
        let output = folder.appendingPathComponent("compare")
        let result = try execute(["compare", folder.appendingPathComponent("a/report.json").path,
                                  folder.appendingPathComponent("b/report.json").path, "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        let serviceLevel = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("service level") })
        #expect(serviceLevel.hasSuffix("yes"), "\(serviceLevel)")
        #expect(result.stdout.contains("paired by replication"))
        let html = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        for id in ["chart-hourly", "chart-waits", "chart-centres-sl", "map-a", "map-b", "chart-escalation"] {
            #expect(html.contains("id=\"\(id)\""))
        }
        let bad = try execute(["compare", a, folder.appendingPathComponent("b/report.json").path])
        #expect(bad.status == 2 && bad.stderr.contains("not a callsim report.json"))
    }
}
