import Foundation
import KlaxonPolicy
import Testing

@Suite struct PeopleDirectoryTests {
    func load(_ yaml: String) throws(PolicyErrors) -> PeopleDirectory {
        let path = NSTemporaryDirectory() + "klaxon-people-\(UUID().uuidString).yml"
        try? yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try PeopleDirectory.load(path: path)
    }

    @Test func mattermostNamesAreUsernamesGroupsOrTheWholeChannel() throws {
        let people = try load("""
        cto: {mattermost: "@ann"}
        engineers: {mattermost: ["!channel"]}
        security-team: {mattermost: [security, bo.lee]}
        """)
        #expect(people.mattermostUsernames["security-team"] == ["security", "bo.lee"])
    }

    @Test("A Mattermost name that is no username is refused with its role, not shown as the role's name and pinging no one")
    func aMattermostNameThatIsNoUsernameIsRefused() {
        #expect {
            _ = try load("""
            engineers: {mattermost: "@channel"}
            lead: {mattermost: ["ann", "bo @channel"]}
            """)
        } throws: { error in
            let problems = (error as? PolicyErrors)?.errors.map(\.problem) ?? []
            return problems.count == 2 && problems[0].hasPrefix("engineers: mattermost `@channel` is not a username")
                && problems[1].hasPrefix("lead: mattermost `bo @channel` is not a username") && problems[0].contains("`!channel`")
        }
    }
}
