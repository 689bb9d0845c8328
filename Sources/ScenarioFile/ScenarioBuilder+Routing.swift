import CallModel

extension ScenarioBuilder {
    /// `{policy, overflow_after?, periods?}`: one policy all day, or by time of day.
    func routing(_ field: Field) throws -> Routing {
        let map = try field.mapping("routing", allowed: ["policy", "overflow_after", "periods"])
        let main = try policy(map)
        guard let periodsField = map["periods"] else { return main }
        let items = try periodsField.list("routing periods such as {from: \"22:00\", to: \"07:00\", policy: pooled}")
        guard !items.isEmpty else { throw periodsField.error("needs at least one period (or leave 'periods' out)") }
        var periods: [RoutingPeriod] = []
        for item in items {
            let period = try item.mapping("a routing period", allowed: ["from", "to", "policy", "overflow_after"])
            let fromField = try period.required("from", "the period's first hour, such as \"22:00\"")
            let toField = try period.required("to", "the hour the period ends, such as \"07:00\"")
            let from = try clockHour(fromField), to = try clockHour(toField)
            guard from != to else { throw toField.error("must differ from 'from' (a period covers some hours of the day, not all)") }
            let new = RoutingPeriod(from: from, to: to, policy: try policy(period))
            if let clash = periods.first(where: { old in (0..<24).contains { old.covers(hour: $0) && new.covers(hour: $0) } }) {
                throw item.error(String(
                    format: "overlaps the period %02d:00-%02d:00: periods may not overlap", clash.from, clash.to))
            }
            periods.append(new)
        }
        return .byTimeOfDay(main: main, periods: periods)
    }

    /// `policy: local | overflow | pooled`, with `overflow_after` for overflow.
    func policy(_ map: Mapping) throws -> Routing {
        let policyField = try map.required("policy", "local, overflow or pooled")
        let written = try policyField.string()
        guard let policy = Routing.PolicyName(rawValue: written) else {
            throw policyField.error("must be local, overflow or pooled (got \"\(written)\")")
        }
        let after = map["overflow_after"]
        switch policy {
        case .local, .pooled:
            if let after { throw after.error("applies to the overflow policy only (this policy is \(written))") }
            return policy == .local ? .local : .pooled
        case .overflow:
            let after = try map.required("overflow_after", "how long a caller waits before a neighbour may answer him")
            return .overflow(after: try after.duration())
        }
    }

    /// A whole clock hour written `"HH:00"` (00:00 to 24:00, which is 00:00); `things` says what is
    /// in whole hours.
    func clockHour(_ field: Field, things: String = "periods") throws -> Int {
        let allowed = "a whole hour from \"00:00\" to \"24:00\", such as \"22:00\""
        let text = try field.string()
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        // Digits only: Int("+7") and Int("-0") would take a sign.
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let hour = Int(parts[0]), parts[1] == "00", (0...24).contains(hour) else {
            throw field.error("must be \(allowed) (got \(field.written)); \(things) are in whole hours")
        }
        return hour % 24
    }
}
