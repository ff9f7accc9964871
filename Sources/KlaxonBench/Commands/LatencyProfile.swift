/// A latency distribution as a table of percentiles: what wrk can report, and what lets runs be combined.
public struct LatencyProfile: Codable, Sendable, Equatable {
    /// One percentile (0–100) and its latency.
    public struct Point: Codable, Sendable, Equatable {
        public var percentile: Double
        public var micros: Double
    }

    /// Ascending in both percentile and latency.
    public var points: [Point]

    /// The percentiles every generator reports: every 0.5 % (so p50 is exact), then finer into the tail (p99 too).
    static let grid: [Double] = Array(stride(from: 0.5, through: 99, by: 0.5)) + [99.2, 99.4, 99.6, 99.8, 99.9, 99.95, 99.99, 100]

    init(points: [Point]) {
        self.points = points
    }

    /// The profile of measured latencies, in seconds (nearest-rank percentiles).
    init(seconds samples: [Double]) {
        let sorted = samples.sorted()
        points = sorted.isEmpty ? [] : Self.grid.map { percentile in
            let rank = Int((percentile / 100 * Double(sorted.count)).rounded(.up))
            return Point(percentile: percentile, micros: sorted[min(max(rank, 1), sorted.count) - 1] * 1e6)
        }
    }

    /// The latency at or below which `percentile` % of requests were answered, in milliseconds.
    public func milliseconds(at percentile: Double) -> Double {
        (points.first { $0.percentile >= percentile } ?? points.last).map { $0.micros / 1000 } ?? 0
    }

    /// The share (0–100) of requests answered within `micros`, read off the table.
    func percentile(within micros: Double) -> Double {
        points.last { $0.micros <= micros }?.percentile ?? 0
    }

    /// The distribution of several runs together, each weighted by its number of requests. Read off the runs'
    /// tables, so exact to the grid's step (0.5 %, finer in the tail).
    static func combined(_ parts: [(profile: LatencyProfile, weight: Int)]) -> LatencyProfile {
        let parts = parts.filter { $0.weight > 0 && !$0.profile.points.isEmpty }
        guard parts.count > 1 else { return parts.first?.profile ?? LatencyProfile(points: []) }
        let total = Double(parts.reduce(0) { $0 + $1.weight })
        let candidates = Set(parts.flatMap { $0.profile.points.map(\.micros) }).sorted()
        let shares = candidates.map { micros in
            parts.reduce(0) { $0 + $1.profile.percentile(within: micros) * Double($1.weight) } / total
        }
        return LatencyProfile(points: grid.map { percentile in
            let index = shares.firstIndex { $0 >= percentile - 1e-9 } ?? candidates.count - 1
            return Point(percentile: percentile, micros: candidates[index])
        })
    }
}
