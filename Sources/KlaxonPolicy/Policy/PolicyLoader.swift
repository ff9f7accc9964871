import Foundation
import KlaxonCore
import Yams

/// Reads a policy file, checks it, and reports problems with file and line.
public struct PolicyLoader: Sendable {
    public init() {}

    /// Loads the embedded default policy.
    public func loadDefault(templates: TemplateSet) throws(PolicyErrors) -> Policy {
        try load(yaml: DefaultPolicy.yaml, file: DefaultPolicy.fileName, templates: templates)
    }

    /// Loads and checks a policy file from disk.
    public func load(path: String, templates: TemplateSet) throws(PolicyErrors) -> Policy {
        let text: String
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PolicyErrors(errors: [PolicyError(file: path, line: nil, problem: "no such file")])
        }
        // Foundation's own words for reading a directory are an error domain and a number.
        guard !isDirectory.boolValue else {
            throw PolicyErrors(errors: [PolicyError(file: path, line: nil, problem: "is a directory; give the policy file in it (policy.yml)")])
        }
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw PolicyErrors(errors: [PolicyError(file: path, line: nil, problem: "cannot read the file (\(error.localizedDescription))")])
        }
        return try load(yaml: text, file: path, templates: templates)
    }

    /// Parses and checks policy text; `file` names it in errors.
    public func load(yaml: String, file: String, templates: TemplateSet) throws(PolicyErrors) -> Policy {
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw PolicyErrors(errors: [PolicyError(file: file, line: nil, problem: "the file is empty")])
            }
            node = composed
        } catch let error as PolicyErrors {
            throw error
        } catch let error as YamlError {
            throw PolicyErrors(errors: [PolicyError(file: file, line: Self.line(of: error), problem: "not valid YAML: \(Self.describe(error))")])
        } catch {
            throw PolicyErrors(errors: [PolicyError(file: file, line: nil, problem: "not valid YAML")])
        }
        let unknown = PolicySchema.unknownKeys(in: node)
        guard unknown.isEmpty else {
            throw PolicyErrors(errors: unknown.map { PolicyError(file: file, line: $0.line, problem: $0.message) })
        }
        let policy: Policy
        do {
            policy = try YAMLDecoder().decode(Policy.self, from: node)
        } catch let error as DecodingError {
            let (path, problem) = Self.describe(error)
            throw PolicyErrors(errors: [PolicyError(file: file, line: node.line(at: path), problem: problem)])
        } catch {
            throw PolicyErrors(errors: [PolicyError(file: file, line: nil, problem: "\(error)")])
        }
        let problems = PolicyValidator(policy: policy, templates: templates).problems()
        guard problems.isEmpty else {
            throw PolicyErrors(errors: problems.map { PolicyError(file: file, line: node.line(at: $0.path), problem: $0.message) })
        }
        return policy
    }

    static func describe(_ error: DecodingError) -> ([String], String) {
        func path(_ keys: [any CodingKey]) -> [String] { keys.map { $0.intValue.map(String.init) ?? $0.stringValue } }
        func dotted(_ keys: [any CodingKey]) -> String { path(keys).joined(separator: ".") }
        switch error {
        case .keyNotFound(let key, let context):
            let keys = context.codingPath + [key]
            return (path(context.codingPath), "`\(dotted(keys))` is missing")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return (path(context.codingPath), "`\(dotted(context.codingPath))` has the wrong type: \(context.debugDescription)")
        case .dataCorrupted(let context):
            return (path(context.codingPath), "`\(dotted(context.codingPath))`: \(plain(context.debugDescription))")
        @unknown default:
            return ([], "\(error)")
        }
    }

    /// Swift's "Cannot initialize Severity from invalid String value p9" in the operator's words.
    private static func plain(_ message: String) -> String {
        let choices: [(String, String)] = [
            ("Severity", Severity.allCases.map(\.rawValue).joined(separator: ", ")),
            ("IncidentKind", IncidentKind.allCases.map(\.rawValue).joined(separator: ", ")),
            ("StatusPhase", StatusPhase.allCases.map(\.rawValue).joined(separator: ", ")),
            ("Requirement", "mandatory, required, brief, none"),
            ("Via", "chat, email"),
            ("AlertMode", AlertMode.allCases.map(\.rawValue).joined(separator: ", ")),
        ]
        guard let range = message.range(of: "from invalid String value ") else { return message }
        let value = message[range.upperBound...].trimmingCharacters(in: .whitespaces)
        for (type, allowed) in choices where message.contains("initialize \(type) ") {
            return "`\(value)` is not one of \(allowed)"
        }
        return "`\(value)` is not a valid value"
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return nil
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        // Its own description quotes the whole file as context.
        case .duplicatedKeysInMapping(let duplicates, _):
            return "a key given twice in one mapping: " + duplicates.map { "`\($0)`" }.joined(separator: ", ")
        default:
            return "\(error)"
        }
    }
}

extension Node {
    /// The line of the deepest node that exists along a path of mapping keys and sequence indices.
    func line(at path: [String]) -> Int? {
        var current: Node = self
        var line = current.mark?.line
        for component in path {
            let next: Node?
            if let index = Int(component), let sequence = current.sequence, index < sequence.count {
                next = sequence[index]
            } else if let mapping = current.mapping {
                // Point at the key itself so the line is the one the operator wrote the setting on.
                next = mapping.first { $0.key.string == component }?.key
                if let value = mapping[component] {
                    line = next?.mark?.line ?? line
                    current = value
                    continue
                }
            } else {
                next = nil
            }
            guard let next else { break }
            current = next
            line = next.mark?.line ?? line
        }
        return line
    }
}
