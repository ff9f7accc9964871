import Crypto
import Foundation
import KlaxonCore

/// Alertmanager's webhook body, version 4 (`notify/webhook`): the group's data, its key and how many alerts were left
/// out. Grafana's unified alerting sends the same shape with a few fields more (`GrafanaPayload`).
struct AlertmanagerPayload: Decodable {
    let version: String
    let groupKey: String
    let truncatedAlerts: Int?
    let status: String
    let receiver: String
    let groupLabels: [String: String]?
    let commonLabels: [String: String]?
    let commonAnnotations: [String: String]?
    let externalURL: String?
    let alerts: [AlertPayload]

    /// One alert as the webhook sends it; Grafana adds the links to its dashboard and panel.
    struct AlertPayload: Decodable {
        let status: String
        let labels: [String: String]
        let annotations: [String: String]?
        let startsAt: String
        let endsAt: String?
        let generatorURL: String?
        let fingerprint: String?
        let dashboardURL: String?
        let panelURL: String?
    }

    /// Decodes and checks a body; the error says what is wrong without quoting it.
    static func decode(_ body: Data) throws(AlertPayloadError) -> AlertmanagerPayload {
        do {
            return try JSONDecoder().decode(AlertmanagerPayload.self, from: body)
        } catch let error as DecodingError {
            throw AlertPayloadError(Self.describe(error))
        } catch {
            throw AlertPayloadError("the body is not JSON")
        }
    }

    /// The core's view of the notification, once every field it relies on is checked.
    func group(source: AlertSource, link: String?) throws(AlertPayloadError) -> AlertGroup {
        guard !groupKey.isEmpty else { throw AlertPayloadError("`groupKey` is empty: Klaxon opens one incident per group") }
        guard ["firing", "resolved"].contains(status) else { throw AlertPayloadError("`status` is `\(status)`, not firing or resolved") }
        guard (truncatedAlerts ?? 0) >= 0 else { throw AlertPayloadError("`truncatedAlerts` is negative") }
        var converted: [Alert] = []
        var seen: Set<String> = []
        for (index, alert) in alerts.enumerated() {
            guard let status = Alert.Status(rawValue: alert.status) else {
                throw AlertPayloadError("`alerts[\(index)].status` is `\(alert.status)`, not firing or resolved")
            }
            guard let fingerprint = alert.fingerprint, !fingerprint.isEmpty else {
                throw AlertPayloadError("`alerts[\(index)].fingerprint` is missing: Klaxon tells alerts apart by it")
            }
            guard let startsAt = RFC3339.date(alert.startsAt) else {
                throw AlertPayloadError("`alerts[\(index)].startsAt` is not an RFC 3339 time")
            }
            // An alert listed twice is one alert (the first listing counts), not two firing.
            guard seen.insert(fingerprint).inserted else { continue }
            converted.append(Alert(
                fingerprint: fingerprint, status: status, labels: alert.labels, annotations: alert.annotations ?? [:], startsAt: startsAt,
                generatorURL: alert.generatorURL
            ))
        }
        return AlertGroup(
            source: source, key: AlertGroupKey(groupKey), receiver: receiver, groupLabels: groupLabels ?? [:], commonLabels: commonLabels ?? [:],
            commonAnnotations: commonAnnotations ?? [:], alerts: converted, truncated: truncatedAlerts ?? 0, link: link,
            filingID: Self.filingID(groupKey)
        )
    }

    /// Keys up to 200 bytes as they are; longer ones (`group_by` over long labels) by their SHA-256, so the incident's
    /// channel stays within what PostgreSQL can index.
    static func filingID(_ groupKey: String) -> String {
        guard groupKey.utf8.count > 200 else { return groupKey }
        return "sha256:" + SHA256.hash(data: Data(groupKey.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return "`\(field)` is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "`\(path(context.codingPath))` has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not JSON" : "`\(path(context.codingPath))` is not valid"
        @unknown default:
            return "the body is not an alert notification"
        }
    }
}

/// RFC 3339 times as Go writes them: fractional seconds of any length (Alertmanager's nanoseconds), `Z` or an offset.
enum RFC3339 {
    static func date(_ text: String) -> Date? {
        var whole = text
        var fraction = 0.0
        if let dot = text.firstIndex(of: ".") {
            let digits = text[text.index(after: dot)...].prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Double("0." + digits) else { return nil }
            fraction = value
            whole = String(text[..<dot]) + String(text[text.index(dot, offsetBy: digits.count + 1)...])
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: whole)?.addingTimeInterval(fraction)
    }
}
