import Foundation
import Yams

/// What the reader does with the YAML text itself: refusing keys that are not plain names before
/// composing, placing libyaml's errors inside the file, and finding a centre's line afterwards.
extension ScenarioReader {
    /// An error at `centres[centre]` of the scenario file at `path` (its line and column when the
    /// file still reads), for problems found while running it.
    public static func error(atCentre centre: Int, of path: String, _ message: String) -> ScenarioError {
        var line = 0, column = 0
        if let text = try? String(contentsOfFile: path, encoding: .utf8), let root = try? Yams.compose(yaml: text),
           let list = root.mapping?["centres"]?.sequence, centre < list.count, let mark = list[centre].mark {
            (line, column) = (mark.line, mark.column)
        }
        return ScenarioError(file: path, line: line, column: column, field: "centres[\(centre)]", message: message)
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
            return make(context.mark, "a key appears twice in one mapping: \(duplicates.joined(separator: ", "))", context.text)
        default:
            return ScenarioError(file: file, line: 1, column: 1, field: "YAML", message: "malformed YAML: \(error)")
        }
    }
}
