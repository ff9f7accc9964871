import HTTPTypes
import Testing

@testable import KlaxonServer

@Suite struct HTTPFieldsValueTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let fields: [HTTPField]
        let expected: String?
        let testDescription: String
    }

    @Test(arguments: [
        Row(fields: [], expected: nil, testDescription: "a field not sent reads as nil"),
        Row(fields: [HTTPField(name: .contentLength, value: "12")], expected: nil, testDescription: "another field does not answer for it"),
        Row(
            fields: [HTTPField(name: .contentLength, value: "12"), HTTPField(name: .slackSignature, value: "v0=ab")], expected: "v0=ab",
            testDescription: "a field sent once reads as its value"
        ),
        Row(
            fields: [HTTPField(name: HTTPField.Name("x-slack-signature")!, value: "v0=ab")], expected: "v0=ab",
            testDescription: "names match whatever their case"
        ),
        Row(
            fields: [HTTPField(name: .slackSignature, value: "v0=ab"), HTTPField(name: .slackSignature, value: "v0=cd")], expected: "v0=ab, v0=cd",
            testDescription: "a field sent twice reads as both values joined, so a signature sent twice matches no signature"
        ),
    ])
    func aFieldReadsAsTheSubscriptReadsIt(_ row: Row) {
        let fields = HTTPFields(row.fields)
        #expect(fields.value(.slackSignature) == row.expected)
        #expect(fields.value(.slackSignature) == fields[.slackSignature])
    }
}
