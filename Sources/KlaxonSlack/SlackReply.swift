/// The JSON answer to a slash command.
public struct SlackReply: Codable, Sendable, Equatable {
    /// Who sees the reply.
    public enum Visibility: String, Codable, Sendable {
        /// Everyone in the channel: announcements.
        case inChannel = "in_channel"
        /// Only the person who typed the command: errors, help and lists.
        case ephemeral
    }

    /// The longest reply Slack shows whole (it advises 4,000 characters), and older Mattermost servers' post limit.
    public static let maxLength = 4000

    public let responseType: Visibility
    public let text: String
    /// `true` on Mattermost's replies: without it Mattermost reads `<!channel>`, `<!here>` and `<url|text>` in the text as
    /// Slack markup and turns them into pings and links. Absent on Slack's.
    public let skipSlackParsing: Bool?

    enum CodingKeys: String, CodingKey {
        case responseType = "response_type"
        case text
        case skipSlackParsing = "skip_slack_parsing"
    }

    public init(_ visibility: Visibility, text: String, skipSlackParsing: Bool? = nil) {
        self.responseType = visibility
        self.text = text
        self.skipSlackParsing = skipSlackParsing
    }
}

extension SlackReply {
    /// The reply as JSON, written directly: it is the answer to every slash command, and `JSONEncoder` took a tenth
    /// of a `help` request's time. Keys in sorted order, as `JSONEncoder` with `.sortedKeys` writes them.
    public var json: String {
        var out = #"{"response_type":""# + responseType.rawValue + #"""#
        if let skipSlackParsing { out += #","skip_slack_parsing":"# + (skipSlackParsing ? "true" : "false") }
        out += #","text":"#
        JSONString.append(text, to: &out)
        out += "}"
        return out
    }
}

/// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped, everything else as is.
public enum JSONString {
    public static func append(_ text: String, to out: inout String) {
        var text = text
        // Runs that need no escape are copied whole: byte-by-byte appends to an array were a sixth of a `help`
        // request's time, its reply being a few kilobytes.
        let literal = text.withUTF8 { source in
            String(unsafeUninitializedCapacity: source.count * 6 + 2) { output in
                var count = 0
                func write(_ byte: UInt8) {
                    output[count] = byte
                    count += 1
                }
                func copy(_ range: Range<Int>) {
                    guard !range.isEmpty else { return }
                    _ = UnsafeMutableBufferPointer(rebasing: output[count..<(count + range.count)]).initialize(from: source[range])
                    count += range.count
                }
                write(UInt8(ascii: "\""))
                var run = 0
                for index in 0..<source.count {
                    let byte = source[index]
                    guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                    copy(run..<index)
                    run = index + 1
                    write(UInt8(ascii: "\\"))
                    if let letter = shortEscape(byte) {
                        write(letter)
                    } else {
                        for byte in "u00".utf8 { write(byte) }
                        write(hex[Int(byte >> 4)])
                        write(hex[Int(byte & 0xF)])
                    }
                }
                copy(run..<source.count)
                write(UInt8(ascii: "\""))
                return count
            }
        }
        out += literal
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// The letter after the backslash for characters JSON escapes with one.
    private static func shortEscape(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte
        case 0x0A: UInt8(ascii: "n")
        case 0x0D: UInt8(ascii: "r")
        case 0x09: UInt8(ascii: "t")
        case 0x08: UInt8(ascii: "b")
        case 0x0C: UInt8(ascii: "f")
        default: nil
        }
    }
}
