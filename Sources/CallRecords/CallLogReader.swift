import CallModel
import Foundation

/// A calls log that cannot be read at all (no such file, no header, a required column missing,
/// no usable row): `fit` stops with exit 2 and this message, which names the file.
public struct CallLogError: BadInput {
    public let description: String

    public init(description: String) { self.description = description }
}

/// Reads a calls log — callsim's own (`run --calls-log`) or another system's export with its own
/// column names (`columns`) — into records, keeping every bad row's line and reason.
public enum CallLogReader {
    /// Reads `--columns KEY=NAME,…`: our keys (docs/call-records.md) to the file's column names.
    public static func columnNames(_ text: String) throws -> [CallLogColumn: String] {
        var names: [CallLogColumn: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let keys = CallLogColumn.allCases.map(\.rawValue).joined(separator: ", ")
            guard parts.count == 2, !parts[1].isEmpty else {
                throw CallLogError(description: "--columns \(pair): write KEY=NAME pairs separated by commas, such as centre=Site,arrival=StartTime (keys: \(keys))")
            }
            guard let key = CallLogColumn(rawValue: parts[0]) else {
                throw CallLogError(description: "--columns \(pair): \(parts[0]) is not a key; the keys are \(keys)")
            }
            guard names[key] == nil else { throw CallLogError(description: "--columns: \(key.rawValue) is mapped twice") }
            names[key] = parts[1]
        }
        return names
    }

    /// Reads the file at `path`; `names` maps our keys to the file's columns (the rest keep our names).
    public static func read(path: String, names: [CallLogColumn: String] = [:]) throws -> CallLog {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CallLogError(description: "\(path): cannot be read (no such file, or no permission)")
        }
        return try read(data, file: path, names: names)
    }

    /// Reads a calls log from `data`; `file` names it in messages.
    public static func read(_ data: Data, file: String, names: [CallLogColumn: String] = [:]) throws -> CallLog {
        var lines = CSVLines(data)
        guard let header = lines.next() else { throw CallLogError(description: "\(file): empty; a calls log starts with a header line") }
        var position: [CallLogColumn: Int] = [:]
        let headings = header.fields
        for column in CallLogColumn.allCases {
            let name = names[column] ?? column.rawValue
            if let index = headings.firstIndex(of: name) { position[column] = index }
        }
        let missing = CallLogColumn.required.filter { position[$0] == nil }
        guard missing.isEmpty else {
            let list = missing.map { key in names[key].map { "\($0) (for \(key.rawValue))" } ?? key.rawValue }.joined(separator: ", ")
            throw CallLogError(description: "\(file): line 1: no column \(list); the header has \(headings.joined(separator: ", ")). Map another system's names with --columns, such as --columns centre=Site,arrival=StartTime,outcome=Result,wait_s=WaitSec")
        }
        var parser = RowParser(position: position, width: headings.count)
        var records: [CallRecord] = []
        var bad: [BadRecord] = []
        while let row = lines.next() {
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }  // a blank line
            switch parser.parse(row) {
            case .success(let record): records.append(record)
            case .failure(let problem): bad.append(problem)
            }
        }
        guard !records.isEmpty else {
            let first = bad.prefix(3).map(\.text).joined(separator: "; ")
            throw CallLogError(description: "\(file): no usable record\(bad.isEmpty ? " (only a header)" : ": \(bad.count) bad, such as \(first)")")
        }
        return CallLog(
            file: file, records: records, bad: bad, centres: parser.centres.names, types: parser.types.names.isEmpty ? ["call"] : parser.types.names,
            callers: parser.callers.count, columns: Set(position.keys))
    }
}

/// Names numbered in the order they first appear.
struct Numbering {
    private(set) var names: [String] = []
    private var numbers: [String: Int] = [:]
    var count: Int { names.count }

    mutating func number(_ name: String) -> Int {
        if let number = numbers[name] { return number }
        numbers[name] = names.count
        names.append(name)
        return names.count - 1
    }
}

/// Turns one CSV row into a record, or says which field is wrong.
struct RowParser {
    let position: [CallLogColumn: Int]
    let width: Int
    var centres = Numbering(), types = Numbering(), callers = Numbering()

    mutating func parse(_ row: CSVLines.Row) -> Result<CallRecord, BadRecord> {
        func bad(_ column: CallLogColumn?, _ problem: String) -> Result<CallRecord, BadRecord> {
            .failure(BadRecord(line: row.line, column: column?.rawValue ?? "row", problem: problem))
        }
        guard row.fields.count == width else { return bad(nil, "\(row.fields.count) fields, the header has \(width)") }
        func field(_ column: CallLogColumn) -> String? {
            guard let index = position[column] else { return nil }
            let text = row.fields[index]
            return text.isEmpty ? nil : text
        }
        /// 100 years: the longest duration a scenario takes.
        let longest = 100 * 365 * 86_400.0
        func seconds(_ column: CallLogColumn) -> Double?? {
            guard let text = field(column) else { return .some(nil) }
            guard let value = Double(text), value.isFinite, value >= 0, value <= longest else { return nil }
            return .some(value)
        }
        // A name with a line break or another control character is a broken export, not a centre.
        for column in [CallLogColumn.caller, .centre, .answeredBy, .type] {
            if let text = field(column), text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                return bad(column, "holds a control character (a line break, a tab…); names are printable text")
            }
        }
        guard let centreName = field(.centre) else { return bad(.centre, "empty; each record needs its centre") }
        guard let arrivalText = field(.arrival), let arrival = ClockTime(Substring(arrivalText)) else {
            return bad(.arrival, "\"\(field(.arrival) ?? "")\" is not a time; write ISO 8601 with its offset, such as 2024-01-01T08:30:00+02:00")
        }
        guard let outcomeText = field(.outcome), let outcome = AttemptRecord.Outcome(rawValue: outcomeText.lowercased()) else {
            return bad(.outcome, "\"\(field(.outcome) ?? "")\" is not an outcome; allowed: answered, abandoned, blocked")
        }
        // A busy tone has no wait: some exports leave it empty.
        let waitText = field(.wait) ?? (outcome == .blocked ? "0" : nil)
        guard let waitText, let wait = Double(waitText), wait.isFinite, wait >= 0, wait <= longest else {
            return bad(.wait, "\"\(field(.wait) ?? "")\" is not a wait; write seconds, from 0 to 100 years")
        }
        guard let handling = seconds(.handling) else { return bad(.handling, "\"\(field(.handling)!)\" is not seconds (0 to 100 years)") }
        guard let wrapup = seconds(.wrapup) else { return bad(.wrapup, "\"\(field(.wrapup)!)\" is not seconds (0 to 100 years)") }
        guard let handoff = seconds(.handoff) else { return bad(.handoff, "\"\(field(.handoff)!)\" is not seconds (0 to 100 years)") }
        var attempt: Int?
        if let text = field(.attempt) {
            guard let value = Int(text), value >= 1 else { return bad(.attempt, "\"\(text)\" is not an attempt number (1, 2, …)") }
            attempt = value
        }
        var escalated: Bool?
        if let text = field(.escalated) {
            switch text.lowercased() {
            case "1", "true", "yes": escalated = true
            case "0", "false", "no": escalated = false
            default: return bad(.escalated, "\"\(text)\" is not 0 or 1")
            }
        }
        return .success(CallRecord(
            line: row.line, caller: field(.caller).map { callers.number($0) }, attempt: attempt, centre: centres.number(centreName),
            answeredBy: field(.answeredBy).map { centres.number($0) }, type: field(.type).map { types.number($0) } ?? 0,
            arrival: arrival, outcome: outcome, wait: wait, handling: handling, wrapup: wrapup, escalated: escalated, handoff: handoff))
    }
}

/// The rows of a CSV file (RFC 4180: quoted fields may hold commas, quotes doubled, and line
/// breaks), each with its first line's number; byte-order marks (anywhere) and CRLF line ends are taken,
/// and spaces and tabs around a field are dropped (here, on bytes: Foundation's trimming took half
/// the time of reading a year of records).
struct CSVLines: IteratorProtocol {
    struct Row {
        let line: Int
        let fields: [String]
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(_ data: Data) {
        bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func next() -> Row? {
        guard index < bytes.count else { return nil }
        let first = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        func finish() {
            // A byte-order mark inside the file (exports concatenated with `cat`) is not part of a name.
            if field.count >= 3, field.contains(0xEF) { field = Self.withoutByteOrderMarks(field) }
            var start = 0, end = field.count
            while start < end, field[start] == 32 || field[start] == 9 { start += 1 }
            while end > start, field[end - 1] == 32 || field[end - 1] == 9 { end -= 1 }
            fields.append(String(decoding: field[start..<end], as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == 34 {
                    if index < bytes.count && bytes[index] == 34 { field.append(34); index += 1 } else { quoted = false }
                } else {
                    if byte == 10 { line += 1 }
                    field.append(byte)
                }
            } else if byte == 34 && field.allSatisfy({ $0 == 32 || $0 == 9 }) {
                field.removeAll(keepingCapacity: true)
                quoted = true
            } else if byte == 44 {
                finish()
            } else if byte == 10 {
                line += 1
                break
            } else if byte != 13 {
                field.append(byte)
            }
        }
        finish()
        return Row(line: first, fields: fields)
    }

    /// `bytes` without the UTF-8 byte-order marks (EF BB BF) in it.
    static func withoutByteOrderMarks(_ bytes: [UInt8]) -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index] == 0xEF, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
                index += 3
            } else {
                kept.append(bytes[index])
                index += 1
            }
        }
        return kept
    }
}
