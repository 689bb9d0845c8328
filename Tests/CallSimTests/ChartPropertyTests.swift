import Charts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PropertyBased
import Reports
import Testing

/// The drawing code is total: any coordinates make a tile map, any finite figures make axes, and
/// every render ends with a well-formed SVG (issue 27: a map of 80 centres at one place trapped, two
/// centres on one meridian hung, a figure of 1e301 trapped the axis).
@Suite struct ChartPropertyTests {
    /// SplitMix64, so that a case's coordinates follow from its generated seed.
    struct Numbers {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * next() }
    }

    /// `count` places of a shape that has broken tile maps: 0 all at one place, 1 on one latitude,
    /// 2 on one meridian, 3 on a diagonal, 4 anywhere on the globe, 5 a cluster with far outliers,
    /// 6 a few places repeated, 7 places a billionth of a degree apart.
    static func places(shape: Int, count: Int, seed: UInt64) -> [(latitude: Double, longitude: Double)] {
        var numbers = Numbers(state: seed)
        return (0..<count).map { index in
            let i = Double(index)
            switch shape {
            case 0: return (45, 25)
            case 1: return (45, numbers.uniform(20, 30))
            case 2: return (numbers.uniform(44, 48), 25)
            case 3: return (40 + i * 0.01, 20 + i * 0.01)
            case 4: return (numbers.uniform(-90, 90), numbers.uniform(-180, 180))
            case 5: return index % 17 == 0 ? (numbers.uniform(-80, 80), numbers.uniform(-170, 170)) : (45 + numbers.next(), 25 + numbers.next())
            case 6: return [(45.0, 25.0), (46.0, 25.0), (45.0, 26.0)][Int(numbers.next() * 3)]
            default: return (45 + i * 1e-9, 25 - i * 1e-9)
            }
        }
    }

    static func tileMap(_ places: [(latitude: Double, longitude: Double)]) -> TileMap {
        TileMap(
            title: "map",
            tiles: places.enumerated().map { TileMap.Tile(code: "T\($0)", latitude: $1.latitude, longitude: $1.longitude, value: Double($0 % 3) / 2) },
            classes: TileMap.Classes(bounds: [0, 0.5, 1], colours: ["#a50026", "#fee08b", "#1a9850"]), format: ChartLabel.percent)
    }

    /// Whether `svg` parses as XML.
    static func wellFormed(_ svg: String) -> Bool { XMLParser(data: Data(svg.utf8)).parse() }

    /// Each tile's code drawn exactly once, and each tile in a cell of its own.
    static func checkMap(_ places: [(latitude: Double, longitude: Double)], comment: Comment) {
        let map = tileMap(places)
        let cells = map.cells()
        #expect(cells.count == places.count, comment)
        #expect(Set(cells.map { "\($0.column),\($0.row)" }).count == places.count, "two tiles share a cell: \(comment)")
        let svg = map.render(id: "map")
        #expect(wellFormed(svg), comment)
        let labels = svg.components(separatedBy: ">T").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(labels.sorted() == Array(0..<places.count), "every tile drawn exactly once: \(comment)")
    }

    @Test("The tile map places any coordinates, each tile drawn once in a cell of its own")
    func tileMapIsTotal() async {
        await propertyCheck(count: 160, input: Gen.int(in: 0...7), Gen.int(in: 2...300), Gen.int(in: 0...1_000_000)) { shape, count, seed in
            Self.checkMap(Self.places(shape: shape, count: count, seed: UInt64(seed)), comment: "shape \(shape), \(count) places, seed \(seed)")
        }
    }

    @Test("The cases of issue 27, and the largest scenario the reader accepts at one place")
    func tileMapCases() {
        Self.checkMap(Array(repeating: (45, 25), count: 80), comment: "80 centres at one place")
        Self.checkMap([(44, 25), (48, 25)], comment: "two centres on one meridian")
        Self.checkMap([(44, 25), (44.01, 25)], comment: "two centres a hundredth of a degree apart on one meridian")
        Self.checkMap(Array(repeating: (45, 25), count: 4_096), comment: "4,096 centres at one place")
        // The grid is bounded by the spread, not by the distance between the closest places.
        let meridian = Self.tileMap([(44, 25), (48, 25)]).cells()
        #expect(meridian.map(\.row).max()! <= 3 && meridian.map(\.column).max()! <= 3, "\(meridian)")
        // Coordinates too large to subtract fall back to a plain grid.
        Self.checkMap([(1e308, 1e308), (-1e308, -1e308), (0, 0)], comment: "coordinates past the largest difference")
    }

    /// Finite figures of every size, and the ends a report can hold.
    static let figures: [Double] = [
        0, -0.0, 1, -1, 0.1, 0.3, 1e-300, -1e-300, 5e-324, 1e300, -1e300, 1e301, 1.7e308, -1.7e308,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e15, 1e15 + 1, 9_007_199_254_740_993, 123_456.789,
    ]

    static func figure(_ pick: Int, _ numbers: inout Numbers) -> Double {
        pick < figures.count ? figures[pick] : (numbers.next() - 0.5) * pow(10, numbers.uniform(-300, 300))
    }

    @Test("Axes take any finite figures: few finite ticks inside the domain, pixels inside the range")
    func axesAreTotal() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...40), Gen.int(in: 0...40), Gen.int(in: 0...1_000_000)) { a, b, seed in
            var numbers = Numbers(state: UInt64(seed))
            let x = Self.figure(a, &numbers), y = Self.figure(b, &numbers)
            for scale in [LinearScale(domain: min(x, y) ... max(x, y), range: (300, 20)),
                          LinearScale(domain: min(x, y) ... max(x, y), range: (300, 20)).nice()] {
                let ticks = scale.ticks()
                #expect((1...20).contains(ticks.count), "\(x), \(y): \(ticks.count) ticks on \(scale.domain)")
                // An end within a billionth of a step counts as a whole tick (0.3 / 0.1 = 2.9999999999999996).
                let slack = scale.tickStep() * 1e-9
                for tick in ticks {
                    #expect(tick.isFinite && (scale.domain.lowerBound - slack ... scale.domain.upperBound + slack).contains(tick),
                            "\(x), \(y): tick \(tick) outside \(scale.domain)")
                    #expect((19.999...300.001).contains(scale(tick)), "\(x), \(y): tick \(tick) at pixel \(scale(tick))")
                }
                #expect(scale.clips == !(abs(x) <= LinearScale.largest && abs(y) <= LinearScale.largest))
            }
        }
    }

    @Test("Charts of any finite figures render well-formed SVG, saying when they clip")
    func chartsAreTotal() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...40), Gen.int(in: 1...30), Gen.int(in: 0...1_000_000)) { pick, count, seed in
            var numbers = Numbers(state: UInt64(seed))
            let values = (0..<count).map { index in index == 0 ? Self.figure(pick, &numbers) : Self.figure(Int(numbers.next() * 50), &numbers) }
            let low = values.min()!, high = values.max()!
            let curve = CurveChart(
                title: "curve", series: [.init(name: "a", points: values.enumerated().map { (Double($0), $1) },
                                               band: values.enumerated().map { (Double($0), $1 - 1, $1 + 1) })],
                xLabel: "x", yLabel: "y", xDomain: 0 ... Double(count), yDomain: low ... high,
                xFormat: ChartLabel.count, yFormat: ChartLabel.count, verticals: [.init(values[0], "v")], horizontals: [.init(values[0], "h")])
            let curveSVG = curve.render(id: "c")
            #expect(Self.wellFormed(curveSVG), "curve of \(values)")
            let clipped = values.contains { abs($0) > LinearScale.largest }
            #expect(curveSVG.contains("drawn at the edge") == clipped, "clip note for \(values)")
            let intervals = IntervalChart(
                title: "intervals", rows: values.indices.map { "R\($0)" },
                series: [.init(name: "a", values: values.map { .init(mean: $0, ci95: abs($0) / 10) })],
                domain: min(low, 0) ... high, axisLabel: "figure", format: ChartLabel.count, threshold: .init(values[0], "t"))
            #expect(Self.wellFormed(intervals.render(id: "i")), "intervals of \(values)")
        }
    }
}
