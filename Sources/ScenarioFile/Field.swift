import Yams

/// A node of the scenario document with its path, so that every value read from it, and every
/// problem found in it, can name the file, the line and the field.
struct Field {
    let node: Node
    let path: String
    let file: String

    /// A problem with this field.
    func error(_ message: String) -> ScenarioError {
        ScenarioError(
            file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1,
            field: path.isEmpty ? "<top level>" : path, message: message)
    }

    func child(_ node: Node, _ name: String) -> Field {
        Field(node: node, path: path.isEmpty ? name : "\(path).\(name)", file: file)
    }

    /// Shown in messages: the value as written.
    var written: String {
        if let scalar = node.scalar { return "\"\(scalar.string)\"" }
        if node.sequence != nil { return "a list" }
        return "a mapping"
    }

    /// The field as a mapping whose keys are all in `allowed`.
    func mapping(_ what: String, allowed: [String]) throws -> Mapping {
        guard let mapping = node.mapping else { throw error("expected \(what) (a mapping of keys), got \(written)") }
        var fields: [String: Field] = [:]
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            let keyField = Field(node: key, path: path.isEmpty ? name : "\(path).\(name)", file: file)
            guard allowed.contains(name) else {
                let hint = Self.closest(to: name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                throw keyField.error("unknown key '\(name)'\(hint); allowed here: \(allowed.joined(separator: ", "))")
            }
            fields[name] = child(value, name)
        }
        return Mapping(field: self, fields: fields)
    }

    /// The field's items, with their paths.
    func list(_ what: String) throws -> [Field] {
        guard let sequence = node.sequence else { throw error("expected \(what) (a list), got \(written)") }
        return sequence.enumerated().map { Field(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    func string() throws -> String {
        guard let scalar = node.scalar, scalar.tag != Tag(.null) || !scalar.string.isEmpty else {
            throw error("expected a text value, got \(written)")
        }
        return scalar.string
    }

    /// A finite number within `range`, described as `allowed` in the error.
    func number(in range: ClosedRange<Double> = -.infinity ... .infinity, allowed: String) throws -> Double {
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite, range.contains(value) else {
            throw error("must be \(allowed) (got \(written))")
        }
        return value
    }

    /// A number that is 0 or within `range`, described as `allowed` in the error.
    func zeroOr(_ range: ClosedRange<Double>, allowed: String) throws -> Double {
        let value = try number(in: 0...range.upperBound, allowed: allowed)
        guard value == 0 || value >= range.lowerBound else { throw error("must be \(allowed) (got \(written))") }
        return value
    }

    /// An arrival rate counted `perDay` times a day: 0, or from one call in 1,000 days to 10
    /// million calls a day.
    func rate(perDay: Double) throws -> Double {
        let unit = perDay == 1 ? "a day" : "an hour"
        return try zeroOr(
            0.001 / perDay ... 1e7 / perDay,
            allowed: "0 or a number of calls \(unit) from \(0.001 / perDay) to \(Int(1e7 / perDay))")
    }

    /// A whole number within `range`.
    func integer(in range: ClosedRange<Int>, allowed: String) throws -> Int {
        guard let text = node.scalar?.string, let value = Int(text), range.contains(value) else {
            throw error("must be \(allowed) (got \(written))")
        }
        return value
    }

    /// A duration in seconds, from 0 (or, `moreThanZero`, from 1 ms) to 100 years.
    func duration(moreThanZero: Bool = false) throws -> Double {
        guard let text = node.scalar?.string, let value = DurationText.seconds(text) else {
            let problem = node.scalar.flatMap { DurationText.problem($0.string) }.map { ": \($0)" } ?? ""
            throw error("must be \(DurationText.allowed) (got \(written))\(problem)")
        }
        if moreThanZero && value < DurationText.shortestPositive { throw error("must be longer than 0, at least 1 ms (got \(written))") }
        return value
    }

    /// The allowed word nearest to `word`, if it is near enough to be a typo.
    static func closest(to word: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, word.count / 3) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

/// A mapping field whose keys have been checked against what is allowed there.
struct Mapping {
    let field: Field
    let fields: [String: Field]

    subscript(key: String) -> Field? { fields[key] }

    /// The value of a key that must be present.
    func required(_ key: String, _ what: String) throws -> Field {
        guard let value = fields[key] else { throw field.error("missing '\(key)': \(what)") }
        return value
    }
}
