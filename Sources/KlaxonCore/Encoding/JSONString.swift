/// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped, everything else as is.
/// `escapingSlashes` escapes `/` too, as Foundation's `JSONEncoder` does unless told not to.
public enum JSONString {
    public static func append(_ text: String, to out: inout String, escapingSlashes: Bool = false) {
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
                    guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || (escapingSlashes && byte == UInt8(ascii: "/")) else {
                        continue
                    }
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
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): byte
        case 0x0A: UInt8(ascii: "n")
        case 0x0D: UInt8(ascii: "r")
        case 0x09: UInt8(ascii: "t")
        case 0x08: UInt8(ascii: "b")
        case 0x0C: UInt8(ascii: "f")
        default: nil
        }
    }
}
