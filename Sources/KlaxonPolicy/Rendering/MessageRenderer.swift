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
                let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: \(dialect.contentTypeName)}}" + dialect.templateSource(source))
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
        render(kind, context: context)
    }

    /// Renders the template for `kind` with an incident's facts, each worked out if the template asks for it.
    func render(_ kind: MessageKind, _ facts: IncidentFacts) -> String {
        render(kind, context: facts)
    }

    private func render(_ kind: MessageKind, context: Any) -> String {
        let text = library.render(context, withTemplate: policy.template(for: kind)) ?? ""
        return dialect.markup(Self.tidy(text))
    }

    /// Renders a template by its name (the report's, which the policy names per severity).
    public func render(template name: String, _ context: [String: Any]) -> String {
        dialect.markup(Self.tidy(library.render(context, withTemplate: name) ?? ""))
    }

    /// Renders a notice's message, followed by the playbook template it offers, if any.
    public func render(_ notice: Notice, _ context: [String: Any]) -> String {
        render(notice, context: context)
    }

    /// Renders a notice's message with its facts, the incident's worked out if the template asks for them.
    func render(_ notice: Notice, _ facts: IncidentFacts) -> String {
        render(notice, context: facts)
    }

    private func render(_ notice: Notice, context: Any) -> String {
        let text = render(notice.kind, context: context)
        guard let offer = notice.offer else { return text }
        return text + "\n" + render(offer, context: context)
    }

    /// Drops the spaces ending each line and the blank lines at both ends that optional sections leave behind; blank
    /// lines inside are kept.
    ///
    /// One pass over the UTF-8: spaces and line breaks are held back until something follows them on a line. A `\n`
    /// right after `\r` is part of the line, as `\r\n` is one `Character` to Swift's line splitting.
    static func tidy(_ text: String) -> String {
        String(unsafeUninitializedCapacity: text.utf8.count) { output in
            var count = 0
            var heldSpaces = 0
            var heldBreaks = 0
            var started = false
            var previous: UInt8 = 0
            func write(_ byte: UInt8, times: Int) {
                for _ in 0..<times { output[count] = byte; count += 1 }
            }
            for byte in text.utf8 {
                defer { previous = byte }
                if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") {
                    heldSpaces = 0
                    if started { heldBreaks += 1 }
                } else if byte == UInt8(ascii: " ") {
                    heldSpaces += 1
                } else {
                    write(UInt8(ascii: "\n"), times: heldBreaks)
                    write(UInt8(ascii: " "), times: heldSpaces)
                    write(byte, times: 1)
                    heldBreaks = 0
                    heldSpaces = 0
                    started = true
                }
            }
            return count
        }
    }
}

/// Adapts a dialect's escaping to swift-mustache's content types.
private struct DialectContentType: MustacheContentType {
    let dialect: any ChatDialect

    func escapeText(_ text: String) -> String {
        dialect.escape(text)
    }
}
