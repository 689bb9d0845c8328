extension Scenario {
    /// The scenario with one run's settings changed, as `callsim run`'s options and the what-if
    /// page's requests change them: `replications` is the first batch (the cap rises to it when
    /// lower), then the precision rule's share and cap, the seed and the horizon.
    public func withRunSettings(
        replications: Int? = nil, precision: Double? = nil, maxReplications: Int? = nil, seed: UInt64? = nil, horizon: Double? = nil
    ) -> Scenario {
        var scenario = self
        if let replications { scenario.replications = replications }
        if let precision { scenario.precision = precision }
        if let maxReplications { scenario.maxReplications = maxReplications }
        scenario.maxReplications = max(scenario.maxReplications, scenario.replications)
        if let seed { scenario.seed = seed }
        if let horizon { scenario.horizon = horizon }
        return scenario
    }
}
