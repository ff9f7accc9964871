import KlaxonCore
import KlaxonSlack
import Testing

@Suite struct SlackAppManifestTests {
    @Test(arguments: [
        ("https://ops.example.org", "https://ops.example.org/slack/commands"),
        ("https://ops.example.org/", "https://ops.example.org/slack/commands"),
        ("https://ops.example.org:8443", "https://ops.example.org:8443/slack/commands"),
        ("https://ops.example.org/klaxon/slack/commands", "https://ops.example.org/klaxon/slack/commands"),
    ])
    func anAddressBecomesTheCommandURL(address: String, expected: String) throws {
        #expect(try SlackAppManifest.commandURL(from: address) == expected)
    }

    @Test(arguments: ["http://ops.example.org", "ops.example.org", "", "https://"])
    func onlyHTTPSAddressesAreAccepted(_ address: String) {
        #expect(throws: SlackAppManifest.AddressError.self) {
            try SlackAppManifest.commandURL(from: address)
        }
    }

    @Test func theManifestCarriesTheURLAndEveryCommand() {
        let yaml = SlackAppManifest.yaml(url: "https://ops.example.org/slack/commands")
        #expect(yaml.contains(#"url: "https://ops.example.org/slack/commands""#))
        #expect(yaml.contains("should_escape: true"))
        for spec in CommandCatalogue.all where spec.name != "declare" {
            #expect(yaml.contains(" · \(spec.name)"))
        }
        #expect(yaml.contains(#"usage_hint: "p0|p1|p2|p3 <title> · "#))
    }

    @Test func quotedValuesEscapeQuotesAndBackslashes() {
        let yaml = SlackAppManifest.yaml(url: #"https://h/"x"\y"#)
        #expect(yaml.contains(#"url: "https://h/\"x\"\\y""#))
    }
}
