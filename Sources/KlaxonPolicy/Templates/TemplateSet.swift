import Foundation

/// The message templates in force: the defaults, overridden by an operator's directory file by file.
public struct TemplateSet: Sendable {
    /// Template text by name.
    public private(set) var sources: [String: String]
    /// Where each overridden template came from, for error messages.
    public private(set) var origins: [String: String] = [:]

    /// The templates Klaxon ships with.
    public static let defaults = TemplateSet(sources: DefaultTemplates.all)

    public init(sources: [String: String]) {
        self.sources = sources
    }

    public func contains(_ name: String) -> Bool { sources[name] != nil }

    /// The defaults with every `NAME.mustache` in `directory` laid over them.
    public static func load(directory: String) throws(PolicyErrors) -> TemplateSet {
        var set = TemplateSet.defaults
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw PolicyErrors(errors: [PolicyError(file: directory, line: nil, problem: "cannot read the template directory")])
        }
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw PolicyErrors(errors: [PolicyError(file: path, line: nil, problem: "cannot read the template")])
            }
            let name = String(file.dropLast(".mustache".count))
            set.sources[name] = text
            set.origins[name] = path
        }
        let missing = set.missingPartials() + set.unknownNames()
        guard missing.isEmpty else {
            throw PolicyErrors(errors: missing.map { PolicyError(file: set.origin(of: $0.template), line: $0.line, problem: $0.problem) })
        }
        return set
    }

    /// Partials (`{{> timeline-entry}}`) that name no template: swift-mustache renders them as nothing, so a report
    /// would lose its timeline without a word.
    func missingPartials() -> [(template: String, line: Int, problem: String)] {
        sources.keys.sorted().flatMap { name in
            sources[name, default: ""].split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap { index, line in
                Self.partials(in: line).filter { !contains($0) }.map { partial in
                    (name, index + 1, "`{{> \(partial)}}` names no template (looked for \(partial).mustache)")
                }
            }
        }
    }

    /// Names in the operator's templates that no fact gives (see `TemplateNames`).
    func unknownNames() -> [(template: String, line: Int, problem: String)] {
        origins.keys.sorted().flatMap { name in
            TemplateNames.unknown(in: sources[name, default: ""]).map { found in
                let hint = found.meant.map { "; did you mean `{{\($0)}}`?" } ?? ""
                return (name, found.line, "`{{\(found.name)}}` is no value Klaxon gives a template, so it would show as nothing\(hint)")
            }
        }
    }

    /// The names in a line's `{{> name}}` tags.
    static func partials(in line: Substring) -> [String] {
        line.components(separatedBy: "{{>").dropFirst().compactMap { rest in
            rest.range(of: "}}").map { rest[..<$0.lowerBound].trimmingCharacters(in: .whitespaces) }
        }
    }

    /// Where a template came from: its file, or the built-in defaults.
    public func origin(of name: String) -> String {
        origins[name] ?? "built-in template \(name)"
    }
}
