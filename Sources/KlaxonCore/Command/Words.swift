import Foundation

/// A cursor over the words of a command's text that keeps the rest verbatim.
struct Words {
    private var remaining: Substring
    /// Whether the text is all ASCII, as most commands are: its words are then found by bytes, with no grapheme breaking.
    private let isASCII: Bool

    init(_ text: String) {
        remaining = text[...].trimmedOfWhitespace
        isASCII = remaining.utf8.allSatisfy { $0 < 0x80 }
    }

    /// The next whitespace-separated word, if any.
    mutating func next() -> String? {
        if isASCII { return nextASCII() }
        remaining = remaining.drop { Self.isSpace($0) }
        guard !remaining.isEmpty else { return nil }
        let word = remaining.prefix { !Self.isSpace($0) }
        remaining = remaining[word.endIndex...]
        return String(word)
    }

    /// `next()` by bytes. In ASCII every byte is a character but CR LF, which is one white space character as its two
    /// bytes are two: the words come out the same.
    private mutating func nextASCII() -> String? {
        let bytes = remaining.utf8
        guard let start = bytes.firstIndex(where: { !Self.isASCIISpace($0) }) else {
            remaining = remaining[remaining.endIndex...]
            return nil
        }
        let end = bytes[start...].firstIndex(where: Self.isASCIISpace) ?? bytes.endIndex
        let word = String(remaining[start..<end])
        remaining = remaining[end...]
        return word
    }

    /// Unicode's white space within ASCII: space, and tab to carriage return.
    fileprivate static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
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
        // `update #14: …`, written as one heads a message.
        guard let id = IncidentID(text: word) ?? (word.hasSuffix(":") || word.hasSuffix(",") ? IncidentID(text: String(word.dropLast())) : nil) else {
            throw .notAnIncidentID(word, command: command)
        }
        self = copy
        return .incident(id)
    }

    /// `target(of:)` for a command that takes nothing but the incident (`show`, `timeline`, `report`, `actions`): a bare
    /// number there can only mean an incident (`show 2`, `show 2 please`), so it is read as one rather than ignored.
    mutating func onlyTarget(of command: String) throws(CommandRejection) -> IncidentTarget {
        var copy = self
        if let word = copy.next(), Self.isBareNumber(word), let id = IncidentID(text: word) {
            self = copy
            return .incident(id)
        }
        return try target(of: command)
    }

    /// A word as typed in a sentence, without the punctuation after it and the quotes or brackets around it
    /// (`identified:`, `‘smoke-tests’.`, `(--public)`): the value meant.
    static func bare(_ word: some StringProtocol) -> String {
        var scalars = Substring(word).unicodeScalars[...]
        let closing = ".,;:!?\"'`\u{2019}\u{201D})]".unicodeScalars
        let opening = "\"'`\u{2018}\u{201C}([".unicodeScalars
        while let last = scalars.last, closing.contains(last) { scalars = scalars.dropLast() }
        while let first = scalars.first, opening.contains(first) { scalars = scalars.dropFirst() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// A number written without its `#`, in ASCII digits (`11`, not `11:` or `2nd`).
    static func isBareNumber(_ word: some StringProtocol) -> Bool {
        !word.isEmpty && word.count <= 9 && word.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// Refuses an `#id` where the arguments end, when no incident was named first (`severity p1 #4`): read as the
    /// reason, the note or an extra word, it would change the channel's incident instead of #4.
    func refuseLateTarget(_ target: IncidentTarget, command: String) throws(CommandRejection) {
        guard target == .current else { return }
        var copy = self
        if let word = copy.next(), Self.startsLikeIncidentID(word) { throw .lateIncidentID(word, command: command) }
    }

    /// `#` alone, or `#` then a sign or a digit of any script: `#general` is text, `#-1` and `#٣` are meant as ids.
    static func startsLikeIncidentID(_ word: String) -> Bool {
        guard word.hasPrefix("#") else { return false }
        guard let next = word.dropFirst().first else { return true }
        return next.isNumber || "+-\u{2212}".contains(next)
    }

    /// `Character.isWhitespace`, answered for ASCII without a lookup in Unicode's tables.
    private static func isSpace(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return isASCIISpace(ascii) }
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
        if scalar.isASCII { return Words.isASCIISpace(UInt8(scalar.value)) }
        return scalar.properties.isWhitespace || scalar == "\u{200B}"
    }
}
