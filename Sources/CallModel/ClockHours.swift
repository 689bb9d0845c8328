/// Clock hours of the simulated day: time 0 is Monday 00:00 and every day has 24 hours.
enum ClockHours {
    /// The clock hour (0 ... 23) that `time` falls in.
    @inline(__always)
    static func hour(of time: Double) -> Int { Int(time / ArrivalPattern.hour) % 24 }

    /// The start of the clock hour after the one `time` falls in.
    static func nextHour(after time: Double) -> Double {
        ((time / ArrivalPattern.hour).rounded(.down) + 1) * ArrivalPattern.hour
    }

    /// Adds `weight` × the seconds of [start, end) within `window` to each clock hour they cover,
    /// and returns those seconds.
    static func spread(
        from start: Double, to end: Double, within window: (Double, Double), into byHour: inout [Double], weight: Double
    ) -> Double {
        var time = max(start, window.0)
        let stop = min(end, window.1)
        guard time < stop else { return 0 }
        let total = stop - time
        var hourIndex = (time / ArrivalPattern.hour).rounded(.down)
        var hourEnd = (hourIndex + 1) * ArrivalPattern.hour
        while hourEnd < stop {
            byHour[Int(hourIndex) % 24] += weight * (hourEnd - time)
            time = hourEnd
            hourIndex += 1
            hourEnd += ArrivalPattern.hour
        }
        byHour[Int(hourIndex) % 24] += weight * (stop - time)
        return total
    }
}
