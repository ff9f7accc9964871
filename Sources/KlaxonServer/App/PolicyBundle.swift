import KlaxonCore
import KlaxonPolicy

/// The policy and templates in force, loaded and checked together.
public struct PolicyBundle: Sendable {
    public let policy: Policy
    public let templates: TemplateSet

    /// Loads the operator's policy and templates, or the embedded defaults.
    public static func load(policyPath: String?, templatesDirectory: String?) throws(PolicyErrors) -> PolicyBundle {
        let templates = try templatesDirectory.map { dir throws(PolicyErrors) in try TemplateSet.load(directory: dir) } ?? .defaults
        let loader = PolicyLoader()
        let policy = if let policyPath {
            try loader.load(path: policyPath, templates: templates)
        } else {
            try loader.loadDefault(templates: templates)
        }
        return PolicyBundle(policy: policy, templates: templates)
    }
}
