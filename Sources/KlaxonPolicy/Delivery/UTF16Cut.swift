/// Cutting text to a platform's limit as Discord and Slack count it, in UTF-16 units (an emoji is two, a family of
/// four eleven), never inside a character: shared by splitting messages, fitting answers and fitting lists.
public enum UTF16Cut {
    /// The longest run of whole characters from the start within `limit` units; at least one character, so a cut
    /// always moves on.
    public static func prefix<Text: StringProtocol>(_ text: Text, units limit: Int) -> Text.SubSequence {
        var (end, units) = (text.startIndex, 0)
        for index in text.indices {
            units += text[index].utf16.count
            guard units <= limit || index == text.startIndex else { break }
            end = text.index(after: index)
        }
        return text[..<end]
    }

    /// Where in the second half of `kept` to cut it: the last character that `isBreak` accepts there, if any (a cut
    /// earlier than half way would throw away more than it keeps).
    public static func lastBreak(in kept: Substring, where isBreak: (Character) -> Bool) -> Substring.Index? {
        kept[kept.index(kept.startIndex, offsetBy: kept.count / 2)...].lastIndex(where: isBreak)
    }
}
