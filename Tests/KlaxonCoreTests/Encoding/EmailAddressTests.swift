import KlaxonCore
import Testing

@Suite struct EmailAddressTests {
    @Test("An address is accepted only when SMTP's envelope and a header can carry it", arguments: [
        ("cto@example.com", true),
        ("first.last+incidents@mail.example.co.uk", true),
        ("klaxon@localhost", true),
        ("k@[10.0.0.5]", true),
        ("cto at example.com", false),
        ("cto@", false),
        ("@example.com", false),
        ("a@b@example.com", false),
        ("cto@example..com", false),
        ("cto@.example.com", false),
        ("CTO <cto@example.com>", false),
        ("cto@example.com,ceo@example.com", false),
        ("cto@exa[mple.com", false),
        ("cto@example.com\r\nBcc: x@example.com", false),
        ("cto\u{7}@example.com", false),
    ])
    func anAddressIsAcceptedOnlyWhenSMTPCanCarryIt(address: String, valid: Bool) {
        #expect(EmailAddress.isValid(address) == valid)
    }
}
