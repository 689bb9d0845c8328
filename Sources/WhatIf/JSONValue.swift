import Foundation

/// A JSON value as a request sends it, kept exact: whole numbers apart from fractions (a seed
/// needs all 64 bits), `true` apart from 1, so a request's fields can be checked one by one.
enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case unsigned(UInt64)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(UInt64.self) { self = .unsigned(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// The value as a number, if it is one.
    var number: Double? {
        switch self {
        case .unsigned(let value): return Double(value)
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    /// The value as a whole number in `Int`'s range, if it is one (3.0 is, 3.5 is not).
    var whole: Int? {
        switch self {
        case .unsigned(let value): return Int(exactly: value)
        case .integer(let value): return Int(exactly: value)
        case .number(let value): return value.isFinite && value.rounded() == value ? Int(exactly: value) : nil
        default: return nil
        }
    }

    /// The value as JSON text (keys sorted), for messages and for the YAML reader.
    var text: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .unsigned(let value): return String(value)
        case .integer(let value): return String(value)
        case .number(let value): return String(value)
        case .string(let value): return Self.quoted(value)
        case .array(let values): return "[" + values.map(\.text).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { "\(Self.quoted($0)): \(members[$0]!.text)" }.joined(separator: ", ") + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return String(decoding: (try? encoder.encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
