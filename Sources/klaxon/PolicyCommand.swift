import ArgumentParser
import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer

/// `klaxon policy …`: check or export the incident policy.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check or export the incident policy (the playbook as data).",
        subcommands: [Check.self, Simulate.self, Export.self]
    )

    /// `klaxon policy check FILE`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a policy file (and template directory) without starting the bot.")

        @Argument(help: "The policy file to check.") var file: String
        @Option(help: "Template directory to check it with.") var templates: String?
        @Option(help: "People file to check the roles against (KLAXON_PEOPLE).") var people: String?

        func run() throws {
            do {
                let peoplePath = people ?? ProcessInfo.processInfo.environment["KLAXON_PEOPLE"]
                let bundle = try PolicyBundle.load(policyPath: file, templatesDirectory: templates, peoplePath: peoplePath)
                if peoplePath == nil, !bundle.unconfiguredRoles.isEmpty {
                    // Every role would be listed: what is missing is the file.
                    print("warning: no people file (--people or KLAXON_PEOPLE): the policy's \(bundle.unconfiguredRoles.count) roles are named in messages, but no one is paged, messaged or emailed")
                } else {
                    for role in bundle.unconfiguredRoles {
                        print("warning: role `\(role)` is named by the policy but no one is configured for it (people file)")
                    }
                }
                print("\(file): OK (\(bundle.policy.severities.count) severities, \(bundle.policy.escalations.count) escalation rules, \(bundle.policy.runbooks.count) runbooks)")
            } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode.failure
            }
        }
    }

    /// `klaxon policy export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the built-in policy and templates out for editing.")

        @Option(help: "Directory to write policy.yml and templates/ into.") var output = "klaxon-policy"
        @Flag(help: "Replace a policy.yml already there (an edited one is lost).") var force = false

        func run() throws {
            let policyFile = (output as NSString).appendingPathComponent("policy.yml")
            // An export over an edited policy would lose the edits without a word.
            guard force || !FileManager.default.fileExists(atPath: policyFile) else {
                throw fail("\(policyFile) exists; pass --force to replace it and its templates with the built-in ones")
            }
            let templates = (output as NSString).appendingPathComponent("templates")
            try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
            try DefaultPolicy.yaml.write(toFile: (output as NSString).appendingPathComponent("policy.yml"), atomically: true, encoding: .utf8)
            for (name, text) in DefaultTemplates.all {
                try text.write(toFile: (templates as NSString).appendingPathComponent("\(name).mustache"), atomically: true, encoding: .utf8)
            }
            print("Wrote \(output)/policy.yml and \(DefaultTemplates.all.count) templates; use them with --policy \(output)/policy.yml --templates \(output)/templates")
        }
    }
}
