import CallModel

extension ScenarioBuilder {
    /// `shifts: {templates: [{name, start | starts, length, cost}], shrinkage?, hours_per_week?}`.
    func shiftRules(_ field: Field) throws -> ShiftRules {
        let map = try field.mapping("shift templates", allowed: ["templates", "shrinkage", "hours_per_week"])
        let list = try map.required("templates", "the kinds of shift a roster may use, such as {name: early, start: \"07:00\", length: 8h, cost: 1}")
        let items = try list.list("shift templates")
        guard !items.isEmpty else { throw list.error("needs at least one shift template") }
        var templates: [ShiftRules.Template] = []
        for item in items {
            let template = try shiftTemplate(item)
            if templates.contains(where: { $0.name == template.name }) {
                throw item.error("a second template named \"\(template.name)\": template names must differ")
            }
            templates.append(template)
        }
        let shrinkage = try map["shrinkage"]?.number(
            in: 0...0.9, allowed: "a share of paid time off the line from 0 to 0.9") ?? ShiftRules.defaultShrinkage
        let hoursPerWeek = try map["hours_per_week"]?.number(
            in: 1...168, allowed: "a full-time counsellor's paid hours a week, from 1 to 168") ?? ShiftRules.defaultHoursPerWeek
        return ShiftRules(templates: templates, shrinkage: shrinkage, hoursPerWeek: hoursPerWeek)
    }

    /// One template: a name, `start` or `starts` (whole hours), a `length` of 1 to 24 whole hours, a cost > 0.
    func shiftTemplate(_ field: Field) throws -> ShiftRules.Template {
        let map = try field.mapping("a shift template", allowed: ["name", "start", "starts", "length", "cost"])
        let name = try map.required("name", "the template's name, such as early").string()
        let starts: [Int]
        switch (map["start"], map["starts"]) {
        case (let one?, nil):
            starts = [try clockHour(one, things: "shift starts")]
        case (nil, let many?):
            let items = try many.list("the hours a shift may start, such as [\"17:00\", \"18:00\"]")
            guard !items.isEmpty else { throw many.error("needs at least one start") }
            var hours: [Int] = []
            for item in items {
                let hour = try clockHour(item, things: "shift starts")
                guard !hours.contains(hour) else { throw item.error(String(format: "%02d:00 is listed twice", hour)) }
                hours.append(hour)
            }
            starts = hours
        case (.some, .some(let many)):
            throw many.error("give either 'start' (one hour) or 'starts' (a list), not both")
        case (nil, nil):
            throw field.error("missing 'start': the hour the shift starts, such as \"07:00\" (or 'starts': a list of them)")
        }
        let lengthField = try map.required("length", "how long the shift lasts, in whole hours, such as 8h")
        let seconds = try lengthField.duration()
        guard seconds > 0, seconds <= 86_400, seconds.truncatingRemainder(dividingBy: 3_600) == 0 else {
            throw lengthField.error("must be whole hours from 1h to 24h (got \(lengthField.written)): coverage is counted by the hour")
        }
        let costField = try map.required("cost", "the cost of one such shift, such as 1 for a full shift")
        let cost = try costField.number(in: 1e-9...1e9, allowed: "a cost greater than 0 (and at most 1e9)")
        return ShiftRules.Template(name: name, starts: starts, hours: Int(seconds / 3_600), cost: cost)
    }
}
