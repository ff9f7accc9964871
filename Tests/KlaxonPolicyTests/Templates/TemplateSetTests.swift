import Foundation
import KlaxonCore
@testable import KlaxonPolicy
import Testing

/// A fresh temporary directory holding the given files, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init(files: [String: String]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("klaxon-templates-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: file(name), atomically: true, encoding: .utf8)
        }
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("TemplateSet")
struct TemplateSetTests {
    @Test("A template file overrides the default of the same name and nothing else")
    func aTemplateFileOverridesTheDefaultOfTheSameName() throws {
        let directory = try TemporaryDirectory(files: ["initial-alert.mustache": "ALERT {{title}}\n"])
        defer { directory.remove() }
        let set = try TemplateSet.load(directory: directory.path)
        #expect(set.sources["initial-alert"] == "ALERT {{title}}\n")
        #expect(set.origin(of: "initial-alert") == directory.file("initial-alert.mustache"))
        #expect(set.sources.filter { $0.key != "initial-alert" } == DefaultTemplates.all.filter { $0.key != "initial-alert" })
        #expect(set.origin(of: "resolution") == "built-in template resolution")
    }

    @Test("A new template file is added, and files that are not templates are ignored")
    func aNewTemplateFileIsAddedAndOtherFilesIgnored() throws {
        let directory = try TemporaryDirectory(files: ["shift-handover.mustache": "Handover", "README.md": "notes", "help.mustache.bak": "old"])
        defer { directory.remove() }
        let set = try TemplateSet.load(directory: directory.path)
        #expect(set.contains("shift-handover"))
        #expect(!set.contains("README"))
        #expect(!set.contains("help.mustache.bak"))
        #expect(set.sources["help"] == DefaultTemplates.all["help"])
        #expect(set.sources.count == DefaultTemplates.all.count + 1)
    }

    @Test("A directory that cannot be read is refused naming the directory")
    func aDirectoryThatCannotBeReadIsRefused() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("klaxon-no-such-\(UUID().uuidString)").path
        do {
            _ = try TemplateSet.load(directory: path)
            Issue.record("a missing directory loaded")
        } catch {
            #expect(error.errors == [PolicyError(file: path, line: nil, problem: "cannot read the template directory")])
        }
    }

    @Test("A partial that names no template is refused with its file and line: it would render as nothing")
    func aMisspelledPartialIsRefused() throws {
        let broken = DefaultTemplates.all["report-postmortem"]!.replacingOccurrences(of: "{{> timeline-entry}}", with: "{{> timeline-entri}}")
        try #require(broken != DefaultTemplates.all["report-postmortem"], "the built-in report includes the timeline entry")
        let line = broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("timeline-entri") }! + 1
        let directory = try TemporaryDirectory(files: ["report-postmortem.mustache": broken, "ok.mustache": "{{> timeline-entry}}"])
        defer { directory.remove() }
        do {
            _ = try TemplateSet.load(directory: directory.path)
            Issue.record("a template with a missing partial loaded")
        } catch {
            #expect(error.errors == [PolicyError(
                file: directory.file("report-postmortem.mustache"), line: line, problem: "`{{> timeline-entri}}` names no template (looked for timeline-entri.mustache)"
            )])
        }
    }

    @Test("A name no fact gives is refused with its file and line, and the name it was likely meant to be: it would render as nothing")
    func aMisspelledNameIsRefused() throws {
        let broken = DefaultTemplates.all["escalation"]!.replacingOccurrences(of: "{{title}}", with: "{{titel}}")
        try #require(broken != DefaultTemplates.all["escalation"], "the built-in escalation names the title")
        let line = broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("{{titel}}") }! + 1
        let directory = try TemporaryDirectory(files: ["escalation.mustache": broken, "custom.mustache": "{{#ping}}{{{ping}}} {{/ping}}{{ nonsense }}{{#gaps}}{{#first()}}: {{/first()}}{{.}}{{/gaps}}{{uppercased(title)}}"])
        defer { directory.remove() }
        do {
            _ = try TemplateSet.load(directory: directory.path)
            Issue.record("a template with an unknown name loaded")
        } catch {
            #expect(error.errors == [
                PolicyError(file: directory.file("custom.mustache"), line: 1, problem: "`{{nonsense}}` is no value Klaxon gives a template, so it would show as nothing"),
                PolicyError(
                    file: directory.file("escalation.mustache"), line: line,
                    problem: "`{{titel}}` is no value Klaxon gives a template, so it would show as nothing; did you mean `{{title}}`?"
                ),
            ])
        }
    }

    static let validMustache: [(String, [String])] = [
        ("{{uppercased(reversed(title))}}", ["title"]),
        ("{{%CONTENT_TYPE:TEXT}}{{title}}", ["title"]),
        ("{{<timeline-entry}}{{$body}}x{{/body}}{{/timeline-entry}}", []),
        ("{{! {{titel}} old }}", []),
        ("{{!\nan old\n{{titel\n}}{{title}}", ["title"]),
        ("{{\ttitle }}{{{ ping }}}{{& roles}}", ["title", "ping", "roles"]),
        ("{{=<% %>=}}<%title%> {{titel}} <%={{ }}=%>{{id}}", ["title", "id"]),
        ("{{#gaps}}{{#first()}}: {{/first()}}{{.}}{{/gaps}}{{incident.title}}", ["gaps", "incident"]),
    ]

    @Test("Valid Mustache names only what it asks for: transforms, configuration, parents and blocks, comments, whitespace, delimiters", arguments: validMustache)
    func validMustacheNamesWhatItAsksFor(template: String, names: [String]) {
        #expect(TemplateNames.names(in: template).map(\.name) == names)
    }

    @Test("A name in a comment spanning lines is none, and a name after it is reported on its own line")
    func namesKeepTheirLines() {
        #expect(TemplateNames.unknown(in: "{{!\n{{titel\n}}\nline three {{titel}}").map(\.line) == [4])
    }

    @Test("The built-in templates, exported and loaded as an operator's, pass")
    func theExportedTemplatesPass() throws {
        let directory = try TemporaryDirectory(files: Dictionary(uniqueKeysWithValues: DefaultTemplates.all.map { ("\($0.key).mustache", $0.value) }))
        defer { directory.remove() }
        #expect(try TemplateSet.load(directory: directory.path).sources == DefaultTemplates.all)
    }

    @Test("Every fact the renderers give is a name a template may use")
    func everyFactIsAKnownName() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/KlaxonPolicy")
        let files = try ["Rendering", "Report", "Status"].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: sources.appendingPathComponent(folder).path).filter { $0.hasSuffix(".swift") }
                .map { sources.appendingPathComponent(folder).appendingPathComponent($0) }
        }
        try #require(files.count > 10)
        // Facts set one by one (`facts["ping"] = …`) and in dictionary literals (`["text": text]`).
        let assignment = try Regex(#"\["([A-Za-z_]+)"\] = |[\[,] *"([A-Za-z_]+)": "#, as: (Substring, Substring?, Substring?).self)
        let given = try files.flatMap { file in
            try String(contentsOf: file, encoding: .utf8).matches(of: assignment).compactMap { ($0.output.1 ?? $0.output.2).map(String.init) }
        }
        try #require(given.contains("ping") && given.contains("dueAt") && given.contains("milestone_placed") && given.contains("text"))
        #expect(Set(given).subtracting(TemplateNames.known).isEmpty)
    }

    @Test("The built-in templates include only templates that exist")
    func theBuiltInTemplatesIncludeOnlyTemplatesThatExist() {
        #expect(TemplateSet.defaults.missingPartials().isEmpty)
    }

    @Test("An overriding template is what the renderer uses")
    func anOverridingTemplateIsWhatTheRendererUses() throws {
        let directory = try TemporaryDirectory(files: ["note-recorded.mustache": "NOTE {{id}}: {{text}}"])
        defer { directory.remove() }
        let renderer = try MessageRenderer(
            policy: try Fixture.defaultPolicy(), templates: try TemplateSet.load(directory: directory.path), dialect: TestDialect()
        )
        #expect(renderer.render(.noteRecorded, ["id": "#4", "text": "Pool raised"]) == "NOTE #4: Pool raised")
    }

    @Test("The defaults hold every template the default policy names")
    func theDefaultsHoldEveryTemplateTheDefaultPolicyNames() throws {
        let policy = try Fixture.defaultPolicy()
        #expect(Set(policy.templates.values).isSubset(of: Set(TemplateSet.defaults.sources.keys)))
    }
}
