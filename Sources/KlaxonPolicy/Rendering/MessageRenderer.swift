import KlaxonCore
import Mustache

/// Renders messages from the policy's templates for one chat dialect.
public struct MessageRenderer: Sendable {
    public let policy: Policy
    public let dialect: any ChatDialect
    private let library: MustacheLibrary

    /// Compiles every template for the dialect; a template that does not compile is reported with its origin.
    public init(policy: Policy, templates: TemplateSet, dialect: any ChatDialect) throws(PolicyErrors) {
        self.policy = policy
        self.dialect = dialect
        MustacheContentTypes.register(DialectContentType(dialect: dialect), named: dialect.contentTypeName)
        var library = MustacheLibrary()
        var errors: [PolicyError] = []
        for (name, source) in templates.sources {
            do {
                // The pragma makes `{{value}}` escape for this platform instead of for HTML.
                let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: \(dialect.contentTypeName)}}" + source)
                library.register(template, named: name)
            } catch let error as MustacheTemplate.ParserError {
                errors.append(PolicyError(
                    file: templates.origin(of: name), line: error.context.lineNumber, problem: "template does not compile: \(error.error)"
                ))
            } catch {
                errors.append(PolicyError(file: templates.origin(of: name), line: nil, problem: "template does not compile: \(error)"))
            }
        }
        guard errors.isEmpty else { throw PolicyErrors(errors: errors) }
        self.library = library
    }

    /// Renders the template the policy names for `kind` with the given facts.
    public func render(_ kind: MessageKind, _ context: [String: Any]) -> String {
        let name = policy.template(for: kind)
        let text = library.render(context, withTemplate: name) ?? ""
        return dialect.markup(Self.tidy(text))
    }

    /// Renders a notice's message, followed by the playbook template it offers, if any.
    public func render(_ notice: Notice, _ context: [String: Any]) -> String {
        let text = render(notice.kind, context)
        guard let offer = notice.offer else { return text }
        return text + "\n" + render(offer, context)
    }

    /// Drops trailing blank lines and spaces that optional sections leave behind.
    static func tidy(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop { $0 == " " }.reversed())
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }
}

/// Adapts a dialect's escaping to swift-mustache's content types.
private struct DialectContentType: MustacheContentType {
    let dialect: any ChatDialect

    func escapeText(_ text: String) -> String {
        dialect.escape(text)
    }
}
