import CallModel
import Foundation

/// One line of status on stderr, rewritten in place, while stderr is a terminal; nothing otherwise
/// (stdout is never touched, so output piped elsewhere stays clean).
final class StatusLine: Sendable {
    let enabled = isatty(FileHandle.standardError.fileDescriptor) == 1

    /// Shows `text` in place of the previous status.
    var show: @Sendable (String) -> Void {
        { [enabled] text in
            guard enabled else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        }
    }

    /// Clears the line.
    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// A run's progress on a `StatusLine` once it has taken more than a second: replications done,
/// calls simulated and an estimate of the time left.
final class Progress: Sendable {
    let total: Int
    let started = Date()
    let line = StatusLine()

    init(_ scenario: Scenario) { total = scenario.replications }

    var report: @Sendable (Int, Int) -> Void {
        { [total, started, line] done, calls in
            let elapsed = Date().timeIntervalSince(started)
            guard elapsed > 1 else { return }
            let left = elapsed / Double(done) * Double(total - done)
            let millions = String(format: "%.1f M calls", Double(calls) / 1e6)
            line.show("replications \(done)/\(total) · \(millions) · about \(Int(left.rounded(.up))) s left")
        }
    }

    func finish() { line.finish() }
}
