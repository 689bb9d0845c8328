/// An error in what the user gave — a scenario file, a baseline, a report, a flag's value — as
/// opposed to a fault of callsim's: every command exits with status 2 for it, printing `report`.
public protocol BadInput: Error, CustomStringConvertible {
    /// The line printed on standard error.
    var report: String { get }
}

extension BadInput {
    public var report: String { "error: \(description)" }
}
