import Foundation
import KlaxonCore
import Yams

/// Who the policy's roles are: per-platform user or group ids and email addresses (the `KLAXON_PEOPLE` file).
///
/// ```yaml
/// cto:
///   slack: [U0123ABCD]        # users (U…), user groups (S…), or "!channel" / "!here"
///   discord: ["81234567890"]  # user ids, or "role:<id>" for a Discord role
///   mattermost: [ann, sre]    # usernames (DMs go to users), or a group's name
///   email: [cto@example.com]
/// ```
public struct PeopleDirectory: Sendable, Equatable {
    /// One role's contacts.
    public struct Contacts: Codable, Sendable, Equatable {
        public var slack: [String]
        public var discord: [String]
        public var mattermost: [String]
        public var email: [String]

        enum CodingKeys: String, CodingKey {
            case slack, discord, mattermost, email
        }

        public init(slack: [String] = [], discord: [String] = [], mattermost: [String] = [], email: [String] = []) {
            self.slack = slack
            self.discord = discord
            self.mattermost = mattermost
            self.email = email
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            slack = try Self.list(container, .slack)
            discord = try Self.list(container, .discord)
            mattermost = try Self.list(container, .mattermost)
            email = try Self.list(container, .email)
        }

        /// A single value or a list.
        private static func list(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [String] {
            if let one = try? container.decodeIfPresent(String.self, forKey: key) { return [one] }
            return try container.decodeIfPresent([String].self, forKey: key) ?? []
        }

        var isEmpty: Bool { slack.isEmpty && discord.isEmpty && mattermost.isEmpty && email.isEmpty }
    }

    public var roles: [String: Contacts]

    public init(roles: [String: Contacts] = [:]) {
        self.roles = roles
    }

    /// Reads a people file for a policy with these roles (id: description); problems name the file and line.
    public static func load(path: String, roles: [String: String]) throws(PolicyErrors) -> PeopleDirectory {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PolicyErrors(errors: [PolicyError(file: path, line: nil, problem: "cannot read the people file")])
        }
        return try load(yaml: text, file: path, roles: roles)
    }

    /// Parses and checks people-file text; `file` names it in errors. A misspelt key (`emial:`) or role, or an
    /// address no server would take, is refused: read past, it would leave someone unpaged without a word.
    public static func load(yaml: String, file: String, roles: [String: String]) throws(PolicyErrors) -> PeopleDirectory {
        func refuse(_ line: Int?, _ problem: String) -> PolicyErrors {
            PolicyErrors(errors: [PolicyError(file: file, line: line, problem: problem)])
        }
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else { throw refuse(nil, "the people file is empty") }
            node = composed
        } catch let error as PolicyErrors {
            throw error
        } catch let error as YamlError {
            throw refuse(PolicyLoader.line(of: error), "not valid YAML: \(PolicyLoader.describe(error))")
        } catch {
            throw refuse(nil, "not valid YAML")
        }
        let unknown = PolicySchema.unknownKeys(in: node, against: PolicySchema.people(roles: Array(roles.keys)))
        guard unknown.isEmpty else {
            throw PolicyErrors(errors: unknown.map { PolicyError(file: file, line: $0.line, problem: $0.message) })
        }
        let people: PeopleDirectory
        do {
            people = PeopleDirectory(roles: try YAMLDecoder().decode([String: Contacts].self, from: node))
        } catch let error as DecodingError {
            let (path, problem) = PolicyLoader.describe(error)
            throw refuse(node.line(at: path), "\(problem); expected `role: {slack: [...], discord: [...], mattermost: [...], email: [...]}`")
        } catch {
            throw refuse(nil, "expected `role: {slack: [...], discord: [...], mattermost: [...], email: [...]}`")
        }
        let problems = people.roles.sorted { $0.key < $1.key }.flatMap { role, contacts in
            // A Mattermost name that is no username would be shown as the role's name and ping no one, silently.
            contacts.mattermost.enumerated().filter { !Self.isMattermostName($0.element) }.map { index, name in
                PolicyError(
                    file: file, line: node.line(at: [role, "mattermost", String(index)]),
                    problem: "\(role): mattermost `\(name)` is not a username (letters, digits, `.`, `-`, `_`); the whole channel is `!channel` or `!here`"
                )
            } + contacts.email.enumerated().filter { !EmailAddress.isValid($0.element) }.map { index, address in
                PolicyError(file: file, line: node.line(at: [role, "email", String(index)]), problem: "\(role): `\(address)` is not an email address (name@example.com)")
            }
        }
        guard problems.isEmpty else { throw PolicyErrors(errors: problems) }
        return people
    }

    /// A Mattermost name a people file may give: a username or group name (with or without `@`), or `!channel` /
    /// `!here` for the whole channel.
    public static func isMattermostName(_ name: String) -> Bool {
        ["!channel", "!here"].contains(name) || DisplayName.isUsername(name.trimmingPrefix("@"))
    }

    /// Slack ids by role, for the Slack dialect.
    public var slackIDs: [String: [String]] { roles.mapValues(\.slack) }

    /// Mattermost usernames by role, for the Mattermost dialect.
    public var mattermostUsernames: [String: [String]] { roles.mapValues(\.mattermost) }

    /// Roles the policy asks Klaxon to reach (escalations, on-call, checklist owners) that have no one configured.
    public func unconfiguredRoles(in policy: Policy) -> [String] {
        var used = Set(policy.escalations.flatMap(\.notify))
        if let onCall = policy.onCallRole { used.insert(onCall) }
        for item in policy.checklists.declare.items + policy.checklists.resolution.items {
            if let owner = item.owner, owner != "commander" { used.insert(owner) }
        }
        return used.filter { roles[$0]?.isEmpty ?? true }.sorted()
    }
}
