import Foundation

/// A tile map: one square per place, laid out on a grid where the places lie (from latitude and
/// longitude), each coloured by a value and labelled with its code and the value, with a legend.
/// Places without coordinates are laid out as a plain grid in their order.
public struct TileMap: Sendable {
    public struct Tile: Sendable {
        public let code: String
        public let latitude: Double?
        public let longitude: Double?
        public let value: Double?

        public init(code: String, latitude: Double?, longitude: Double?, value: Double?) {
            self.code = code
            self.latitude = latitude
            self.longitude = longitude
            self.value = value
        }
    }

    /// Colour classes: values from each lower bound (ascending) up to the next, with their colours.
    public struct Classes: Sendable {
        public let bounds: [Double]
        public let colours: [String]

        public init(bounds: [Double], colours: [String]) {
            precondition(bounds.count == colours.count && !bounds.isEmpty && bounds == bounds.sorted())
            self.bounds = bounds
            self.colours = colours
        }

        /// The class of `value`: the last lower bound at or below it.
        public func index(of value: Double) -> Int { max(bounds.lastIndex { $0 <= value } ?? 0, 0) }
    }

    public let title: String
    public let tiles: [Tile]
    public let classes: Classes
    public let format: @Sendable (Double) -> String

    public init(title: String, tiles: [Tile], classes: Classes, format: @escaping @Sendable (Double) -> String) {
        self.title = title
        self.tiles = tiles
        self.classes = classes
        self.format = format
    }

    /// Grid cells (column, row) for the tiles: each tile in turn takes the free cell nearest to
    /// where its coordinates fall on a grid of about `columns` columns (by default about 1.5 × √n,
    /// 10 for Romania's 47 centres) across the wider of the two spans; without coordinates, rows of
    /// `columns` in order. Any coordinates are placed, each tile in its own cell: a cell is at least
    /// `smallestCell` degrees wide, and the search for a free cell widens ring by ring, so places that
    /// coincide (or lie on one line) spread around where they are. Cost: O(n · r²) for n tiles, where r
    /// is the farthest a tile must move (at most about √n when every place is the same).
    public func cells(columns: Int? = nil) -> [(column: Int, row: Int)] {
        let columns = max(columns ?? Int((1.5 * Double(tiles.count).squareRoot()).rounded()), 2)
        let placed = tiles.compactMap { tile in tile.latitude.flatMap { lat in tile.longitude.map { (lat, $0) } } }
        guard placed.count == tiles.count, tiles.count > 1 else { return Self.plainGrid(tiles.count, columns: columns) }
        let meanLatitude = placed.map(\.0).reduce(0, +) / Double(placed.count)
        let xs = placed.map { $0.1 * cos(meanLatitude * .pi / 180) }, ys = placed.map { -$0.0 }
        let (minX, maxX, minY, maxY) = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
        let span = max(maxX - minX, maxY - minY)
        guard span.isFinite else { return Self.plainGrid(tiles.count, columns: columns) }
        let cell = max(span / Double(columns - 1), Self.smallestCell)
        var taken = Set<GridCell>()
        var result: [(column: Int, row: Int)] = []
        for (x, y) in zip(xs, ys) {
            let free = Self.nearestFree(to: ((x - minX) / cell, (y - minY) / cell), taken: taken)
            taken.insert(free)
            result.append((free.column, free.row))
        }
        let minColumn = result.map(\.column).min()!, minRow = result.map(\.row).min()!
        return result.map { ($0.column - minColumn, $0.row - minRow) }
    }

    /// The narrowest cell, in degrees (about 100 m): places closer than this share a wanted cell.
    public static let smallestCell = 0.001

    private struct GridCell: Hashable {
        let column: Int, row: Int
    }

    private static func plainGrid(_ count: Int, columns: Int) -> [(column: Int, row: Int)] {
        (0..<count).map { ($0 % columns, $0 / columns) }
    }

    /// The free cell nearest to `want` (in cells), ties to the smaller row, then column. Rings of
    /// cells around the nearest cell are searched outwards until no cell of the next ring can be nearer.
    private static func nearestFree(to want: (x: Double, y: Double), taken: Set<GridCell>) -> GridCell {
        let centre = GridCell(column: Int(want.x.rounded()), row: Int(want.y.rounded()))
        var best: (cell: GridCell, distance: Double)? = nil
        var radius = 0
        while true {
            for row in (centre.row - radius)...(centre.row + radius) {
                let onEdge = abs(row - centre.row) == radius
                let step = onEdge || radius == 0 ? 1 : 2 * radius
                for column in stride(from: centre.column - radius, through: centre.column + radius, by: step) {
                    let candidate = GridCell(column: column, row: row)
                    guard !taken.contains(candidate) else { continue }
                    let dx = Double(column) - want.x, dy = Double(row) - want.y
                    let distance = dx * dx + dy * dy
                    if let current = best,
                        (current.distance, current.cell.row, current.cell.column) <= (distance, row, column) { continue }
                    best = (candidate, distance)
                }
            }
            // Every cell of the next ring lies at least radius + ½ cells from `want`.
            if let best, (Double(radius) + 0.5) * (Double(radius) + 0.5) > best.distance { return best.cell }
            radius += 1
        }
    }

    public func render(id: String, width: Double = 720) -> String {
        let cells = cells()
        let columns = (cells.map(\.column).max() ?? 0) + 1, rows = (cells.map(\.row).max() ?? 0) + 1
        let size = min((width - 20) / Double(columns), 64)
        let top = 50.0
        var svg = SVG(width: width, height: top + Double(rows) * size + 12, title: title)
        svg.text(title, x: 10, y: 14, size: 13, weight: "bold")
        let left = (width - Double(columns) * size) / 2
        for (tile, cell) in zip(tiles, cells) {
            let x = left + Double(cell.column) * size, y = top + Double(cell.row) * size
            let colour = tile.value.map { classes.colours[classes.index(of: $0)] } ?? "#cccccc"
            svg.rect(x: x + 1.5, y: y + 1.5, width: size - 3, height: size - 3, fill: colour, extra: [("rx", "4")])
            let ink = Self.ink(on: colour)
            svg.text(tile.code, x: x + size / 2, y: y + size / 2 - 1, anchor: .middle, size: size * 0.27, weight: "bold", fill: ink)
            svg.text(tile.value.map(format) ?? "–", x: x + size / 2, y: y + size / 2 + size * 0.26, anchor: .middle, size: size * 0.2, fill: ink)
        }
        var entries: [Legend.Entry] = []
        for (index, bound) in classes.bounds.enumerated() {
            let upper = index + 1 < classes.bounds.count ? "–" + format(classes.bounds[index + 1]) : "+"
            entries.append(Legend.Entry(format(bound) + upper, colour: classes.colours[index], mark: .box))
        }
        entries.append(Legend.Entry("no calls", colour: "#cccccc", mark: .box))
        Legend(entries).draw(&svg, x: 10, y: 34)
        return svg.render(id: id)
    }

    /// Black or white, whichever reads better on `colour` (`#rrggbb`), by its relative luminance.
    public static func ink(on colour: String) -> String {
        let hex = colour.dropFirst()
        guard hex.count == 6, let value = UInt32(hex, radix: 16) else { return "#111" }
        func linear(_ channel: UInt32) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * linear(value >> 16 & 0xFF) + 0.7152 * linear(value >> 8 & 0xFF) + 0.0722 * linear(value & 0xFF)
        return luminance < 0.18 ? "#fff" : "#111"
    }
}
