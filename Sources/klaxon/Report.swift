import ArgumentParser
import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonStore

/// `klaxon report <id>`: the incident report as Markdown, read from the store (also while the server runs).
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an incident's report (Markdown) from its timeline and the facts gathered for its review."
    )

    @Argument(help: "The incident: 3 or #3.") var incident: String
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Your policy file (KLAXON_POLICY; default: the built-in playbook).") var policy: String?
    @Option(help: "Your template directory (KLAXON_TEMPLATES).") var templates: String?
    @Option(help: "Write the report to this file instead of standard output.") var output: String?
    @Flag(help: "Replace a file already at --output (a report edited since is lost).") var force = false

    /// Checked while parsing, so a mistake is answered with this command's usage, not the top-level one.
    func validate() throws {
        guard IncidentID(text: incident) != nil else { throw ValidationError("`\(incident)` isn't an incident number like 3 or #3") }
    }

    func run() async throws {
        guard let id = IncidentID(text: incident) else { throw ValidationError("`\(incident)` isn't an incident number like 3 or #3") }
        let environment = ProcessInfo.processInfo.environment
        let report: IncidentReport
        let bundle: PolicyBundle
        let policyPath = policy ?? environment["KLAXON_POLICY"]
        do {
            bundle = try PolicyBundle.load(policyPath: policyPath, templatesDirectory: templates ?? environment["KLAXON_TEMPLATES"])
            report = try IncidentReport(policy: bundle.policy, templates: bundle.templates)
        } catch {
            throw fail(error.description)
        }
        let handle = try await storeOptions.openExisting()
        await PolicyMismatch.warn(handle.store, policy: bundle.policy, source: policyPath)
        let found: Incident?
        do {
            found = try await handle.store.incident(id)
        } catch StoreError.corrupt(let reason) {
            try await handle.close()
            throw fail("incident \(id) cannot be read: \(reason) (see `klaxon doctor`)")
        }
        try await handle.close()
        guard let found else { throw fail("there is no incident \(id) in \(try storeOptions.location())") }
        // A postmortem is edited once written: writing over it would lose the edits without a word.
        if let output, !force, FileManager.default.fileExists(atPath: output) {
            throw fail("\(output) exists; pass --force to replace it (edits made to it since are lost)")
        }
        let markdown = report.markdown(found, now: Date())
        if let output {
            do {
                try markdown.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw fail("could not write \(output): \((error as NSError).localizedDescription)")
            }
            FileHandle.standardError.write(Data("Wrote the report of \(id) to \(output)\n".utf8))
        } else {
            print(markdown, terminator: "")
        }
    }
}
