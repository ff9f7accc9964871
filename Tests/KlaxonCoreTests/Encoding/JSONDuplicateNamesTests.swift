import KlaxonCore
import Testing

@Suite struct JSONDuplicateNamesTests {
    @Test("A name given twice in one object is found with its path; the same name in other objects, in values or in another case is not", arguments: [
        (#"{"severity":"p3","title":"x","severity":"p0"}"#, "severity"),
        (#"{"labels":{"severity":"p3","severity":"p0"}}"#, "labels.severity"),
        (#"{"alerts":[{"fingerprint":"a"},{"fingerprint":"b","fingerprint":"c"}]}"#, "alerts[1].fingerprint"),
        (#"{"a":[[1,2],[{"b":1,"b":2}]]}"#, "a[1][0].b"),
        // Escapes are undone before names are compared: these are the same name.
        (#"{"p\u0030":1,"p0":2}"#, "p0"),
        (#"{"\ud83d\udea8":1,"🚨":2}"#, "🚨"),
        (#" { "a" : 1 , "a" : 2 } "#, "a"),
        (#"{"severity":"p3","title":"severity"}"#, nil),
        (#"{"a":{"b":1},"c":{"b":1}}"#, nil),
        (#"[{"a":1},{"a":1}]"#, nil),
        (#"{"text":"{\"a\":1,\"a\":2}"}"#, nil),
        (#"{"Severity":"p3","severity":"p0"}"#, nil),
        // Not JSON: the decoder's to refuse, not this.
        (#"{"a":1,"a"#, nil),
        ("severity=p3&severity=p0", nil),
    ] as [(String, String?)])
    func aNameGivenTwiceInOneObjectIsFound(json: String, path: String?) {
        #expect(JSONDuplicateNames.first(in: Array(json.utf8)) == path)
    }
}
