import CallModel

/// A problem with a scenario file: the file, the line and column, the field, and what is allowed.
///
/// Printed the way compilers print errors, so editors and CI annotators can jump to it:
/// `Scenarios/x.yaml:12:5: error: centres[3].calls_per_day: must be a number ≥ 0 (got "abc")`.
public struct ScenarioError: BadInput, Sendable {
    public let file: String
    /// 1-based line; 0 when the problem is the file itself (missing, unreadable).
    public let line: Int
    public let column: Int
    /// The field's path in the document, e.g. `centres[3].handling.mean`.
    public let field: String
    public let message: String

    public init(file: String, line: Int, column: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// Already says where and that it is an error.
    public var report: String { description }

    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        return "\(place): error: \(field): \(message)"
    }
}
