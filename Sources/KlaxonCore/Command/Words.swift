import Foundation

/// A cursor over the words of a command's text that keeps the rest verbatim.
struct Words {
    private var remaining: Substring

    init(_ text: String) {
        remaining = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The next whitespace-separated word, if any.
    mutating func next() -> String? {
        remaining = remaining.drop { $0.isWhitespace }
        guard !remaining.isEmpty else { return nil }
        let word = remaining.prefix { !$0.isWhitespace }
        remaining = remaining.dropFirst(word.count)
        return String(word)
    }

    /// Everything not consumed yet, trimmed.
    var rest: String {
        remaining.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var optionalRest: String? {
        rest.isEmpty ? nil : rest
    }

    /// Consumes a leading `#id` if there is one.
    mutating func target() -> IncidentTarget {
        var copy = self
        if let word = copy.next(), word.hasPrefix("#"), let id = IncidentID(text: word) {
            self = copy
            return .incident(id)
        }
        return .current
    }

    func required(command: String, what: String) throws(CommandRejection) -> String {
        guard let text = optionalRest else { throw .missingArgument(command: command, what: what) }
        return text
    }
}
