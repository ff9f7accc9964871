import KlaxonCore

/// Decodes an `application/x-www-form-urlencoded` body in one pass over its bytes: `+` and `%XX` are undone as the
/// bytes are read, and each name and value is checked as UTF-8 once, when it ends.
enum URLEncodedForm {
    /// The form's fields; later duplicates win, a field without `=` has an empty value.
    static func fields(_ body: some Sequence<UInt8>) throws(SlackCommandRequest.Failure) -> [String: String] {
        let decoded = body.withContiguousStorageIfAvailable { fields(in: $0) } ?? Array(body).withUnsafeBufferPointer { fields(in: $0) }
        return try decoded.get()
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
