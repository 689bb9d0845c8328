import CallRecords

/// The records grouped by caller, each caller's attempts in arrival order — where the file links
/// attempts (a caller column); otherwise each record stands alone. First attempts are the
/// arrivals of new callers: redials are not new callers.
struct Callers {
    /// Each caller's records (indices into the log's records), in arrival order.
    let attempts: [[Int]]
    /// Whether the file links a caller's attempts.
    let linked: Bool

    init(_ records: [CallRecord]) {
        linked = records.contains { $0.caller != nil }
        guard linked else {
            attempts = records.indices.map { [$0] }
            return
        }
        var byCaller: [Int: [Int]] = [:]
        var unlinked: [[Int]] = []
        for (index, record) in records.enumerated() {
            if let caller = record.caller { byCaller[caller, default: []].append(index) } else { unlinked.append([index]) }
        }
        attempts = byCaller.keys.sorted().map { caller in
            byCaller[caller]!.sorted { records[$0].arrival < records[$1].arrival }
        } + unlinked
    }

    /// The records of first attempts: attempt 1 where the file numbers attempts, else each caller's
    /// first. If no record is a first attempt (every one numbered 2 or more), each caller's first
    /// record stands for his arrival rather than nobody's.
    func firstAttempts(in records: [CallRecord]) -> [Int] {
        let firsts = attempts.compactMap { list -> Int? in
            let first = list[0]
            if let attempt = records[first].attempt, attempt != 1 { return nil }  // his first fell before the records
            return first
        }
        return firsts.isEmpty ? attempts.map { $0[0] } : firsts
    }
}
