/// How long the titles and texts people type may be: past these, a command is refused with a helpful message, so
/// no reply or announcement grows without bound. Lengths count Unicode scalars, so combining marks cannot hide length.
public struct TextLimits: Codable, Sendable, Equatable {
    /// An incident's title (it is in every message about the incident).
    public var title: Int
    /// Every other text: updates, notes, scope, summaries, reasons.
    public var text: Int

    /// When the policy says nothing: a title fits a line, a text a screen.
    public static let standard = TextLimits(title: 300, text: 3000)

    enum CodingKeys: String, CodingKey {
        case title, text
    }

    public init(title: Int, text: Int) {
        self.title = title
        self.text = text
    }

    /// Either limit may be left out of a policy file.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(Int.self, forKey: .title) ?? Self.standard.title
        text = try container.decodeIfPresent(Int.self, forKey: .text) ?? Self.standard.text
    }

    /// Refuses a command whose title or any of whose texts is over its limit, or holds a control character: a text
    /// may break lines and hold tabs, a title neither.
    public func check(_ command: IncidentCommand) throws(CommandRejection) {
        for typed in command.typedTexts {
            let length = typed.text.unicodeScalars.count
            if typed.isTitle, length > title { throw .titleTooLong(length: length, limit: title) }
            if !typed.isTitle, length > text { throw .textTooLong(what: typed.what, length: length, limit: text) }
            if let control = typed.text.unicodeScalars.first(where: { Self.isRefusedControl($0.value, inTitle: typed.isTitle) }) {
                throw .controlCharacter(what: typed.isTitle ? "the title" : typed.what, scalar: control.value)
            }
        }
    }

    /// Unicode's control characters (general category Cc) are exactly C0, DEL and C1; compared as numbers, since
    /// looking up each scalar's category was 2% of a note's instructions.
    static func isRefusedControl(_ value: UInt32, inTitle: Bool) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D: inTitle
        case 0x00..<0x20, 0x7F...0x9F: true
        default: false
        }
    }
}
