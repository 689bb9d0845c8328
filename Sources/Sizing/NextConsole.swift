import CallModel

extension ConsoleSizing {
    /// Where one more console helps a failing target most, decided from the scenario alone (no
    /// simulation, so no seed), given consoles by hour at every centre: in a given `hour`, the
    /// centre among `centres` with the fewest consoles for its offered load then (`PooledSeats`);
    /// over the day, the centre-hour where Erlang A says one more saves most of `measure`
    /// (`AdditionOrder`, the order sizing adds consoles for the total in). `nil` when none of
    /// `centres` takes calls.
    public static func nextConsole(
        in scenario: Scenario, consoles: [[Int]], centres: [Int], measure: Target.Measure, hour: Int?
    ) -> ConsolePlan.Slot? {
        let plan = ConsolePlan(staffing: consoles.map { .byHour($0) }, byHour: true)
        if let hour {
            return PooledSeats(base: scenario, centres: centres).next(hour: hour, in: plan, maximum: .max)
        }
        let sizing = ConsoleSizing(scenario, byHour: true, maxConsoles: 100_000)
        return AdditionOrder(plan, base: scenario, centres: centres, measure: measure, sizing: sizing, count: 1).slots.first
    }
}
