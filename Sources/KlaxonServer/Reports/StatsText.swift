import Foundation
import KlaxonCore

/// `klaxon stats` output: a table per severity, or JSON with seconds and counts.
public enum StatsText {
    /// One line per metric and severity: count, median and p90 (durations), or the rate (shares).
    public static func table(_ statistics: IncidentStatistics) -> String {
        guard !statistics.rows.isEmpty else { return "No incidents.\n" }
        var lines = [pad(["severity", "metric", "count", "median", "p90"])]
        for row in statistics.rows {
            let severity = row.severity.label
            lines.append(pad([severity, "incidents", String(row.incidents), "", ""]))
            for (name, spread) in [
                ("time to declare", row.timeToDeclare), ("time to commander", row.timeToCommander),
                ("time to mitigate", row.timeToMitigate), ("time to resolve", row.timeToResolve),
            ] {
                lines.append(pad([severity, name, String(spread.count), span(spread.median), span(spread.p90)]))
            }
            lines.append(pad([
                severity, "update cadence (per incident)", String(row.cadencePerIncident.count),
                row.cadencePerIncident.median.map { "\($0)%" } ?? "-", row.cadencePerIncident.p90.map { "\($0)%" } ?? "-",
            ]))
            // Open minutes under a cadence with no update overdue, of all such minutes, summed over the incidents.
            lines.append(pad([severity, "open minutes, updates on time", openTime(row.cadence), percent(row.cadence), ""]))
            lines.append(pad([severity, "checklist on time", "\(row.checklistOnTime.yes)/\(row.checklistOnTime.count)", percent(row.checklistOnTime), ""]))
            lines.append(pad([severity, "review on time", "\(row.reviewOnTime.yes)/\(row.reviewOnTime.count)", percent(row.reviewOnTime), ""]))
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n") + "\n"
    }

    /// The same figures as JSON: durations in seconds, shares as counts and a rate.
    public static func json(_ statistics: IncidentStatistics) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(["severities": statistics.rows])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `1 h 05 min`, `12 min`, `40 s`; `-` for none.
    static func span(_ seconds: Int?) -> String {
        guard let seconds else { return "-" }
        if seconds < 60 { return "\(seconds) s" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes) min" }
        return String(format: "%d h %02d min", minutes / 60, minutes % 60)
    }

    /// Open time on time of all open time under a cadence, in whole minutes; under ten minutes in seconds, so a short
    /// incident does not read `0/0` or `0/1` beside a percentage.
    static func openTime(_ share: IncidentStatistics.Share) -> String {
        share.count < 600 ? "\(share.yes) s/\(share.count) s" : "\(share.yes / 60)/\(share.count / 60)"
    }

    /// Rounded down, as the report's and the per-incident figures are: 83.9% of one incident's open time on time is
    /// not 84% in the sum of the same one.
    static func percent(_ share: IncidentStatistics.Share) -> String {
        // In whole numbers: 29/100 as a floating-point rate rounds down to 28.
        share.count == 0 ? "-" : "\(share.yes * 100 / share.count)%"
    }

    static func pad(_ cells: [String]) -> String {
        let widths = [9, 31, 8, 12, 12]
        // At least one space after a cell, however long: `19 s/19 s` and `1000/1000` outgrow their column.
        return zip(cells, widths).map { cell, width in cell + String(repeating: " ", count: max(1, width - cell.count)) }.joined()
    }
}
