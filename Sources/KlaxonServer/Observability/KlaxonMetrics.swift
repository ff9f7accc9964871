import Foundation
import KlaxonCore
import Prometheus
import Synchronization

/// Klaxon's own Prometheus metrics, in a registry of their own (not the process-wide `MetricsSystem`), so every
/// application built in a test has its own counts. Names follow Prometheus' conventions: `klaxon_` prefix, base units,
/// `_total` counters, and no incident or user ids as labels.
public final class KlaxonMetrics: Sendable {
    /// Where the metrics live; `GET /metrics` renders it.
    public let registry: PrometheusCollectorRegistry
    /// Each series found once: asking the registry validates and joins names and labels every time, which showed in
    /// a `help` request's profile, and in a note's (its commit's duration) at about a hundredth of its cost.
    private let commandCounters = Series<CommandSeries, Counter>()
    private let requestHistograms = Series<RequestSeries, DurationHistogram>()
    private let declaredCounters = Series<DeclaredSeries, Counter>()
    private let timerCounters = Series<String, Counter>()
    private let deliveryCounters = Series<DeliverySeries, Counter>()
    private let histograms = Series<HistogramSeries, DurationHistogram>()

    private struct CommandSeries: Hashable {
        let platform: Platform, command: String, outcome: CommandOutcomeLabel
    }

    private struct RequestSeries: Hashable {
        let route: String, method: String, statusClass: Int
    }

    private struct DeclaredSeries: Hashable {
        let severity: Severity, source: Platform
    }

    private struct DeliverySeries: Hashable {
        let transport: TransportName, result: DeliveryResultLabel
    }

    private enum HistogramSeries: Hashable {
        case commit, timerLateness
        case delivery(transport: TransportName)
    }

    /// Seconds buckets for request, delivery and commit durations: 1 ms to 10 s.
    static let durationBuckets: [Duration] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10].map { .seconds($0) }
    /// Seconds buckets for timer lateness: a second late is normal, a minute late is worth an alert.
    static let latenessBuckets: [Duration] = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900].map { .seconds($0) }

    public init(version: String = KlaxonVersion.current, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        registry.makeGauge(descriptor: Self.name("build_info", help: "Always 1; the version is the label."), labels: [("version", version)]).set(Double(1))
    }

    /// A command's answer, by platform (`slack`, `discord`, `mattermost`), command name and outcome.
    public func command(platform: Platform, command: String, outcome: CommandOutcomeLabel) {
        commandCounters.find(CommandSeries(platform: platform, command: command, outcome: outcome)) {
            registry.makeCounter(
                descriptor: Self.name("commands", unit: "total", help: "Commands answered, by platform, command and outcome."),
                labels: [("platform", platform.rawValue), ("command", command), ("outcome", outcome.rawValue)]
            )
        }.increment()
    }

    /// A command refused before it was understood (a typo, a missing argument): counted under the command it names,
    /// `declare` for a severity, or `unknown`, so mistakes show in `klaxon_commands_total` without a label per typo.
    public func refusedUnparsed(platform: Platform, text: String) {
        let first = text.split(whereSeparator: \.isWhitespace).first.map { $0.lowercased() } ?? ""
        let name = CommandCatalogue.spec(named: text)?.name ?? (Severity(text: first) != nil ? "declare" : "unknown")
        command(platform: platform, command: name, outcome: .rejected)
    }

    /// A new incident, by severity and where it was declared from.
    public func declared(severity: Severity, source: Platform) {
        declaredCounters.find(DeclaredSeries(severity: severity, source: source)) {
            registry.makeCounter(
                descriptor: Self.name("incidents_declared", unit: "total", help: "Incidents declared, by severity and source."),
                labels: [("severity", severity.rawValue), ("source", source.rawValue)]
            )
        }.increment()
    }

    /// A timer recorded `lateness` after its due time.
    public func timerFired(kind: String, lateness: TimeInterval) {
        timerCounters.find(kind) {
            registry.makeCounter(
                descriptor: Self.name("timers_fired", unit: "total", help: "Timers fired (nudges, checklists, escalations, reminders), by kind."),
                labels: [("kind", kind)]
            )
        }.increment()
        histograms.find(.timerLateness) {
            registry.makeDurationHistogram(
                descriptor: Self.name("timer_lateness", unit: "seconds", help: "How late each timer fired after its due time."),
                buckets: Self.latenessBuckets
            )
        }.record(.seconds(max(0, lateness)))
    }

    /// One delivery attempt through a transport, with how it ended and how long the platform took.
    public func delivery(transport: TransportName, result: DeliveryResultLabel, duration: Duration) {
        deliveryCounters.find(DeliverySeries(transport: transport, result: result)) {
            registry.makeCounter(
                descriptor: Self.name("deliveries", unit: "total", help: "Delivery attempts, by transport and result."),
                labels: [("transport", transport.rawValue), ("result", result.rawValue)]
            )
        }.increment()
        histograms.find(.delivery(transport: transport)) {
            registry.makeDurationHistogram(
                descriptor: Self.name("delivery_duration", unit: "seconds", help: "How long each delivery attempt took."),
                labels: [("transport", transport.rawValue)], buckets: Self.durationBuckets
            )
        }.record(duration)
    }

    /// How long a command's or timer's commit took, from submitting it to its being on disk (group commit included).
    public func commit(duration: Duration) {
        histograms.find(.commit) {
            registry.makeDurationHistogram(
                descriptor: Self.name("store_commit_duration", unit: "seconds", help: "Time from submitting a commit to its being durable."),
                buckets: Self.durationBuckets
            )
        }.record(duration)
    }

    /// One HTTP request, by route pattern (never the raw path), method and status class (`2xx`…).
    public func httpRequest(route: String, method: String, status: Int, duration: Duration) {
        requestHistograms.find(RequestSeries(route: route, method: method, statusClass: status / 100)) {
            registry.makeDurationHistogram(
                descriptor: Self.name("http_request_duration", unit: "seconds", help: "HTTP request duration, by route, method and status class."),
                labels: [("route", route), ("method", method), ("status_class", "\(status / 100)xx")], buckets: Self.durationBuckets
            )
        }.record(duration)
    }

    /// Sets the gauges read from the store at scrape time: open incidents and the outbox backlog.
    public func observe(_ snapshot: MetricsSnapshot) {
        for severity in Severity.allCases {
            registry.makeGauge(
                descriptor: Self.name("incidents_open", help: "Open incidents, by severity."), labels: [("severity", severity.rawValue)]
            ).set(Double(snapshot.openIncidents[severity] ?? 0))
        }
        for (transport, backlog) in snapshot.outbox {
            registry.makeGauge(
                descriptor: Self.name("outbox_pending", help: "Messages waiting in the outbox, by transport."), labels: [("transport", transport.rawValue)]
            ).set(Double(backlog.pending))
            registry.makeGauge(
                descriptor: Self.name("outbox_oldest_pending", unit: "seconds", help: "Age of the oldest message waiting in the outbox, by transport."),
                labels: [("transport", transport.rawValue)]
            ).set(backlog.oldestAge)
        }
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> String {
        registry.emitToString()
    }

    private static func name(_ metric: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "klaxon", metricName: metric, unitName: unit, helpText: help)
    }
}

/// Metrics of one family by their label values, each made by the registry the first time it is asked for.
private final class Series<Labels: Hashable & Sendable, Metric: AnyObject & Sendable>: Sendable {
    private let made = Mutex<[Labels: Metric]>([:])

    func find(_ labels: Labels, make: () -> Metric) -> Metric {
        made.withLock { made in
            if let metric = made[labels] { return metric }
            let metric = make()
            made[labels] = metric
            return metric
        }
    }
}
