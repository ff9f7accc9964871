import Foundation
import KlaxonCore
import KlaxonServer
import Testing

/// The files generated from the command catalogue must be committed as generated.
@Suite struct CommandDocumentsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardized

    static func committed(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test(arguments: CommandDocuments.files.map(\.path))
    func committedFilesMatchTheCatalogue(_ path: String) throws {
        let generated = try #require(CommandDocuments.files.first { $0.path == path })
        #expect(try Self.committed(path) == generated.contents, "\(path) drifted from the catalogue: run `swift run klaxon commands generate`")
    }

    @Test func theReadmeTableMatchesTheCatalogue() throws {
        let readme = try Self.committed("README.md")
        let updated = try #require(CommandDocuments.readme(updating: readme), "README.md lost its command-table markers")
        #expect(updated == readme, "README.md's command table drifted from the catalogue: run `swift run klaxon commands generate`")
    }

    @Test func theTableHasARowPerCommandWithBothSyntaxes() {
        let rows = CommandDocuments.table().split(separator: "\n").dropFirst(2)
        #expect(rows.count == CommandCatalogue.all.count)
        #expect(rows.first?.hasPrefix(#"| `/incident p0\|p1\|p2\|p3 <title>"#) == true)
        #expect(rows.first?.contains("`/incident declare severity title (optional: kind, public)`") == true)
    }

    @Test func aReadmeWithoutMarkersIsNotRewritten() {
        #expect(CommandDocuments.readme(updating: "# Klaxon\n| command |\n") == nil)
    }

    @Test func generatingIntoACopyWritesOnlyWhatDiffers() throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("klaxon-docs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("commands"), withIntermediateDirectories: true)
        try "intro\n\(CommandDocuments.tableStart)\nold table\n\(CommandDocuments.tableEnd)\nafter\n"
            .write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        #expect(try CommandDocuments.write(to: directory) == ["commands/slack-app-manifest.yml", "commands/discord-commands.json", "README.md"])
        let readme = try String(contentsOf: directory.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.hasPrefix("intro\n"))
        #expect(readme.hasSuffix("\(CommandDocuments.tableEnd)\nafter\n"))
        #expect(!readme.contains("old table"))
        #expect(try CommandDocuments.write(to: directory).isEmpty)
    }
}
