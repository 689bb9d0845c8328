import Charts
import Foundation
import Reports

/// libFuzzer's entry for the drawing code and the reading of reports (issue 27). The bytes are read
/// as a `report.json`: one `ReportView` accepts (or refuses with a `ReportError`) is drawn as a
/// comparison page. The same bytes, read as numbers, place a tile map and make axes. A trap, an
/// abort or a hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCharts(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if let view = try? ReportView(json: bytes, source: "fuzz.json") {
        _ = HTMLReport.compare(view, view)
    }
    // Eight bytes a number, as doubles (not-a-number and infinities are left out: reports cannot hold
    // them); at most 300 tiles and 40 axes a run, so that the fuzzer tries many inputs (the unit tests
    // place 4,096 tiles).
    let numbers = stride(from: 0, to: size - 7, by: 8).compactMap { start -> Double? in
        var bits: UInt64 = 0
        for offset in 0..<8 { bits |= UInt64(data[start + offset]) << (8 * offset) }
        let value = Double(bitPattern: bits)
        return value.isFinite ? value : nil
    }
    let tiles = stride(from: 0, to: numbers.count - 1, by: 2).prefix(300).map { index in
        TileMap.Tile(code: "T\(index / 2)", latitude: numbers[index], longitude: numbers[index + 1], value: numbers[index])
    }
    if !tiles.isEmpty {
        let classes = TileMap.Classes(bounds: [0, 0.5, 1], colours: ["#a50026", "#fee08b", "#1a9850"])
        let map = TileMap(title: "fuzz", tiles: tiles, classes: classes, format: ChartLabel.count)
        let cells = map.cells()
        precondition(Set(cells.map { "\($0.column),\($0.row)" }).count == tiles.count, "two tiles share a cell")
        _ = map.render(id: "map")
    }
    for pair in stride(from: 0, to: numbers.count - 1, by: 2).prefix(40) {
        let (a, b) = (numbers[pair], numbers[pair + 1])
        let scale = LinearScale(domain: min(a, b) ... max(a, b), range: (300, 20)).nice()
        precondition(scale.ticks().count <= 40, "too many ticks")
        let chart = IntervalChart(
            title: "fuzz", rows: ["a", "b"], series: [.init(name: "s", values: [.init(mean: a, ci95: abs(b)), .init(mean: b, ci95: nil)])],
            domain: min(a, b, 0) ... max(a, b), axisLabel: "x", format: ChartLabel.count, threshold: .init(a, "t"))
        _ = chart.render(id: "interval")
    }
    return 0
}
