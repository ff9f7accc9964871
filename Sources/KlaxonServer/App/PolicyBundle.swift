import KlaxonCore
import KlaxonPolicy

/// The policy and templates in force, loaded and checked together.
public struct PolicyBundle: Sendable {
    public let policy: Policy
    public let templates: TemplateSet
    /// Who the roles are; empty when no people file is configured.
    public let people: PeopleDirectory

    /// Roles the policy asks to reach with no one configured: reported by `policy check`, logged at start-up.
    public var unconfiguredRoles: [String] { people.unconfiguredRoles(in: policy) }

    /// The same bundle with the status page's address for links in messages; `nil` keeps the policy's own `url`.
    public func published(at url: String?) -> PolicyBundle {
        guard let url else { return self }
        var policy = policy
        var page = policy.statusPageSettings
        page.url = url
        policy.publicStatus = page
        return PolicyBundle(policy: policy, templates: templates, people: people)
    }

    /// Loads the operator's policy, templates and people file, or the embedded defaults.
    public static func load(policyPath: String?, templatesDirectory: String?, peoplePath: String? = nil) throws(PolicyErrors) -> PolicyBundle {
        let templates = try templatesDirectory.map { dir throws(PolicyErrors) in try TemplateSet.load(directory: dir) } ?? .defaults
        let loader = PolicyLoader()
        let policy = if let policyPath {
            try loader.load(path: policyPath, templates: templates)
        } else {
            try loader.loadDefault(templates: templates)
        }
        // Compile every template now, so a broken one is refused with its file rather than at the first message.
        _ = try MessageRenderer(policy: policy, templates: templates, dialect: PlainTextDialect())
        let people = try peoplePath.map { path throws(PolicyErrors) in try PeopleDirectory.load(path: path, roles: policy.roles) } ?? PeopleDirectory()
        return PolicyBundle(policy: policy, templates: templates, people: people)
    }
}
