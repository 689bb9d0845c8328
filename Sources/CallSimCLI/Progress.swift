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

/// Replications done out of a run's total, on a `StatusLine`.
final class Progress: Sendable {
    let total: Int
    let line = StatusLine()

    init(total: Int) { self.total = total }

    var report: @Sendable (Int) -> Void {
        { [total, line] done in line.show("replications done: \(done)/\(total)") }
    }

    func finish() { line.finish() }
}
