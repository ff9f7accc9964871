import ArgumentParser
import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonStore

/// `klaxon stats`: the incident metrics per severity, from the store (also while the server runs).
struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print incident metrics per severity (count, median, p90): time to declare, commander, mitigate and resolve, update cadence, checklist and review on time.",
        discussion: "The definitions are in the README's \"Metrics\" section."
    )

    @Option(help: "Only incidents declared within this long before now: 30d, 12h.") var since: String?
    @Option(help: "Only this severity: p0, p1, p2 or p3.") var severity: String?
    @Flag(help: "JSON instead of a table.") var json = false
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Your policy file (KLAXON_POLICY; default: the built-in playbook).") var policy: String?

    /// Checked while parsing, so a mistake is answered with this command's usage, not the top-level one.
    func validate() throws {
        _ = try window()
        _ = try wanted()
    }

    private func window() throws -> PolicyDuration? {
        try since.map { text throws -> PolicyDuration in
            guard let span = PolicyDuration(text: text), span.seconds > 0 else { throw ValidationError("--since takes a span like 30d or 12h, not `\(text)`") }
            return span
        }
    }

    private func wanted() throws -> Severity? {
        try severity.map { text throws -> Severity in
            guard let severity = Severity(text: text) else { throw ValidationError("--severity takes p0, p1, p2 or p3, not `\(text)`") }
            return severity
        }
    }

    func run() async throws {
        let now = Date()
        let window = try window()
        let wanted = try wanted()
        let bundle: PolicyBundle
        let policyPath = policy ?? ProcessInfo.processInfo.environment["KLAXON_POLICY"]
        do {
            bundle = try PolicyBundle.load(policyPath: policyPath, templatesDirectory: nil)
        } catch {
            throw fail(error.description)
        }
        let handle = try await storeOptions.openExisting()
        await PolicyMismatch.warn(handle.store, policy: bundle.policy, source: policyPath)
        let (incidents, unreadable) = try await StoredIncidents.read(handle.store)
        try await handle.close()
        let chosen = incidents.filter { incident in
            (window.map { incident.declaredAt >= now - TimeInterval($0.seconds) } ?? true) && (wanted.map { incident.severity == $0 } ?? true)
        }
        let statistics = IncidentStatistics(chosen, policy: bundle.policy, now: now)
        print(json ? StatsText.json(statistics) : StatsText.table(statistics), terminator: "")
        // The figures stand for the rest, said where a person reads it; a scheduled job keeps its figures.
        if !unreadable.isEmpty {
            let names = unreadable.map(\.description).joined(separator: ", ")
            FileHandle.standardError.write(Data("klaxon: \(names) could not be read and \(unreadable.count == 1 ? "is" : "are") left out of these figures; `klaxon doctor` says why\n".utf8))
        }
    }
}
