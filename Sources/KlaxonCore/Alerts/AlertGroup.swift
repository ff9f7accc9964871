import Foundation

/// One notification about a group of alerts, as Alertmanager or Grafana sent it, in the core's terms.
///
/// A monitoring system sends the whole group each time (every `group_interval` when it changes, every
/// `repeat_interval` when it does not, and again after a failed delivery): the decision compares it with what the
/// incident already knows.
public struct AlertGroup: Sendable, Equatable {
    public let source: AlertSource
    /// The group's identity (`groupKey`): one open incident per key.
    public let key: AlertGroupKey
    /// The receiver the notification was sent for (Alertmanager's `receiver`).
    public let receiver: String
    public let groupLabels: [String: String]
    public let commonLabels: [String: String]
    public let commonAnnotations: [String: String]
    public let alerts: [Alert]
    /// How many alerts the sender left out (`max_alerts`); when some were, a missing alert says nothing.
    public let truncated: Int
    /// Where to look: the Alertmanager, or Grafana's dashboard.
    public let link: String?
    /// The id the group's incident is filed under (its channel): the key itself, or a digest of a long one, which the
    /// caller computes (the core does no hashing). An index entry on PostgreSQL cannot exceed about 2.7 KB.
    public let filingID: String

    public init(
        source: AlertSource, key: AlertGroupKey, receiver: String, groupLabels: [String: String] = [:], commonLabels: [String: String] = [:],
        commonAnnotations: [String: String] = [:], alerts: [Alert], truncated: Int = 0, link: String? = nil, filingID: String? = nil
    ) {
        self.source = source
        self.key = key
        self.filingID = filingID ?? key.rawValue
        self.receiver = receiver
        self.groupLabels = groupLabels
        self.commonLabels = commonLabels
        self.commonAnnotations = commonAnnotations
        self.alerts = alerts
        self.truncated = truncated
        self.link = link
    }

    /// The alerts still firing.
    public var firing: [Alert] { alerts.filter { $0.status == .firing } }
}

/// Which monitoring system sent an alert.
public enum AlertSource: String, Codable, Sendable, CaseIterable {
    case alertmanager
    case grafana
}

/// A group of alerts' identity, as the sender computed it (Alertmanager's `groupKey`).
public struct AlertGroupKey: Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}

/// One alert of a group.
public struct Alert: Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case firing
        case resolved
    }

    /// The sender's identity for the alert (its label set's hash).
    public let fingerprint: String
    public let status: Status
    public let labels: [String: String]
    public let annotations: [String: String]
    public let startsAt: Date
    /// The rule that raised it (Prometheus's graph, Grafana's rule editor).
    public let generatorURL: String?

    public init(
        fingerprint: String, status: Status, labels: [String: String], annotations: [String: String] = [:], startsAt: Date,
        generatorURL: String? = nil
    ) {
        self.fingerprint = fingerprint
        self.status = status
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.generatorURL = generatorURL
    }

    /// How the alert is named in the timeline: its `alertname`, the labels that set it apart from the rest of its
    /// group (`common`), and its summary.
    public func summary(common: [String: String]) -> AlertSummary {
        let name = labels["alertname"] ?? fingerprint
        let text = annotations["summary"].flatMap { $0.isEmpty ? nil : $0 }
        let own = labels.filter { $0.key != "alertname" && common[$0.key] != $0.value }.sorted { $0.key < $1.key }
        return AlertSummary(fingerprint: fingerprint, name: name, text: text, labels: own.isEmpty ? nil : own.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
    }
}

/// An alert as the timeline remembers it.
public struct AlertSummary: Codable, Sendable, Equatable, Hashable {
    public let fingerprint: String
    /// The `alertname` label.
    public let name: String
    /// The `summary` annotation, when there is one.
    public let text: String?
    /// The labels that tell it from the other alerts of its group (`instance=db-2, zone=eu-1`).
    public let labels: String?

    public init(fingerprint: String, name: String, text: String? = nil, labels: String? = nil) {
        self.fingerprint = fingerprint
        self.name = name
        self.text = text
        self.labels = labels
    }

    /// `HighLatency (zone=eu-1): p99 above 2 s`, or just `HighLatency`.
    public var line: String {
        let named = labels.map { "\(name) (\($0))" } ?? name
        return text.map { "\(named): \($0)" } ?? named
    }
}
