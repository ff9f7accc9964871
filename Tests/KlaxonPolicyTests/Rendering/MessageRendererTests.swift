import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

@Suite("MessageRenderer")
struct MessageRendererTests {
    /// A renderer over the default policy whose `error` template is replaced by `errorTemplate`.
    func renderer(errorTemplate: String) throws -> MessageRenderer {
        var sources = DefaultTemplates.all
        sources["error"] = errorTemplate
        return try MessageRenderer(policy: try Fixture.defaultPolicy(), templates: TemplateSet(sources: sources), dialect: TestDialect())
    }

    @Test("User text is escaped by the dialect", arguments: [
        ("a < b", "a &lt; b"), ("x > y", "x &gt; y"), ("salt & pepper", "salt &amp; pepper"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"), ("&lt;", "&amp;lt;"),
        ("\"quoted\" 'text'", "\"quoted\" 'text'"), ("plain", "plain"),
    ])
    func userTextIsEscapedByTheDialect(text: String, escaped: String) throws {
        #expect(try renderer(errorTemplate: "{{message}}").render(.error, ["message": text]) == escaped)
    }

    @Test("Mentions in triple braces go out as they are")
    func mentionsInTripleBracesGoOutAsTheyAre() throws {
        let rendered = try renderer(errorTemplate: "{{{who}}} said {{what}}").render(.error, ["who": "<@U0BOB>", "what": "<@U0BOB>"])
        #expect(rendered == "<@U0BOB> said &lt;@U0BOB&gt;")
    }

    @Test("Items of a list are escaped too")
    func itemsOfAListAreEscapedToo() throws {
        let rendered = try renderer(errorTemplate: "{{#lines}}- {{.}}\n{{/lines}}").render(.error, ["lines": ["a<b", "c&d"]])
        #expect(rendered == "- a&lt;b\n- c&amp;d")
    }

    @Test("Blank lines and trailing spaces left by empty sections are dropped")
    func blankLinesAndTrailingSpacesLeftByEmptySectionsAreDropped() throws {
        let rendered = try renderer(errorTemplate: "\n{{message}}   \n{{#extra}}{{extra}}{{/extra}}\n\n").render(.error, ["message": "Done"])
        #expect(rendered == "Done")
    }

    @Test("Spaces ending a line and blank lines at both ends are dropped, blank lines inside kept", arguments: [
        ("Done", "Done"),
        ("", ""),
        ("   \n \n\n", ""),
        ("\n\n  \nfirst\n\nsecond\n  \n\n", "first\n\nsecond"),
        ("a  \nb \t \n c ", "a\nb \t\n c"),
        ("a\n   \n\n b", "a\n\n\n b"),
        ("  indented  ", "  indented"),
        ("é  \n✅ \n", "é\n✅"),
        ("a \r\n  ", "a \r\n"),
        ("a\r  \nb", "a\r\nb"),
    ])
    func spacesEndingALineAndBlankLinesAtBothEndsAreDroppedBlankLinesInsideKept(rendered: String, tidied: String) throws {
        #expect(try renderer(errorTemplate: "{{{message}}}").render(.error, ["message": rendered]) == tidied)
    }

    @Test("A template that does not compile is reported with its origin", arguments: [
        "{{#open}} never closed", "{{/close}} never opened", "{{#a}}{{/b}}",
    ])
    func aTemplateThatDoesNotCompileIsReportedWithItsOrigin(source: String) throws {
        var sources = DefaultTemplates.all
        sources["status-changed"] = source
        let policy = try Fixture.defaultPolicy()
        do {
            _ = try MessageRenderer(policy: policy, templates: TemplateSet(sources: sources), dialect: TestDialect())
            Issue.record("`\(source)` compiled")
        } catch {
            #expect(error.errors.count == 1)
            #expect(error.errors.first?.file == "built-in template status-changed")
            #expect(error.errors.first?.problem.hasPrefix("template does not compile") == true)
        }
    }

    @Test("A broken template from a directory is reported with its file")
    func aBrokenTemplateFromADirectoryIsReportedWithItsFile() throws {
        let directory = try TemporaryDirectory(files: ["resolution.mustache": "{{#summary}} unclosed"])
        defer { directory.remove() }
        let templates = try TemplateSet.load(directory: directory.path)
        let policy = try Fixture.defaultPolicy()
        #expect {
            try MessageRenderer(policy: policy, templates: templates, dialect: TestDialect())
        } throws: { error in
            (error as? PolicyErrors)?.errors.map(\.file) == [directory.file("resolution.mustache")]
        }
    }

    @Test("Every shipped template compiles")
    func everyShippedTemplateCompiles() throws {
        let policy = try Fixture.defaultPolicy()
        #expect(throws: Never.self) { try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect()) }
    }
}
