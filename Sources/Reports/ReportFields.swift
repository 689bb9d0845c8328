import CallModel
import Foundation

/// One JSON object of a `report.json` being read back, with typed, validated access to its
/// members: a member of the wrong type or out of range is refused with its path in the document
/// (`centres[3].asa_s.mean`) and what is allowed, as a scenario's fields are. `compare` and
/// `check --baseline` read reports through it, so a hand-edited file fails with exit 2, not a
/// wrong figure or a trap.
struct ReportFields {
    let members: [String: Any]
    /// Where the object sits in the document ("" at the top).
    let path: String
    let source: String

    init(_ members: [String: Any], path: String, source: String) {
        self.members = members
        self.path = path
        self.source = source
    }

    /// The path of member `key`.
    func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An error at member `key`: what it holds and what is allowed.
    func refuse(_ key: String, _ allowed: String) -> ReportError {
        let found = members[key].map(Self.describe) ?? "nothing"
        return ReportError(description: "\(source): \(path(of: key)): \(allowed), not \(found)")
    }

    // MARK: Numbers

    /// A JSON number, not a boolean (Foundation reads `true` as a number 1).
    static func number(_ value: Any?) -> Double? {
        guard let value, !(value is NSNull), ObjectIdentifier(type(of: value)) != booleanType else { return nil }
        return (value as? NSNumber)?.doubleValue
    }

    private static let booleanType = ObjectIdentifier(type(of: NSNumber(value: true) as Any))

    /// A finite number in `range` (`above` excludes its lower end).
    func number(_ key: String, atLeast lower: Double = -.greatestFiniteMagnitude, above: Double? = nil) throws -> Double {
        guard let value = Self.number(members[key]), value.isFinite, value >= lower, above.map({ value > $0 }) ?? true else {
            let bound = above.map { " > \(Self.text($0))" } ?? (lower > -.greatestFiniteMagnitude ? " ≥ \(Self.text(lower))" : "")
            throw refuse(key, "must be a finite number\(bound)")
        }
        return value
    }

    /// Like `number`, but absent or `null` gives `nil`.
    func optionalNumber(_ key: String, atLeast lower: Double = -.greatestFiniteMagnitude) throws -> Double? {
        guard let value = members[key], !(value is NSNull) else { return nil }
        return try number(key, atLeast: lower)
    }

    /// A whole number in `range`.
    func integer(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int {
        guard let value = Self.number(members[key]), value == value.rounded(), let whole = Int(exactly: value), range.contains(whole)
        else {
            let bounds = range.lowerBound == Int.min ? "" : range.upperBound == Int.max
                ? " ≥ \(range.lowerBound)" : " from \(range.lowerBound) to \(range.upperBound)"
            throw refuse(key, "must be a whole number\(bounds)")
        }
        return whole
    }

    /// Like `integer`, but absent or `null` gives `nil`.
    func optionalInteger(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
        guard let value = members[key], !(value is NSNull) else { return nil }
        return try integer(key, in: range)
    }

    /// A whole number from 0 to 2⁶⁴ − 1 (a seed).
    func unsigned(_ key: String) throws -> UInt64 {
        // Large seeds do not survive a Double; read the digits.
        guard let value = members[key], let number = value as? NSNumber, Self.number(value) != nil,
            let seed = UInt64(number.stringValue)
        else { throw refuse(key, "must be a whole number from 0 to 18446744073709551615") }
        return seed
    }

    // MARK: Text, objects and arrays

    func string(_ key: String) throws -> String {
        guard let text = members[key] as? String else { throw refuse(key, "must be a text") }
        return text
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = members[key], !(value is NSNull) else { return nil }
        return try string(key)
    }

    func object(_ key: String) throws -> ReportFields {
        guard let object = members[key] as? [String: Any] else { throw refuse(key, "must be an object of figures") }
        return ReportFields(object, path: path(of: key), source: source)
    }

    /// The array's objects; absent gives none unless `required`.
    func objects(_ key: String, required: Bool = false, count: Int? = nil) throws -> [ReportFields] {
        guard let value = members[key] else {
            if required { throw refuse(key, "must be a list of objects") }
            return []
        }
        guard let array = value as? [Any], count.map({ array.count == $0 }) ?? true, !(required && array.isEmpty) else {
            throw refuse(key, count.map { "must be a list of \($0) objects" } ?? "must be a list of objects\(required ? ", at least one" : "")")
        }
        return try array.enumerated().map { index, element in
            guard let object = element as? [String: Any] else {
                throw ReportError(description: "\(source): \(path(of: key))[\(index)]: must be an object, not \(Self.describe(element))")
            }
            return ReportFields(object, path: "\(path(of: key))[\(index)]", source: source)
        }
    }

    /// A KPI's figures: `mean` and `ci95` finite numbers ≥ 0 or `null` (not estimated), and `values`
    /// a list of such numbers or `null`s; the mean and values of a share (service level, abandonment
    /// rate, a survival curve's share) at most 1 (its interval's half-width may be more). Every
    /// figure callsim reports is a count, a share or a duration.
    func figure(_ key: String) throws -> ReportView.KPIValue {
        let figure = try object(key)
        let shares = [KPI.serviceLevel.rawValue, KPI.abandonmentRate.rawValue, KPI.unservedRate.rawValue, "share"]
        let range = 0 ... (shares.contains(key) ? 1 : Double.greatestFiniteMagnitude)
        let allowed = "must be a finite number " + (range.upperBound == 1 ? "from 0 to 1" : "≥ 0") + " or null"
        let values = try (figure.members["values"]).map { list -> [Double?] in
            guard let list = list as? [Any] else { throw figure.refuse("values", "must be a list of numbers") }
            return try list.enumerated().map { index, value in
                if value is NSNull { return nil }
                guard let number = Self.number(value), range.contains(number) else {
                    throw ReportError(description: "\(source): \(figure.path(of: "values"))[\(index)]: \(allowed), not \(Self.describe(value))")
                }
                return number
            }
        } ?? []
        return ReportView.KPIValue(
            mean: try figure.nullableNumber("mean", in: range, allowed),
            ci95: try figure.nullableNumber("ci95", in: 0 ... .greatestFiniteMagnitude, "must be a finite number ≥ 0 or null"),
            values: values)
    }

    /// A number in `range`, or absent or `null` for a figure not estimated.
    private func nullableNumber(_ key: String, in range: ClosedRange<Double>, _ allowed: String) throws -> Double? {
        guard let value = members[key], !(value is NSNull) else { return nil }
        guard let number = Self.number(value), range.contains(number) else { throw refuse(key, allowed) }
        return number
    }

    // MARK: Describing what was found

    static func describe(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if ObjectIdentifier(type(of: value)) == booleanType { return (value as? Bool) == true ? "true" : "false" }
        if let number = value as? NSNumber { return number.stringValue }
        if let text = value as? String { return "\"\(text.count > 40 ? text.prefix(40) + "…" : text)\"" }
        if let list = value as? [Any] { return list.isEmpty ? "an empty list" : "a list of \(list.count)" }
        if value is [String: Any] { return "an object" }
        return "\(type(of: value))"
    }

    static func text(_ value: Double) -> String { value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)" }
}
