import Foundation
import Yams

/// What the reader does with the YAML text itself: refusing keys that are not plain names before
/// composing, placing libyaml's errors inside the file, and finding a centre's line afterwards.
extension ScenarioReader {
    /// An error at `centres[centre]` of the scenario file at `path` (its line and column when the
    /// file still reads), for problems found while running it.
    public static func error(atCentre centre: Int, of path: String, _ message: String) -> ScenarioError {
        error(at: [.key("centres"), .index(centre)], of: path, message)
    }

    /// One step of a field's path from the top of a scenario file: a key, or a place in a list.
    public enum FieldStep: Sendable {
        case key(String)
        case index(Int)
    }

    /// An error at the field `steps` lead to in the file at `path`, at its line and column where
    /// the file has it (else line 0), named as in every error (`surges[0].factor`).
    public static func error(at steps: [FieldStep], of path: String, _ message: String) -> ScenarioError {
        var line = 0, column = 0
        if let text = try? String(contentsOfFile: path, encoding: .utf8), var node = try? Yams.compose(yaml: text) {
            var found = true
            for step in steps where found {
                switch step {
                case .key(let key): if let next = node.mapping?[key] { node = next } else { found = false }
                case .index(let index):
                    if let list = node.sequence, index < list.count { node = list[index] } else { found = false }
                }
            }
            if found, let mark = node.mark { (line, column) = (mark.line, mark.column) }
        }
        let field = steps.enumerated().map { place, step in
            switch step {
            case .key(let key): return place == 0 ? key : ".\(key)"
            case .index(let index): return "[\(index)]"
            }
        }.joined()
        return ScenarioError(file: path, line: line, column: column, field: field, message: message)
    }

    /// Refuses mapping keys that are not plain text: an alias (`*a: …`), a flow list or mapping
    /// (`[…]: …`) or an explicit key (`? …`). A scenario needs none, and YAML's aliases make such a
    /// key grow exponentially while it is composed (a few hundred bytes that never finish).
    static func refuseComplexKeys(_ text: String, file: String) throws {
        let patterns = [
            (#"(^|[\s\[{,])\*[^\s\[\]{},]+\s*:(\s|$)"#, "an alias used as a mapping key"),
            (#"(^|[\s\[{,])\?(\s|$)"#, "an explicit (complex) mapping key"),
            (#"[\]}]\s*:(\s|$)"#, "a list or mapping used as a mapping key"),
        ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let plain = withoutQuotesAndComment(String(line))
            let range = NSRange(plain.startIndex..., in: plain)
            for (pattern, what) in patterns {
                guard let match = pattern.firstMatch(in: plain, range: range) else { continue }
                throw ScenarioError(
                    file: file, line: number + 1, column: match.range.location + 1, field: "YAML",
                    message: "\(what): scenario keys are plain names such as handling or calls_per_day")
            }
        }
    }

    /// A line with its quoted text blanked out (same length) and its comment removed.
    static func withoutQuotesAndComment(_ line: String) -> String {
        var out = "", quote: Character?
        var previous: Character = " "
        for character in line {
            if let open = quote {
                out.append(character == open ? character : "x")
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
                out.append(character)
            } else if character == "#" && previous.isWhitespace {
                break
            } else {
                out.append(character)
            }
            previous = character
        }
        return out
    }

    static func yamlError(_ error: YamlError, file: String) -> ScenarioError {
        /// A place inside the text: libyaml marks a problem at the end of the file one line past it.
        func make(_ mark: Mark, _ message: String, _ yaml: String) -> ScenarioError {
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let last = lines.last?.isEmpty == true ? lines.count - 1 : lines.count
            let (line, column) = mark.line > max(last, 1) ? (max(last, 1), (lines[max(last, 1) - 1].count) + 1) : (mark.line, mark.column)
            return ScenarioError(file: file, line: line, column: column, field: "YAML", message: message)
        }
        switch error {
        case .reader(let problem, let offset, let value, let yaml):
            let before = offset.map { yaml.prefix($0) } ?? ""
            let line = before.filter { $0 == "\n" }.count + 1
            let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            return ScenarioError(
                file: file, line: line, column: column, field: "YAML",
                message: "\(problem) (character U+\(String(format: "%04X", value)))")
        case .scanner(let context, let problem, let mark, let yaml), .parser(let context, let problem, let mark, let yaml),
            .composer(let context, let problem, let mark, let yaml):
            return make(mark, "malformed YAML: \(problem)" + (context.map { " (\($0.text))" } ?? ""), yaml)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.joined(separator: ", ")
            var error = make(context.mark, "\(names) is given twice in one mapping: keep one", context.text)
            if let key = duplicates.first, let path = duplicatePath(of: key, at: context.mark, in: context.text) {
                error = ScenarioError(file: file, line: error.line, column: error.column, field: path, message: error.message)
            }
            return error
        default:
            return ScenarioError(file: file, line: 1, column: 1, field: "YAML", message: "malformed YAML: \(error)")
        }
    }

    /// The path (`routing.periods[0].from`) of the key `key` that Yams found twice, its first
    /// occurrence at `mark`: that occurrence is renamed and the text composed again (renaming other
    /// duplicates the same way), and the renamed key is looked for in the tree. `nil` when that does
    /// not work.
    static func duplicatePath(of key: String, at mark: Mark, in text: String) -> String? {
        let wanted = "callsim-duplicate-key"
        guard var text = renaming(key, at: mark, in: text, to: wanted) else { return nil }
        var root: Node? = nil
        for round in 1...20 {
            do {
                root = try Yams.compose(yaml: text)
                break
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                guard let other = duplicates.first,
                    let renamed = renaming(other, at: context.mark, in: text, to: "callsim-other-duplicate-\(round)")
                else { return nil }
                text = renamed
            } catch {
                return nil
            }
        }
        // Aliases make the tree exponentially larger than the text (an alias "bomb" hung here, a fuzz
        // finding): the search looks at 100,000 nodes at most, then gives up on naming the path.
        var budget = 100_000
        func find(_ node: Node, _ path: String) -> String? {
            budget -= 1
            guard budget > 0 else { return nil }
            if let mapping = node.mapping {
                for (name, value) in mapping {
                    guard let name = name.string else { continue }
                    if name == wanted { return path.isEmpty ? key : "\(path).\(key)" }
                    if let found = find(value, path.isEmpty ? name : "\(path).\(name)") { return found }
                }
            } else if let sequence = node.sequence {
                for (index, item) in sequence.enumerated() {
                    if let found = find(item, "\(path)[\(index)]") { return found }
                }
            }
            return nil
        }
        return root.flatMap { find($0, "") }
    }

    /// `text` with the key `key` at `mark` (plain or quoted) replaced by `name`.
    private static func renaming(_ key: String, at mark: Mark, in text: String, to name: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        var characters = Array(lines[mark.line - 1])
        let start = mark.column - 1
        guard start >= 0, start < characters.count else { return nil }
        var end = start + key.count
        if characters[start] == "\"" || characters[start] == "'" {
            guard let close = characters[(start + 1)...].firstIndex(of: characters[start]) else { return nil }
            end = close + 1
        }
        guard end <= characters.count else { return nil }
        characters.replaceSubrange(start..<end, with: Array(name))
        lines[mark.line - 1] = String(characters)
        return lines.joined(separator: "\n")
    }
}
