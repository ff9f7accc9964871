import Foundation
import KlaxonPolicy
import Testing

@Suite struct PeopleDirectoryTests {
    static let roles = ["cto": "CTO", "engineers": "All engineers", "security-team": "Security team", "lead": "Engineering lead"]

    func load(_ yaml: String) throws(PolicyErrors) -> PeopleDirectory {
        try PeopleDirectory.load(yaml: yaml, file: "people.yml", roles: Self.roles)
    }

    @Test func mattermostNamesAreUsernamesGroupsOrTheWholeChannel() throws {
        let people = try load("""
        cto: {mattermost: "@ann"}
        engineers: {mattermost: ["!channel"]}
        security-team: {mattermost: [security, bo.lee]}
        """)
        #expect(people.mattermostUsernames["security-team"] == ["security", "bo.lee"])
    }

    @Test func aRoleGivesEachPlatformOneValueOrAList() throws {
        let people = try load("""
        cto:
          slack: U0123ABCD
          discord: ["81234567890", "role:41771983423143936"]
          email: [cto@example.com, klaxon@localhost]
        """)
        #expect(people.roles["cto"] == .init(slack: ["U0123ABCD"], discord: ["81234567890", "role:41771983423143936"], email: ["cto@example.com", "klaxon@localhost"]))
    }

    @Test("A Mattermost name that is no username is refused with its role, not shown as the role's name and pinging no one")
    func aMattermostNameThatIsNoUsernameIsRefused() {
        #expect {
            _ = try load("""
            engineers: {mattermost: "@channel"}
            lead: {mattermost: ["ann", "bo @channel"]}
            """)
        } throws: { error in
            let problems = (error as? PolicyErrors)?.errors ?? []
            return problems.map(\.line) == [1, 2] && problems[0].problem.hasPrefix("engineers: mattermost `@channel` is not a username")
                && problems[1].problem.hasPrefix("lead: mattermost `bo @channel` is not a username") && problems[0].problem.contains("`!channel`")
        }
    }

    @Test("A mistake that would leave someone unpaged without a word is refused with its line and what to write", arguments: [
        // A misspelt key was read past: the CTO was never emailed.
        ("cto:\n  slack: U0123ABCD\n  emial: cto@example.com\n", 3, "unknown key `emial` in `cto`; did you mean `email`?"),
        // A role the policy doesn't have is no one's: the CTO's contacts under a typo were never used.
        ("engineers: {slack: \"!channel\"}\nctoo: {email: cto@example.com}\n", 2, "unknown role `ctoo`; did you mean `cto`?"),
        ("cto:\n  email:\n    - cto@example.com\n    - ceo at example.com\n", 4, "cto: `ceo at example.com` is not an email address (name@example.com)"),
        ("cto: {email: \"CTO <cto@example.com>\"}\n", 1, "cto: `CTO <cto@example.com>` is not an email address (name@example.com)"),
        ("cto:\n  slack: {id: U0123ABCD}\n", 2, "`cto.slack` has the wrong type"),
        ("cto: [U0123ABCD]\n", 1, "`cto` has the wrong type"),
        ("cto: {slack: [U1\n", 2, "not valid YAML"),
    ] as [(String, Int, String)])
    func aMistakeIsRefusedWithItsLine(yaml: String, line: Int, problem: String) {
        #expect {
            _ = try load(yaml)
        } throws: { error in
            let errors = (error as? PolicyErrors)?.errors ?? []
            return errors.count == 1 && errors[0].file == "people.yml" && errors[0].line == line && errors[0].problem.hasPrefix(problem)
        }
    }
}
