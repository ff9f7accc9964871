/// Rewrites the templates' Slack-style `*bold*` as Markdown's `**bold**`, for platforms that read `*x*` as italics.
///
/// Asterisks that the dialect escaped (`\*`, from user text) and those inside code spans stay as they are.
public enum DoubledEmphasis {
    /// The text with each unescaped `*` outside code doubled.
    public static func apply(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count + 16)
        var inCode = false
        var escaped = false
        for character in text {
            if escaped {
                result.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\" where !inCode:
                escaped = true
                result.append(character)
            case "`":
                inCode.toggle()
                result.append(character)
            case "*" where !inCode:
                result += "**"
            default:
                result.append(character)
            }
        }
        return result
    }
}
