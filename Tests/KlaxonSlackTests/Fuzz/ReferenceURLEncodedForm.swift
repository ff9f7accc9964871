import KlaxonCore
@testable import KlaxonSlack

/// The form decoder as it was before it visited fields in place (b6bc4ea): one pass over the bytes into a
/// dictionary. Kept as the reference the fuzz test holds the faster decoder to, field for field and error for error.
enum ReferenceURLEncodedForm {
    static func fields(_ body: [UInt8]) -> Result<[String: String], SlackCommandRequest.Failure> {
        body.withUnsafeBufferPointer { fields(in: $0) }
    }

    private static func fields(in bytes: UnsafeBufferPointer<UInt8>) -> Result<[String: String], SlackCommandRequest.Failure> {
        // Slack sends about a dozen fields.
        var fields: [String: String] = Dictionary(minimumCapacity: 16)
        var name: String?
        var part: [UInt8] = []
        part.reserveCapacity(64)
        var index = 0
        // One byte past the end stands for a final `&`, so the last field is stored like the others.
        while index <= bytes.count {
            let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "&")
            index += 1
            switch byte {
            case UInt8(ascii: "&"):
                guard let text = text(part) else { return .failure(.notUTF8) }
                if let name {
                    fields[name] = text
                } else if !text.isEmpty {
                    fields[text] = ""
                }
                name = nil
                part.removeAll(keepingCapacity: true)
            case UInt8(ascii: "=") where name == nil:
                guard let text = text(part) else { return .failure(.notUTF8) }
                name = text
                part.removeAll(keepingCapacity: true)
            case UInt8(ascii: "+"):
                part.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index + 1 < bytes.count, let high = Hex.value(bytes[index]), let low = Hex.value(bytes[index + 1]) else {
                    return .failure(.badEscape)
                }
                part.append(high << 4 | low)
                index += 2
            default:
                part.append(byte)
            }
        }
        return .success(fields)
    }

    /// The bytes as text, or `nil` when they are not UTF-8. Decoding repairs what is not UTF-8, so text whose bytes
    /// came through unchanged was valid; `String(validating:as:)` does the same work through generic, unspecialised code.
    private static func text(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        // ASCII, as most of Slack's fields are, is UTF-8: only the rest needs comparing.
        return bytes.allSatisfy({ $0 < 0x80 }) || text.utf8.elementsEqual(bytes) ? text : nil
    }
}
