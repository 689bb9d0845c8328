import Calibration
import CallRecords
import Foundation
import ScenarioFile

/// libFuzzer's entry for `callsim fit` (docs/fuzzing.md): the bytes as a calls log. The reader must
/// accept them or throw a `CallLogError`; accepted records are fitted, and the fitted scenario, as
/// fitted and with the rival families, must read back with `ScenarioReader.parse` — or be refused
/// only for a reason the records themselves imply (`recordImplied`). Every ISO time in the bytes
/// must survive `ClockTime`'s round trip to the millisecond. A trap, an abort, a hang (10 s) or a
/// broken invariant (`finding`) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecords(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    checkClockTimes(bytes)
    let log: CallLog
    do {
        log = try CallLogReader.read(bytes, file: "fuzz.csv")
    } catch is CallLogError {
        return 0  // bad input, said so
    } catch {
        finding("reader-error", "CallLogReader threw \(type(of: error)), not a CallLogError: \(error)")
        return 0
    }
    let fit: ScenarioFit
    do {
        fit = try ScenarioFit(log)
    } catch is CallLogError {
        return 0  // records spanning more than ten years, said so
    } catch {
        finding("fit-error", "ScenarioFit threw \(type(of: error)), not a CallLogError: \(error)")
        return 0
    }
    let fitted = FittedScenarioText.yaml(fit)
    check(fitted, of: fit, log: log, rival: false)
    let rival = FittedScenarioText.yaml(fit, rival: true)
    if rival != fitted { check(rival, of: fit, log: log, rival: true) }
    return 0
}

/// Refusals of a fitted scenario that the records imply, so that no fitted scenario could be run:
/// more load than the consoles they show with nobody hanging up and no busy tone (a queue without
/// end), more centres than a scenario may have, a centre called "total" (the results' name for
/// the national figures).
let recordImplied = [
    "would grow without end",
    "centres are supported",
    "is the name results give the national figures",
]

/// Known findings to step over while a campaign goes on looking for others: `RECORDS_FUZZ_ALLOW`
/// holds substrings separated by `|`, matched against `id: message` (empty: every finding stops).
let allowed: [String] = ProcessInfo.processInfo.environment["RECORDS_FUZZ_ALLOW"].map {
    $0.split(separator: "|").map(String.init).filter { !$0.isEmpty }
} ?? []

/// A broken invariant: the message goes to the fuzzer's log, and the abort makes it keep the input.
func finding(_ id: String, _ message: String) {
    let text = "\(id): \(message)"
    if allowed.contains(where: { text.contains($0) }) { return }
    fatalError("records fuzz finding: \(text)")
}

/// The fitted YAML reads back with its centres and call types as the records named them, and no
/// figure written as not-a-number or infinite; or it is refused only for a reason in `recordImplied`
/// (or for durations above 100 years when the records hold such).
func check(_ yaml: String, of fit: ScenarioFit, log: CallLog, rival: Bool) {
    let which = rival ? "rival" : "fitted"
    let names = fit.centres + fit.calls.types.map(\.name)
    if let token = nonFinite(in: yaml, names: names) {
        finding("non-finite", "the \(which) YAML writes \(token):\n\(yaml)")
    }
    do {
        let scenario = try ScenarioReader.parse(yaml, file: "\(which).yaml")
        if scenario.centres.map(\.code) != fit.centres {
            finding("centre-codes", "the \(which) scenario's centres are \(scenario.centres.map(\.code)), the records' \(fit.centres)")
        }
        if fit.calls.types.count > 1, scenario.callTypes.map(\.name) != fit.calls.types.map(\.name) {
            finding("type-names", "the \(which) scenario's call types are \(scenario.callTypes.map(\.name)), the records' \(fit.calls.types.map(\.name))")
        }
    } catch let error as ScenarioError {
        if recordImplied.contains(where: { error.message.contains($0) }) { return }
        // Durations beyond the format's 100 years, where the records hold such (a wait of 1e300 s).
        if error.message.contains("100 years"), longestDuration(log) > DurationText.longest { return }
        finding("refused", "the \(which) YAML does not read back: \(error)\n\(yaml)")
    } catch {
        finding("parse-error", "ScenarioReader threw \(type(of: error)), not a ScenarioError: \(error)")
    }
}

/// The longest duration in the records (waits, handling, wrap-up, hand-off).
func longestDuration(_ log: CallLog) -> Double {
    log.records.reduce(0) { longest, record in
        max(longest, record.wait, record.handling ?? 0, record.wrapup ?? 0, record.handoff ?? 0)
    }
}

/// `nan` or `inf` written where a figure goes (outside quotes, and not part of a centre's or
/// type's name), or nil.
func nonFinite(in yaml: String, names: [String]) -> String? {
    var plain = "", quoted = false, previous: Character = " "
    for character in yaml {
        if character == "\"" && previous != "\\" { quoted.toggle() }
        plain.append(quoted ? " " : character)
        previous = character
    }
    let lowered = names.map { $0.lowercased() }
    for word in ["nan", "inf"] where !lowered.contains(where: { $0.contains(word) }) {
        if let range = plain.range(of: #"(^|[^A-Za-z])-?"# + word + #"([^A-Za-z]|$)"#, options: [.regularExpression, .caseInsensitive]) {
            return String(plain[range])
        }
    }
    return nil
}

/// Every field of the bytes that `ClockTime` reads (up to 256 of them) is read back from its
/// `text` to the millisecond, with the same offset.
func checkClockTimes(_ bytes: Data) {
    let text = String(decoding: bytes, as: UTF8.self)
    let fields = text.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "\r" || $0 == "\"" }).prefix(256)
    for field in fields where field.utf8.count <= 64 {
        let trimmed = Substring(field.trimmingCharacters(in: .whitespaces))
        guard let time = ClockTime(trimmed) else { continue }
        let written = time.text
        guard let back = ClockTime(Substring(written)) else {
            finding("clock-unreadable", "\"\(trimmed)\" is written \"\(written)\", which does not read back")
            continue
        }
        // Half a millisecond of rounding, and the double's spacing at the year 9999.
        if back.offset != time.offset || abs(back.seconds - time.seconds) > 0.000_55 {
            finding("clock-round-trip", "\"\(trimmed)\" (\(time.seconds) s, offset \(time.offset)) is written \"\(written)\", read back as \(back.seconds) s, offset \(back.offset)")
        }
    }
}
