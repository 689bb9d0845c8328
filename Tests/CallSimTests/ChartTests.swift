import Charts
@testable import Reports
import Testing

/// The chart module: scales, ticks, bands, SVG text and the tile map's layout.
@Suite struct ChartTests {
    @Test("A linear scale maps its domain onto its range, either way round")
    func linearScale() {
        let x = LinearScale(domain: 10 ... 20, range: (100, 300))
        #expect(x(10) == 100 && x(15) == 200 && x(20) == 300)
        let y = LinearScale(domain: 0 ... 1, range: (250, 50))
        #expect(y(0) == 250 && y(0.25) == 200 && y(1) == 50)
        // An empty domain is widened rather than dividing by zero.
        #expect(LinearScale(domain: 3 ... 3, range: (0, 10))(3) == 0)
    }

    @Test("Ticks are 1, 2 or 5 × 10ⁿ apart, inside the domain, without binary noise")
    func ticks() {
        #expect(LinearScale(domain: 0 ... 1, range: (0, 1)).ticks(count: 5) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(LinearScale(domain: 0 ... 1_134, range: (0, 1)).ticks(count: 5) == [0, 200, 400, 600, 800, 1_000])
        #expect(LinearScale(domain: 0 ... 0.0021, range: (0, 1)).ticks(count: 5) == [0, 0.0005, 0.001, 0.0015, 0.002])
        #expect(LinearScale(domain: -3 ... 7, range: (0, 1)).ticks(count: 5) == [-2, 0, 2, 4, 6])
        #expect(LinearScale(domain: 0 ... 0.3, range: (0, 1)).ticks(count: 3) == [0, 0.1, 0.2, 0.3])
        #expect(LinearScale(domain: 0 ... 100, range: (0, 1)).tickStep(count: 4) == 20)
    }

    @Test("nice() widens the domain to whole ticks")
    func nice() {
        let scale = LinearScale(domain: 0.3 ... 57, range: (0, 100)).nice(count: 5)
        #expect(scale.domain == 0 ... 60)
        #expect(scale.ticks(count: 5).first == 0 && scale.ticks(count: 5).last == 60)
        #expect(LinearScale(domain: 0.81 ... 1, range: (0, 1)).nice(count: 4).domain == 0.8 ... 1)
    }

    @Test("A band scale splits its range into equal bands with padding")
    func bands() {
        let bands = BandScale(count: 24, range: (0, 480), padding: 0.25)
        #expect(bands.step == 20 && bands.bandwidth == 15)
        #expect(bands.start(0) == 2.5 && bands.centre(0) == 10 && bands.centre(23) == 470)
    }

    @Test("SVG numbers have at most two decimals; text is escaped")
    func svgText() {
        #expect(SVG.number(12) == "12" && SVG.number(12.345) == "12.35" && SVG.number(0.1 + 0.2) == "0.3" && SVG.number(-0.5) == "-0.5")
        #expect(SVG.escape("A & B <c> \"d\"") == "A &amp; B &lt;c&gt; &quot;d&quot;")
        var svg = SVG(width: 10, height: 10, title: "t & u")
        svg.text("Iași <1>", x: 1, y: 2)
        let rendered = svg.render(id: "x")
        #expect(rendered.contains("Iași &lt;1&gt;") && rendered.contains("<title id=\"x-title\">t &amp; u</title>"))
        #expect(ChartLabel.percent(0.0005) == "0.05%" && ChartLabel.percent(0.8) == "80%")
        #expect(ChartLabel.duration(20) == "20 s" && ChartLabel.duration(150) == "2.5 min" && ChartLabel.duration(2.26) == "2.3 s")
    }

    @Test("The tile map gives every place its own cell, keeping west west and north north")
    func tileCells() {
        let places: [(String, Double, Double)] = [
            ("TM", 45.75, 21.23), ("CT", 44.18, 28.63), ("SM", 47.79, 22.88), ("IS", 47.16, 27.59), ("B1", 44.45, 26.08),
            ("B2", 44.45, 26.13), ("B3", 44.42, 26.15), ("IF", 44.5, 26.1), ("CJ", 46.77, 23.6),
        ]
        let map = TileMap(
            title: "t", tiles: places.map { TileMap.Tile(code: $0.0, latitude: $0.1, longitude: $0.2, value: 0.9) },
            classes: TileMap.Classes(bounds: [0, 0.5], colours: ["#000000", "#ffffff"]), format: ChartLabel.percent)
        let cells = map.cells()
        #expect(Set(cells.map { "\($0.column),\($0.row)" }).count == places.count)
        let cell = Dictionary(uniqueKeysWithValues: zip(places.map(\.0), cells))
        #expect(cell["TM"]!.column < cell["CJ"]!.column && cell["CJ"]!.column < cell["IS"]!.column && cell["IS"]!.column < cell["CT"]!.column)
        #expect(cell["SM"]!.row < cell["CJ"]!.row && cell["CJ"]!.row < cell["B1"]!.row)
        // Without coordinates: a plain grid in order.
        let plain = TileMap(
            title: "t", tiles: (0..<12).map { TileMap.Tile(code: "C\($0)", latitude: nil, longitude: nil, value: nil) },
            classes: map.classes, format: ChartLabel.percent)
        #expect(plain.cells(columns: 5).map { "\($0.column),\($0.row)" }.prefix(7) == ["0,0", "1,0", "2,0", "3,0", "4,0", "0,1", "1,1"])
        #expect(map.classes.index(of: 0.7) == 1 && map.classes.index(of: 0.2) == 0)
        #expect(TileMap.ink(on: "#a50026") == "#fff" && TileMap.ink(on: "#fee08b") == "#111")
    }

    @Test("The hourly chart marks the hours whose consoles answer only their own centre's callers")
    func capacityMarked() {
        // The routing as report.json names it: pooled hours wrap midnight; overflow is not shared.
        let night = ReportView.sharedHours("local; 22:00-07:00 pooled")
        #expect((0..<24).filter { night[$0] } == [0, 1, 2, 3, 4, 5, 6, 22, 23])
        #expect(ReportView.sharedHours("pooled").allSatisfy { $0 })
        #expect(ReportView.sharedHours("overflow").allSatisfy { !$0 })
        #expect((0..<24).filter { ReportView.sharedHours("pooled; 09:00-17:00 local")[$0] } == Array(0..<9) + Array(17..<24))
        let series = [HourlyChart.Series(name: "run", offered: Array(repeating: 10, count: 24),
                                         capacity: Array(repeating: 40, count: 24), serviceLevel: Array(repeating: 0.9, count: 24))]
        let local = Set((0..<24).filter { !night[$0] })
        let marked = HourlyChart(series: series, target: 0.8, localHours: local).render(id: "c")
        let shared = HourlyChart(series: series, target: 0.8).render(id: "c")
        #expect(marked.contains("each centre answers its own callers") && !shared.contains("its own callers"))
        #expect(marked.components(separatedBy: "<rect").count - shared.components(separatedBy: "<rect").count == local.count)
        let allLocal = HourlyChart(series: series, target: 0.8, localHours: Set(0..<24)).render(id: "c")
        #expect(allLocal.contains("capacity of all centres (each answers its own callers)"))
    }
}
