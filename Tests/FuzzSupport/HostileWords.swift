/// Words the fuzz tests splice into inputs: mentions in every platform's syntax, markup, malformed ids and numbers,
/// and text that is odd as Unicode.
public enum HostileWords {
    /// Broadcast mentions, in each platform's syntax.
    public static let broadcasts = [
        "<!channel>", "<!here>", "<!everyone>", "<!subteam^S0123|team>", "@channel", "@here", "@all", "@everyone", "@Channel",
        "<!channel|channel>", "<@U0123>", "<@&41771983423143936>", "<#C0123>", "@\u{200B}here",
    ]

    /// Markup and structure.
    public static let markup = [
        "*bold*", "_it_", "~s~", "`code`", "```", "> quote", "\n> fake quote", "[link](https://evil.example)", "<https://evil.example|click>",
        "&amp;", "&lt;!channel&gt;", "\\", "\"", "\n", "\r\n", "\t", "%", "%zz", "%00", "%3C%21channel%3E", "+", "=", "&", "#",
    ]

    /// Ids and numbers at the edges.
    public static let numbers = [
        "#-1", "#0", "#", "#+1", "#99999999999999999999", "#9223372036854775808", "#１", "#٣", "1e+20", "-0", "NaN", "1.5",
        "9223372036854775807", "-9223372036854775809", "0x10", "p0", "p9", "sev1", "kind:security", "kind:nothing", "--force", "public",
    ]

    /// Unicode that is easy to get wrong.
    public static let unicode = [
        "é", "e\u{301}", "\u{202E}", "\u{FEFF}", "🔥", "👩‍👩‍👧", "\u{0}", "\u{7F}", "ǅ", "İ", "ß", "\u{FFFD}", String(repeating: "\u{301}", count: 40),
    ]

    public static let all = broadcasts + markup + numbers + unicode
}
