import Foundation

/// The metrics of many incidents, per severity: how many, and for durations the median and 90th percentile, for
/// shares the rate. Pure; `klaxon stats` prints it.
public struct IncidentStatistics: Sendable, Equatable {
    /// One duration metric over the incidents that have it.
    public struct Spread: Sendable, Equatable, Codable {
        public let count: Int
        /// Nearest rank: the value at rank ⌈0.5·n⌉ of the sorted values, in seconds.
        public let median: Int?
        /// Nearest rank: the value at rank ⌈0.9·n⌉.
        public let p90: Int?

        public init(_ values: [Int]) {
            let sorted = values.sorted()
            count = sorted.count
            median = Self.rank(percent: 50, in: sorted)
            p90 = Self.rank(percent: 90, in: sorted)
        }

        static func rank(percent: Int, in sorted: [Int]) -> Int? {
            guard !sorted.isEmpty else { return nil }
            // ⌈percent·n/100⌉ in integers, so 90 % of 10 is rank 9 and not, by rounding, 10.
            let rank = (percent * sorted.count + 99) / 100
            return sorted[max(1, rank) - 1]
        }
    }

    /// A yes/no metric: how many incidents it applies to and how many said yes.
    public struct Share: Sendable, Equatable, Codable {
        public let count: Int
        public let yes: Int
        public var rate: Double? { count == 0 ? nil : Double(yes) / Double(count) }

        public init(count: Int, yes: Int) {
            self.count = count
            self.yes = yes
        }
    }

    /// Everything for one severity.
    public struct Row: Sendable, Equatable, Codable {
        public let severity: Severity
        public let incidents: Int
        public let timeToDeclare: Spread
        public let timeToCommander: Spread
        public let timeToMitigate: Spread
        public let timeToResolve: Spread
        /// Open time under a cadence (`count`, seconds) and the part of it with no update overdue (`yes`), across
        /// the severity's incidents.
        public let cadence: Share
        /// Per incident cadence adherence (0…100 %), for its spread.
        public let cadencePerIncident: Spread
        public let checklistOnTime: Share
        public let reviewOnTime: Share
    }

    public let rows: [Row]

    /// The statistics of `incidents` (by their severity now), as of `now`. Incidents withdrawn as declared by
    /// mistake are left out: a false alarm closed in a minute is no time to resolve.
    public init(_ incidents: [Incident], policy: Policy, now: Date) {
        let measured = incidents.filter { $0.withdrawal == nil }.map { ($0.severity, IncidentMetrics($0, policy: policy, now: now)) }
        rows = Severity.allCases.compactMap { severity in
            let metrics = measured.filter { $0.0 == severity }.map(\.1)
            guard !metrics.isEmpty else { return nil }
            func share(_ values: [Bool?]) -> Share {
                let known = values.compactMap { $0 }
                return Share(count: known.count, yes: known.filter { $0 }.count)
            }
            return Row(
                severity: severity, incidents: metrics.count,
                timeToDeclare: Spread(metrics.compactMap(\.timeToDeclare)),
                timeToCommander: Spread(metrics.compactMap(\.timeToCommander)),
                timeToMitigate: Spread(metrics.compactMap(\.timeToMitigate)),
                timeToResolve: Spread(metrics.compactMap(\.timeToResolve)),
                cadence: Share(count: metrics.map(\.cadenceTime).reduce(0, +), yes: metrics.map { $0.cadenceTime - $0.overdueTime }.reduce(0, +)),
                cadencePerIncident: Spread(metrics.compactMap(\.cadencePercent)),
                checklistOnTime: share(metrics.map(\.checklistOnTime)),
                reviewOnTime: share(metrics.map(\.reviewOnTime))
            )
        }
    }
}
