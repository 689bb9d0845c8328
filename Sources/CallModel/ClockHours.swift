/// Clock hours of the simulated day: time 0 is Monday 00:00 and every day has 24 hours.
enum ClockHours {
    /// The clock hour (0 ... 23) that `time` falls in.
    @inline(__always)
    static func hour(of time: Double) -> Int { Int(time / ArrivalPattern.hour) % 24 }

    /// The start of the clock hour after the one `time` falls in.
    static func nextHour(after time: Double) -> Double {
        ((time / ArrivalPattern.hour).rounded(.down) + 1) * ArrivalPattern.hour
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
        var hourIndex = (time / ArrivalPattern.hour).rounded(.down)
        var hourEnd = (hourIndex + 1) * ArrivalPattern.hour
        while hourEnd < stop {
            add(Int(hourIndex) % 24, hourEnd - time)
            time = hourEnd
            hourIndex += 1
            hourEnd += ArrivalPattern.hour
        }
        add(Int(hourIndex) % 24, stop - time)
        return total
    }
}
