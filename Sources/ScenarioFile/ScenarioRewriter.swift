import CallModel
import Yams

/// Writes a scenario's text anew with other consoles at its centres (`callsim size --write`),
/// keeping everything else as it was written: comments, layout, the order of keys.
///
/// It edits the text where the YAML library says each centre's `consoles` value starts (replacing a
/// number or a flow-style `{by_hour: […]}`) or, for a centre without one, adds `consoles:` after its
/// `code`. Where it cannot (a block-style value it cannot delimit), or where the edited text would
/// not read back with the wanted consoles, it writes the document anew through the YAML library,
/// which drops comments, and says so.
public enum ScenarioRewriter {
    /// The rewritten text, and whether comments and layout were kept.
    public struct Rewritten {
        public let text: String
        public let commentsKept: Bool
    }

    /// `source` with `consoles[code]` (all day, or a shift plan) at each centre it names, after the
    /// comment lines `note` (by default, that `size` sized the consoles).
    public static func withConsoles(
        _ consoles: [String: Staffing], in source: String, file: String, note: String = ScenarioRewriter.note
    ) throws -> Rewritten {
        let root = try compose(source, file: file)
        if let edited = edit(source, root: root, consoles: consoles), reads(edited, back: consoles, file: file) {
            return Rewritten(text: note + edited, commentsKept: true)
        }
        var document = root
        guard case .sequence(var centres)? = root["centres"] else {
            throw ScenarioError(file: file, line: 1, column: 1, field: "centres", message: "expected the list of centres")
        }
        for index in centres.indices {
            guard let code = centres[index]["code"]?.string, let wanted = consoles[code] else { continue }
            centres[index]["consoles"] = value(wanted)
        }
        document["centres"] = .sequence(centres)
        let text: String
        do { text = try Yams.serialize(node: document, width: -1, allowUnicode: true) } catch {
            throw ScenarioError(file: file, line: 1, column: 1, field: "<file>", message: "cannot write the scenario anew: \(error)")
        }
        return Rewritten(text: note + text, commentsKept: false)
    }

    /// The first lines of a rewritten scenario: the consoles are sized; older comments may say otherwise.
    public static let note = "# Consoles sized by `callsim size` (each centre's `consoles`); the comments below are the\n"
        + "# original scenario's and may still describe its old consoles.\n"

    static func compose(_ source: String, file: String) throws -> Node {
        do {
            guard let root = try Yams.compose(yaml: source) else {
                throw ScenarioError(file: file, line: 1, column: 1, field: "<file>", message: "the file is empty")
            }
            return root
        } catch let error as YamlError {
            throw ScenarioReader.yamlError(error, file: file)
        }
    }

    /// The YAML value of a console count or shift plan.
    static func value(_ staffing: Staffing) -> Node {
        guard case .byHour(let counts) = staffing else { return Node(String(staffing.peak), Tag(.int)) }
        var hours = Node.Sequence(counts.map { Node(String($0), Tag(.int)) })
        hours.style = .flow
        var plan = Node.Mapping([(Node("by_hour"), Node.sequence(hours))])
        plan.style = .flow
        return .mapping(plan)
    }

    static func text(_ staffing: Staffing) -> String {
        guard case .byHour(let counts) = staffing else { return String(staffing.peak) }
        return "{by_hour: [\(counts.map(String.init).joined(separator: ", "))]}"
    }

    /// `true` when `text` reads as a scenario whose centres have the wanted consoles.
    static func reads(_ text: String, back consoles: [String: Staffing], file: String) -> Bool {
        guard let scenario = try? ScenarioReader.parse(text, file: file) else { return false }
        return scenario.centres.allSatisfy { centre in
            guard let wanted = consoles[centre.code] else { return true }
            return centre.staffing == wanted
        }
    }

    /// The source with each centre's consoles edited in place; `nil` where a value cannot be delimited.
    static func edit(_ source: String, root: Node, consoles: [String: Staffing]) -> String? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0).unicodeScalars) }
        var edits: [(line: Int, column: Int, length: Int, text: String)] = []  // 0-based, in scalars
        for centre in root["centres"]?.sequence ?? [] {
            guard let mapping = centre.mapping, let code = mapping["code"], let wanted = code.string.flatMap({ consoles[$0] })
            else { continue }
            let replacement = text(wanted)
            if let value = mapping.first(where: { $0.key.string == "consoles" })?.value {
                guard let mark = value.mark, let length = span(of: value, in: lines[mark.line - 1], from: mark.column - 1)
                else { return nil }
                edits.append((mark.line - 1, mark.column - 1, length, replacement))
            } else {
                guard let mark = code.mark, let length = span(of: code, in: lines[mark.line - 1], from: mark.column - 1),
                    let keyMark = mapping.first(where: { $0.key.string == "code" })?.key.mark
                else { return nil }
                let opening = centre.mark.flatMap { lines[$0.line - 1].dropFirst($0.column - 1).first }  // Yams keeps no style
                if opening == "{" {
                    edits.append((mark.line - 1, mark.column - 1 + length, 0, ", consoles: \(replacement)"))
                } else {
                    let indent = String(repeating: " ", count: keyMark.column - 1)
                    edits.append((mark.line - 1, lines[mark.line - 1].count, 0, "\n\(indent)consoles: \(replacement)"))
                }
            }
        }
        var edited = lines
        for edit in edits.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            edited[edit.line].replaceSubrange(edit.column..<(edit.column + edit.length), with: edit.text.unicodeScalars)
        }
        return edited.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }

    /// How many scalars of `line` from `start` the value spans: a plain or quoted scalar, or a
    /// flow collection up to its closing bracket on the same line; `nil` otherwise.
    static func span(of node: Node, in line: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < line.count else { return nil }
        var depth = 0, index = start, quote: Unicode.Scalar?
        let first = line[start]
        if node.scalar != nil, first != "\"", first != "'" {
            let length = node.scalar!.string.unicodeScalars.count
            return start + length <= line.count ? length : nil
        }
        guard node.scalar != nil || first == "{" || first == "[" else { return nil }  // a block collection
        while index < line.count {
            let character = line[index]
            if let open = quote {
                if character == "\\" && open == "\"" { index += 1 } else if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "{" || character == "[" {
                depth += 1
            } else if character == "}" || character == "]" {
                depth -= 1
            }
            index += 1
            if quote == nil && depth == 0 { return index - start }
        }
        return nil
    }
}
