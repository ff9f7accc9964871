import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// A broken policy made by editing the default one, and what the loader must say about it.
struct BrokenPolicy: Sendable, CustomTestStringConvertible {
    let name: String
    /// Text of `DefaultPolicy.yaml` to replace (it must occur exactly once).
    let original: String
    let replacement: String
    /// Text of the edited policy on whose line the problem is reported.
    let marker: String
    /// Words the problem must mention.
    let problem: String

    var testDescription: String { name }

    /// The default policy with the edit made.
    var yaml: String { DefaultPolicy.yaml.replacingOccurrences(of: original, with: replacement) }
}

@Suite("PolicyLoader")
struct PolicyLoaderTests {
    static let file = "broken-policy.yml"

    static let broken: [BrokenPolicy] = [
        .init(name: "text that is not YAML", original: "  cto: CTO\n", replacement: "  cto: CTO\n  - not a role\n",
              marker: "  - not a role", problem: "not valid YAML"),
        .init(name: "a tab in the indentation", original: "  ceo: CEO\n", replacement: "  ceo: CEO\n\tcfo: CFO\n",
              marker: "\tcfo: CFO", problem: "not valid YAML"),
        .init(name: "a key given twice, named without the whole file", original: "    update_every: 30m\n", replacement: "    update_every: 30m\n    update_every: 20m\n",
              marker: "    update_every: 30m", problem: "a key given twice in one mapping: `update_every`"),
        .init(name: "a version this Klaxon does not read", original: "version: 1\n", replacement: "version: 2\n",
              marker: "version: 2", problem: "version 2 is not one this Klaxon reads: 1"),
        .init(name: "a P0 whose cadence was deleted, with its update templates left", original: "    update_every: 15m\n", replacement: "",
              marker: "  p0:", problem: "severity `p0` offers update_templates but has no update_every"),
        .init(name: "a runbook alias that already names another runbook", original: "aliases: [disk, no-space]", replacement: "aliases: [disk, no-space, pool]",
              marker: "aliases: [disk, no-space, pool]", problem: "runbook alias `pool` of `disk-full` already names `connection-pool`"),
        .init(name: "an unknown severity in an escalation rule", original: "when: {severity: [p1]}", replacement: "when: {severity: [p5]}",
              marker: "when: {severity: [p5]}", problem: "`p5` is not one of p0, p1, p2, p3"),
        .init(name: "an unknown kind in an escalation rule", original: "when: {kind: [billing]}", replacement: "when: {kind: [invoices]}",
              marker: "when: {kind: [invoices]}", problem: "`invoices` is not one of general, security, data-breach, billing"),
        .init(name: "a status page in an unknown time zone", original: "  time_zone: UTC\n", replacement: "  time_zone: Mars/Olympus\n",
              marker: "  time_zone: Mars/Olympus", problem: "unknown time zone `Mars/Olympus`"),
        .init(name: "a status page component listed twice", original: "    - {id: email, name: Email}\n",
              replacement: "    - {id: email, name: Email}\n    - {id: email, name: Mail}\n", marker: "  components:", problem: "component id `email` is listed twice"),
        .init(name: "a status page component id with a space", original: "    - {id: email, name: Email}\n",
              replacement: "    - {id: e mail, name: Email}\n", marker: "  components:", problem: "must be lowercase with no spaces or commas"),
        .init(name: "a Statuspage map naming a component the page does not list", original: "public_status:\n  name: Service status\n",
              replacement: "public_status:\n  statuspage_components: {uploads: k2mf8dqxzj1p, billing: 7rcw4d0n9vbs}\n  name: Service status\n",
              marker: "  statuspage_components:", problem: "unknown component `billing`"),
        .init(name: "a negative cadence", original: "update_every: 15m", replacement: "update_every: -15m",
              marker: "update_every: -15m", problem: "update cadence must be positive, not -15m"),
        .init(name: "a zero cadence", original: "update_every: 2h", replacement: "update_every: 0m",
              marker: "update_every: 0m", problem: "update cadence must be positive"),
        .init(name: "a negative recovery target", original: "recovery_target: 4h", replacement: "recovery_target: -4h",
              marker: "recovery_target: -4h", problem: "recovery target must be positive, not -4h"),
        .init(name: "a negative review deadline", original: "within: 24h", replacement: "within: -24h",
              marker: "within: -24h", problem: "review deadline must be positive"),
        .init(name: "a duration that is no duration", original: "update_every: 30m", replacement: "update_every: soon",
              marker: "update_every: soon", problem: "'soon' is not a duration"),
        .init(name: "a negative escalation delay", original: "    after: 1h\n    notify: [ceo]", replacement: "    after: -1h\n    notify: [ceo]",
              marker: "    after: -1h", problem: "escalation `p0-over-one-hour` has a negative delay -1h"),
        .init(name: "a templates entry naming a missing template", original: "  help: help\n", replacement: "  help: no-such-help\n",
              marker: "  help: no-such-help", problem: "missing template `no-such-help` for `help`"),
        .init(name: "an escalation naming an undeclared role", original: "notify: [finance-team, ceo, customer-success]",
              replacement: "notify: [finance-team, ceo, customer-care]", marker: "notify: [finance-team, ceo, customer-care]",
              problem: "escalation `billing` names unknown role `customer-care`"),
        .init(name: "a checklist item owned by an undeclared role", original: "owner: ops-lead\n        done_when: declared",
              replacement: "owner: night-shift\n        done_when: declared", marker: "owner: night-shift", problem: "unknown role `night-shift`"),
        .init(name: "a checklist item ticked by an unknown event", original: "done_when: scope_set", replacement: "done_when: scope_changed",
              marker: "done_when: scope_changed", problem: "unknown event `scope_changed`"),
        .init(name: "a resolution checklist item waiting for the resolution itself", original: "        text: Smoke tests pass\n",
              replacement: "        text: Smoke tests pass\n        done_when: resolved\n", marker: "done_when: resolved",
              problem: "a resolution checklist item cannot wait for `resolved`"),
        .init(name: "a checklist item id used twice", original: "id: monitoring-stable", replacement: "id: multiple-clients",
              marker: "id: multiple-clients\n        text: Monitoring", problem: "checklist item id `multiple-clients` is used twice"),
        .init(name: "a runbook id used twice", original: "id: app-restart", replacement: "id: disk-full",
              marker: "id: disk-full\n    title: App", problem: "runbook id `disk-full` is used twice"),
        .init(name: "a missing severity", original: Self.p3Block, replacement: "",
              marker: "severities:\n  p0:", problem: "severity `p3` is missing"),
        .init(name: "a severity the policy does not know", original: "  p3:\n", replacement: "  p4:\n",
              marker: "  p4:", problem: "unknown key `p4` in `severities`"),
        .init(name: "a severity without its headline", original: "    headline: Service is down\n", replacement: "",
              marker: "  p0:", problem: "`severities.p0.headline` is missing"),
        .init(name: "a negative commander deadline", original: "commander_within: 5m", replacement: "commander_within: -5m",
              marker: "commander_within: -5m", problem: "commander deadline must be positive, not -5m"),
        .init(name: "a zero review reminder delay", original: "remind_after: 2h", replacement: "remind_after: 0m",
              marker: "remind_after: 0m", problem: "review reminder delay must be positive"),
        .init(name: "a negative review reminder interval", original: "remind_every: 4h", replacement: "remind_every: -4h",
              marker: "remind_every: -4h", problem: "review reminder interval must be positive"),
        .init(name: "an update template offered at no time", original: "- at: 60m", replacement: "- at: 0m",
              marker: "at: 0m", problem: "update template time must be positive"),
        .init(name: "an update template that is no message", original: "message: update_60_minutes", replacement: "message: update_90_minutes",
              marker: "message: update_90_minutes", problem: "update_90_minutes"),
        .init(name: "an undeclared on-call role", original: "on_call_role: on-call-lead", replacement: "on_call_role: night-owl",
              marker: "on_call_role: night-owl", problem: "unknown role `night-owl`"),
        .init(name: "a status page out of order", original: "status_page: [investigating, identified, monitoring, resolved]",
              replacement: "status_page: [investigating, monitoring, identified, resolved]", marker: "status_page:", problem: "status_page must be"),
        .init(name: "a title limit of nothing", original: "  title: 300\n", replacement: "  title: 0\n",
              marker: "  title: 0", problem: "the title limit must be at least 1 character, not 0"),
        .init(name: "a misspelt limit", original: "  text: 3000\n", replacement: "  texts: 3000\n",
              marker: "  texts: 3000", problem: "unknown key `texts` in `limits`; did you mean `text`?"),
        .init(name: "a misspelt alert setting", original: "  kind_label: kind\n", replacement: "  kind_lable: kind\n",
              marker: "  kind_lable: kind", problem: "unknown key `kind_lable` in `alerts`; did you mean `kind_label`?"),
        .init(name: "an alert label mapped to no severity", original: "warning: p2, info: p3}", replacement: "warning: p2, info: p4}",
              marker: "info: p4}", problem: "`p4` is not one of p0, p1, p2, p3"),
        .init(name: "an alert mode that is neither declare nor propose", original: "p3: propose}", replacement: "p3: ask}",
              marker: "p3: ask}", problem: "`ask` is not one of declare, propose"),
        .init(name: "an alert mode for a severity that does not exist", original: "p3: propose}", replacement: "p4: propose}",
              marker: "p4: propose}", problem: "unknown key `p4` in `alerts.mode`"),
    ]

    /// The P3 rules, from their key to the end of their review.
    static let p3Block: String = {
        let yaml = DefaultPolicy.yaml
        guard let start = yaml.range(of: "  p3:\n"), let end = yaml.range(of: "description: no review (ticket only)\n") else { return "missing" }
        return String(yaml[start.lowerBound..<end.upperBound])
    }()

    @Test("Each edit the test makes occurs exactly once in the default policy", arguments: broken)
    func eachEditOccursExactlyOnceInTheDefaultPolicy(policy: BrokenPolicy) {
        #expect(DefaultPolicy.yaml.components(separatedBy: policy.original).count == 2)
    }

    @Test("A broken policy is refused with the file, the line of the edit and the problem", arguments: broken)
    func aBrokenPolicyIsRefusedWithTheFileTheLineAndTheProblem(policy: BrokenPolicy) throws {
        let errors = try #require(loadErrors(policy.yaml))
        let expectedLine = try #require(Fixture.line(of: policy.marker, in: policy.yaml))
        #expect(errors.errors.count == 1)
        let error = try #require(errors.errors.first)
        #expect(error.file == Self.file)
        #expect(error.line == expectedLine)
        #expect(error.problem.contains(policy.problem), "\(error.problem)")
        #expect(errors.description.hasPrefix("\(Self.file):\(expectedLine): "))
    }

    @Test("Every problem in a policy is reported at once, each on its own line")
    func everyProblemInAPolicyIsReportedAtOnce() throws {
        let yaml = DefaultPolicy.yaml
            .replacingOccurrences(of: "update_every: 15m", with: "update_every: -15m")
            .replacingOccurrences(of: "notify: [relevant-team, engineering-lead]", with: "notify: [relevant-team, vp-eng]")
        let errors = try #require(loadErrors(yaml))
        #expect(errors.errors.map(\.line) == [Fixture.line(of: "update_every: -15m", in: yaml), Fixture.line(of: "[relevant-team, vp-eng]", in: yaml)])
        #expect(errors.description.split(separator: "\n").count == 2)
    }

    @Test("A template set without a template the policy names is refused at the templates entry")
    func aTemplateSetWithoutANamedTemplateIsRefused() throws {
        var sources = DefaultTemplates.all
        sources["escalation"] = nil
        let errors = try #require(loadErrors(DefaultPolicy.yaml, templates: TemplateSet(sources: sources)))
        #expect(errors.errors == [PolicyError(
            file: Self.file, line: Fixture.line(of: "  escalation: escalation", in: DefaultPolicy.yaml),
            problem: "missing template `escalation` for `escalation` (looked for escalation.mustache)"
        )])
    }

    @Test("The text limits are read from the policy, and either may be left to its default")
    func theTextLimitsAreReadFromThePolicy() throws {
        let loader = PolicyLoader()
        let set = try loader.load(yaml: DefaultPolicy.yaml.replacingOccurrences(of: "  title: 300\n", with: "  title: 120\n"), file: Self.file, templates: .defaults)
        #expect(set.textLimits == TextLimits(title: 120, text: 3000))
        let partial = DefaultPolicy.yaml.replacingOccurrences(of: "  text: 3000\n", with: "")
        #expect(try loader.load(yaml: partial, file: Self.file, templates: .defaults).textLimits == TextLimits(title: 300, text: 3000))
        let none = DefaultPolicy.yaml.replacingOccurrences(of: "limits:\n  title: 300\n  text: 3000\n", with: "")
        #expect(try loader.load(yaml: none, file: Self.file, templates: .defaults).textLimits == .standard)
    }

    @Test("The Statuspage component map is read from the policy, and none is an empty map")
    func theStatuspageComponentMapIsRead() throws {
        let loader = PolicyLoader()
        let yaml = DefaultPolicy.yaml.replacingOccurrences(
            of: "public_status:\n", with: "public_status:\n  statuspage_components: {uploads: k2mf8dqxzj1p, auth: 7rcw4d0n9vbs}\n"
        )
        let policy = try loader.load(yaml: yaml, file: Self.file, templates: .defaults)
        #expect(policy.statusPageSettings.statuspageComponents == ["uploads": "k2mf8dqxzj1p", "auth": "7rcw4d0n9vbs"])
        #expect(try loader.load(yaml: DefaultPolicy.yaml, file: Self.file, templates: .defaults).statusPageSettings.statuspageComponents.isEmpty)
    }

    @Test("The alert rules are read from the policy, each left out one keeps its default, and no section is the defaults")
    func theAlertRulesAreReadFromThePolicy() throws {
        let loader = PolicyLoader()
        #expect(try loader.load(yaml: DefaultPolicy.yaml, file: Self.file, templates: .defaults).alertRules == .standard)
        let edited = DefaultPolicy.yaml
            .replacingOccurrences(of: "  auto_resolve: []\n", with: "  auto_resolve: [p3]\n")
            .replacingOccurrences(of: "  severities: {critical: p0, error: p1, major: p1, warning: p2, info: p3}\n", with: "  severities: {Page: p0}\n")
            .replacingOccurrences(of: "  default_severity: p2\n", with: "")
        let rules = try loader.load(yaml: edited, file: Self.file, templates: .defaults).alertRules
        #expect(rules.autoResolve == [.p3])
        #expect(rules.severities == ["page": .p0])
        #expect(rules.defaultSeverity == AlertPolicy.standard.defaultSeverity)
        #expect(rules.mode == [.p0: .declare, .p1: .declare, .p2: .propose, .p3: .propose])
        let modes = DefaultPolicy.yaml.replacingOccurrences(of: "  mode: {p0: declare, p1: declare, p2: propose, p3: propose}\n", with: "  mode: {p2: declare}\n")
        #expect(try loader.load(yaml: modes, file: Self.file, templates: .defaults).alertRules.mode == [.p0: .declare, .p1: .declare, .p2: .declare, .p3: .propose])
        let none = DefaultPolicy.yaml.components(separatedBy: "\nalerts:\n")[0] + "\n\ntemplates:" + DefaultPolicy.yaml.components(separatedBy: "\ntemplates:")[1]
        let policy = try loader.load(yaml: none, file: Self.file, templates: .defaults)
        #expect(policy.alerts == nil)
        #expect(policy.alertRules == .standard)
    }

    @Test("An empty file is refused without a line")
    func anEmptyFileIsRefusedWithoutALine() throws {
        let errors = try #require(loadErrors(""))
        #expect(errors.errors == [PolicyError(file: Self.file, line: nil, problem: "the file is empty")])
    }

    @Test("Prose instead of a policy is refused on its first line")
    func proseInsteadOfAPolicyIsRefusedOnItsFirstLine() throws {
        let errors = try #require(loadErrors("This is the incident playbook, not a policy."))
        #expect(errors.errors.map(\.line) == [1])
        #expect(errors.errors.map(\.file) == [Self.file])
    }

    @Test("A policy file that is missing, or a directory, is refused naming its path and saying which", arguments: [false, true])
    func aPolicyFileThatCannotBeReadIsRefusedNamingItsPath(directory: Bool) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("klaxon-missing-\(UUID().uuidString)").path
        if directory { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let problem = directory ? "is a directory; give the policy file in it (policy.yml)" : "no such file"
        #expect {
            try PolicyLoader().load(path: path, templates: .defaults)
        } throws: { error in
            (error as? PolicyErrors)?.errors == [PolicyError(file: path, line: nil, problem: problem)]
        }
    }

    @Test("The default policy written to a file loads to the same policy")
    func theDefaultPolicyWrittenToAFileLoadsToTheSamePolicy() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("klaxon-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("policy.yml")
        try DefaultPolicy.yaml.write(to: file, atomically: true, encoding: .utf8)
        #expect(try PolicyLoader().load(path: file.path, templates: .defaults) == Fixture.defaultPolicy())
    }

    @Test("A policy exported before `withdrawn` existed (its templates map without it) still loads, with the built-in template")
    func aPolicyExportedBeforeWithdrawExistedStillLoads() throws {
        let older = DefaultPolicy.yaml.replacingOccurrences(of: "  withdrawn: withdrawn\n", with: "")
        #expect(older != DefaultPolicy.yaml)
        #expect(loadErrors(older) == nil, "\(String(describing: loadErrors(older)))")
        let policy = try PolicyLoader().load(yaml: older, file: Self.file, templates: .defaults)
        #expect(policy.template(for: .withdrawn) == "withdrawn")
    }

    @Test("A problem prints as file, line and problem, or file and problem without a line")
    func aProblemPrintsAsFileLineAndProblem() {
        #expect(PolicyError(file: "policy.yml", line: 12, problem: "bad").description == "policy.yml:12: bad")
        #expect(PolicyError(file: "policy.yml", line: nil, problem: "bad").description == "policy.yml: bad")
    }

    private func loadErrors(_ yaml: String, templates: TemplateSet = .defaults) -> PolicyErrors? {
        do {
            _ = try PolicyLoader().load(yaml: yaml, file: Self.file, templates: templates)
            return nil
        } catch {
            return error
        }
    }
}

@Suite struct PolicyTyposTests {
    @Test func aMisspeltSettingIsRefusedWithItsLineAndASuggestion() throws {
        let yaml = DefaultPolicy.yaml.replacingOccurrences(of: "    update_every: 15m", with: "    update_evry: 15m")
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("update_evry") }.map { $0 + 1 }
        do {
            _ = try PolicyLoader().load(yaml: yaml, file: "typo.yml", templates: .defaults)
            Issue.record("a misspelt key was accepted")
        } catch {
            #expect(error.errors.first?.line == line)
            #expect(error.errors.first?.problem == "unknown key `update_evry` in `severities.p0`; did you mean `update_every`?")
        }
    }
}
