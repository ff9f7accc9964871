/// Hexadecimal text to bytes, for keys and signatures in headers and configuration. Inlinable: a request's signature
/// and form are read through these, and unspecialised across modules they cost as much as the HMAC.
public enum Hex {
    /// The bytes of an even-length hex string (either case), or `nil` if it is not one.
    @inlinable public static func bytes(_ text: some StringProtocol) -> [UInt8]? {
        text.utf8.withContiguousStorageIfAvailable { bytes(utf8: $0) } ?? Array(text.utf8).withUnsafeBufferPointer { bytes(utf8: $0) }
    }

    /// The bytes of even-length hex digits (either case), or `nil` if they are not.
    @usableFromInline static func bytes(utf8 digits: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for pair in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[pair]), let low = value(digits[pair + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    /// One hex digit's value.
    @inlinable public static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
