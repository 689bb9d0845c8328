/// Clock hours of the simulated day: time 0 is Monday 00:00 and every day has 24 hours.
enum ClockHours {
    /// The clock hour (0 ... 23) that `time` falls in.
    @inline(__always)
    static func hour(of time: Double) -> Int { wholeHours(time) % 24 }

    /// The whole hours from time 0 to `time` (≥ 0): ⌊time / 1 h⌋. By truncation, which is the same
    /// for a time that is not negative, and one instruction where `rounded(.down)` is a call to
    /// the C library's `floor` (baseline x86-64 has no rounding instruction). The hour starts at
    /// `Double(wholeHours) × 1 h`, exactly.
    @inline(__always)
    static func wholeHours(_ time: Double) -> Int {
        assert(time >= 0)
        return Int(time / ArrivalPattern.hour)
    }

    /// The start of the clock hour after the one `time` falls in.
    static func nextHour(after time: Double) -> Double {
        Double(wholeHours(time) + 1) * ArrivalPattern.hour
    }

    /// Hands each clock hour that [start, end) covers within `window` to `add` with the seconds it
    /// covers, and returns those seconds.
    @inline(__always)
    static func spread(
        from start: Double, to end: Double, within window: (Double, Double), into add: (_ hour: Int, _ seconds: Double) -> Void
    ) -> Double {
        var time = max(start, window.0)
        let stop = min(end, window.1)
        guard time < stop else { return 0 }
        let total = stop - time
        var hours = wholeHours(time)
        var hourEnd = Double(hours + 1) * ArrivalPattern.hour
        while hourEnd < stop {
            add(hours % 24, hourEnd - time)
            time = hourEnd
            hours += 1
            hourEnd += ArrivalPattern.hour
        }
        add(hours % 24, stop - time)
        return total
    }
}
