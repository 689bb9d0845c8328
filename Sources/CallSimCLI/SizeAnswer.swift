import CallModel
import Foundation

/// Consoles by hour read from `callsim size --by-hour --format json` (`roster --from`): each of
/// the scenario's centres must be there, with 24 whole numbers ≥ 0 as `consoles_needed`.
enum SizeAnswer {
    static func read(_ path: String, scenario: Scenario) throws -> [[Int]] {
        func refuse(_ why: String) -> InputError { InputError(description: "--from \(path): \(why)") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw refuse(FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
        }
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let centres = document["centres"] as? [[String: Any]] else {
            throw refuse("not the JSON of `callsim size --by-hour --format json` (an object with \"centres\")")
        }
        var needed: [String: [Int]] = [:]
        for (index, centre) in centres.enumerated() {
            guard let code = centre["code"] as? String else { throw refuse("centres[\(index)] has no \"code\"") }
            guard let hours = centre["consoles_needed"] as? [Any], hours.count == 24 else {
                throw refuse("centres[\(index)] (\(code)): consoles_needed must be a list of 24 numbers, one per hour: "
                    + "size with --by-hour")
            }
            let counts = hours.compactMap { ($0 as? NSNumber).flatMap { Int(exactly: $0.doubleValue) } }
            guard counts.count == 24, counts.allSatisfy({ (0...100_000).contains($0) }) else {
                throw refuse("centres[\(index)] (\(code)): consoles_needed must be whole numbers from 0 to 100000")
            }
            needed[code] = counts
        }
        return try scenario.centres.map { centre in
            guard let counts = needed[centre.code] else { throw refuse("has no centre \(centre.code), which the scenario has") }
            return counts
        }
    }
}
