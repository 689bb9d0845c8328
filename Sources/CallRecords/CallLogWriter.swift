import CallModel
import Foundation

/// Writes attempts as rows of a calls log (`run --calls-log`), streamed: rows go to a file beside
/// the one asked for in blocks, and the file takes its name only when `finish` is called, so a
/// failure never leaves half a log under the name.
public final class CallLogWriter {
    private let centres: [String]
    private let types: [String]
    private let start: ClockTime
    private let path: String
    private let partial: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    public private(set) var rows = 0

    /// A log of `scenario`'s attempts at `path`; time 0 of the simulation is `start` on the clock.
    public init(path: String, scenario: Scenario, start: ClockTime) throws {
        centres = scenario.centres.map(\.code)
        types = scenario.callTypes.map(\.name)
        self.start = start
        self.path = path
        partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
        append(CallLogColumn.allCases.map(\.rawValue).joined(separator: ",") + "\n")
    }

    /// Appends one attempt's row.
    public func write(_ record: AttemptRecord) {
        func seconds(_ value: Double?) -> String {
            guard let value else { return "" }
            return String(format: "%.3f", value)
        }
        let row = [
            String(record.caller), String(record.attempt), centres[record.centre], record.answeredBy.map { centres[$0] } ?? "",
            types[record.type], start.adding(record.arrival).text, record.outcome.rawValue, seconds(record.wait),
            seconds(record.handling), seconds(record.wrapup), record.escalated ? "1" : "0", seconds(record.handoff),
        ]
        append(row.joined(separator: ",") + "\n")
        rows += 1
    }

    private func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and gives the file its name.
    public func finish() throws {
        flush()
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: partial, toPath: path)
    }

    /// Removes the partial file after a failure.
    public func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: partial)
    }
}
