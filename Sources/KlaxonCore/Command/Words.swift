import Foundation

/// A cursor over the words of a command's text that keeps the rest verbatim.
struct Words {
    private var remaining: Substring

    init(_ text: String) {
        remaining = text[...].trimmedOfWhitespace
    }

    /// The next whitespace-separated word, if any.
    mutating func next() -> String? {
        remaining = remaining.drop { Self.isSpace($0) }
        guard !remaining.isEmpty else { return nil }
        let word = remaining.prefix { !Self.isSpace($0) }
        remaining = remaining.dropFirst(word.count)
        return String(word)
    }

    /// Everything not consumed yet, trimmed.
    var rest: String {
        String(remaining.trimmedOfWhitespace)
    }

    var optionalRest: String? {
        rest.isEmpty ? nil : rest
    }

    /// Consumes a leading `#id` if there is one. A word that starts like one (`#`, `#-1`, `#0`, `#１`) but is not a valid
    /// id is refused as Discord's `incident` option refuses it, never read as text about the channel's open incident.
    mutating func target(of command: String) throws(CommandRejection) -> IncidentTarget {
        var copy = self
        guard let word = copy.next(), Self.startsLikeIncidentID(word) else { return .current }
        guard let id = IncidentID(text: word) else {
            throw .notAnIncidentID(word, command: command)
        }
        self = copy
        return .incident(id)
    }

    /// `#` alone, or `#` then a sign or a digit of any script: `#general` is text, `#-1` and `#٣` are meant as ids.
    static func startsLikeIncidentID(_ word: String) -> Bool {
        guard word.hasPrefix("#") else { return false }
        guard let next = word.dropFirst().first else { return true }
        return next.isNumber || "+-\u{2212}".contains(next)
    }

    /// `Character.isWhitespace`, answered for ASCII without a lookup in Unicode's tables.
    private static func isSpace(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return character.isWhitespace
    }

    func required(command: String, what: String) throws(CommandRejection) -> String {
        guard let text = optionalRest else { throw .missingArgument(command: command, what: what) }
        return text
    }
}

extension Substring {
    /// Without leading and trailing white space, in Swift: Foundation's `trimmingCharacters` goes through `NSString`
    /// on Linux, which showed in every command's profile. The set is Foundation's `.whitespacesAndNewlines`: Unicode's
    /// White_Space and the zero-width space.
    var trimmedOfWhitespace: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isSpace($0) }), let last = scalars.lastIndex(where: { !Self.isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII, as most text is, without a lookup in Unicode's tables (which showed in every command's profile).
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace || scalar == "\u{200B}"
    }
}
