import Foundation
import KlaxonFuzzSupport
import PropertyBased
import Testing

@testable import KlaxonSlack

/// The form decoder that visits fields in place decodes every mutated body as the one-pass decoder before it did: the
/// same fields, or the same error.
@Suite struct URLEncodedFormFuzzTests {
    @Test func mutatedBodiesDecodeAsTheReferenceDecoderDecodesThem() async {
        await propertyCheck(count: 2000, input: Gen.uint64(in: 0...UInt64.max), Gen<String?>.element(of: SlashCommandFormFuzzTests.seeds)) { seed, body in
            var mutator = Mutator(seed: seed)
            let bytes = mutator.mutate(Array((body ?? "").utf8), rounds: 6)
            let decoded: Result<[String: String], SlackCommandRequest.Failure>
            do throws(SlackCommandRequest.Failure) {
                decoded = .success(try URLEncodedForm.fields(bytes))
            } catch {
                decoded = .failure(error)
            }
            #expect(decoded == ReferenceURLEncodedForm.fields(bytes), "\(bytes)")
        }
    }
}
