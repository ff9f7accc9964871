import ArgumentParser
import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer

extension PolicyCommand {
    /// `klaxon policy simulate p0 [--kind security] [--public] [--resolve-after 70m]`.
    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every message the policy would send for an incident, in time order (a dry run).",
            discussion: "Each line: time since declaration, destination, who is pinged, the message's first line."
        )

        @Argument(help: "Severity: p0, p1, p2 or p3.") var severity: String
        @Option(help: "Kind: security, data-breach or billing.") var kind: String?
        @Flag(name: [.customLong("public"), .customLong("user-facing")], help: "The incident is public-facing.") var publicFacing = false
        @Option(name: .customLong("commander-after"), help: "Someone takes command after this long (e.g. 3m).") var commanderAfter: String?
        @Option(name: .customLong("resolve-after"), help: "Resolve after this long (e.g. 70m).") var resolveAfter: String?
        @Option(name: .customLong("for"), help: "How long to simulate (default 2h, or a day past resolution).") var duration: String?
        @Option(help: "Policy file (default: the built-in playbook).") var policy: String?
        @Option(help: "Template directory.") var templates: String?

        /// Checked while parsing, so a mistake is answered with this command's usage, not the top-level one.
        func validate() throws {
            _ = try parsedSeverity()
            _ = try parsedKind()
            for text in [commanderAfter, resolveAfter, duration] { _ = try duration(text) }
        }

        func run() async throws {
            let severity = try parsedSeverity()
            let kind = try parsedKind()
            let bundle: PolicyBundle
            do {
                bundle = try PolicyBundle.load(policyPath: policy, templatesDirectory: templates)
            } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode.failure
            }
            let scenario = PolicySimulator.Scenario(
                severity: severity, kind: kind, publicFacing: publicFacing, commanderAfter: try duration(commanderAfter),
                resolveAfter: try duration(resolveAfter), duration: try duration(self.duration)
            )
            for line in try await PolicySimulator(bundle: bundle).run(scenario) {
                print(line)
            }
        }

        private func parsedSeverity() throws -> Severity {
            guard let severity = Severity(text: severity) else { throw ValidationError("severity must be p0, p1, p2 or p3") }
            return severity
        }

        private func parsedKind() throws -> IncidentKind {
            guard let kind else { return .general }
            guard let parsed = IncidentKind(rawValue: kind) else { throw ValidationError("kind must be security, data-breach or billing") }
            return parsed
        }

        private func duration(_ text: String?) throws -> PolicyDuration? {
            guard let text else { return nil }
            guard let duration = PolicyDuration(text: text), duration.seconds > 0 else {
                throw ValidationError("'\(text)' is not a duration; write it like 15m, 2h or 1h30m")
            }
            return duration
        }
    }
}
