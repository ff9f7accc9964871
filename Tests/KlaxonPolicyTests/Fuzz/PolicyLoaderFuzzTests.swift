import Foundation
import KlaxonCore
import KlaxonFuzzSupport
import KlaxonPolicy
import PropertyBased
import Testing

/// Mutated policy files, from the built-in playbook: each loads into a policy that holds together, or is refused
/// with typed errors naming the file; never a trap, now or when the policy is used.
@Suite struct PolicyLoaderFuzzTests {
    static let file = "fuzzed-policy.yml"

    @Test func mutatedPoliciesLoadWholeOrAreRefusedWithTheirProblems() async {
        let lines = DefaultPolicy.yaml.components(separatedBy: "\n")
        await propertyCheck(count: 250, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var mutator = Mutator(seed: seed)
            var edited = lines
            // Line-level edits keep most of the file valid YAML, so the checks past parsing are reached too.
            for _ in 0..<(1 + mutator.below(3)) {
                let at = mutator.below(edited.count)
                switch mutator.below(4) {
                case 0: edited.remove(at: at)
                case 1: edited.insert(edited[mutator.below(edited.count)], at: at)
                case 2: edited[at] = edited[at].replacingOccurrences(of: ": ", with: ": \(mutator.pick(["-1m", "0", "99999999999999999999h", "~", "[]", "{}", "p9", "\"\""])) #")
                default: edited[at] = String(decoding: mutator.mutate(Array(edited[at].utf8), rounds: 2), as: UTF8.self)
                }
            }
            let yaml = edited.joined(separator: "\n")
            let policy: Policy
            do throws(PolicyErrors) {
                policy = try PolicyLoader().load(yaml: yaml, file: Self.file, templates: .defaults)
            } catch {
                #expect(!error.errors.isEmpty)
                #expect(error.errors.allSatisfy { $0.file == Self.file && !$0.problem.isEmpty })
                return
            }
            // A policy that loads has what the rest of Klaxon relies on without checking again.
            for severity in Severity.allCases {
                #expect(policy.severities[severity] != nil)
                if let cadence = policy.severities[severity]?.updateEvery { #expect(cadence.seconds > 0) }
            }
            #expect(policy.textLimits.title > 0 && policy.textLimits.text > 0)
            #expect(throws: Never.self) { try MessageRenderer(policy: policy, templates: .defaults, dialect: PlainTextDialect()) }
        }
    }
}
