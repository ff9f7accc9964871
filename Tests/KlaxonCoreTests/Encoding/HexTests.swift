import KlaxonCore
import Testing

@Suite struct HexTests {
    @Test("Hex digits of either case decode to their bytes; anything else is refused", arguments: [
        ("", [] as [UInt8]?),
        ("00ff10", [0x00, 0xFF, 0x10]),
        ("DEADbeef", [0xDE, 0xAD, 0xBE, 0xEF]),
        ("abc", nil),
        ("0g", nil),
        ("é1", nil),
        // Even in bytes, so refused for not being hex digits rather than for its length.
        ("éé", nil),
        (" 01", nil),
    ] as [(String, [UInt8]?)])
    func hexDigitsDecodeToTheirBytes(text: String, bytes: [UInt8]?) {
        #expect(Hex.bytes(text) == bytes)
        // A substring, as a signature's digits after `v0=` are, decodes alike.
        #expect(Hex.bytes(("v0=" + text).dropFirst(3)) == bytes)
    }
}
