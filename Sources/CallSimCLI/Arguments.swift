import ArgumentParser
import ScenarioFile

/// A duration on the command line (`--horizon 28d`, `--aht 3m`), parsed once, with the scenario
/// files' syntax and range (docs/scenario-format.md, "Durations").
struct DurationArgument: ExpressibleByArgument, Sendable {
    let seconds: Double
    /// As written, for help's defaults.
    let written: String

    init?(argument: String) {
        guard let seconds = DurationText.seconds(argument) else { return nil }
        self.seconds = seconds
        written = argument
    }

    var defaultValueDescription: String { written }

    /// Reads an option's value, saying what is wrong with one that is not a duration (a bare
    /// number: "write 14s for seconds, 14m for minutes"), for `@Option(transform:)`.
    static func parse(_ text: String) throws -> DurationArgument {
        guard let value = DurationArgument(argument: text) else {
            throw ValidationError(DurationText.problem(text) ?? "must be \(DurationText.allowed)")
        }
        return value
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// Consoles on the command line: a number or a range such as `10-14`, from 1 to `maximum`, of at
/// most `maxRows` numbers (each row's formulas cost time growing with its consoles).
struct ConsoleRange: ExpressibleByArgument, Sendable {
    static let maximum = 100_000
    static let maxRows = 1_000
    let range: ClosedRange<Int>

    init?(argument: String) {
        let parts = argument.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard let low = parts.first ?? nil, let high = parts.count == 2 ? parts[1] : (parts.count == 1 ? low : nil),
              low >= 1, low <= high, high <= Self.maximum, high - low < Self.maxRows else { return nil }
        range = low...high
    }
}
