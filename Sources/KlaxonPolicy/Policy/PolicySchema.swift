import KlaxonCore
import Yams

/// The keys a policy file may use, so a misspelt setting (`update_evry`) is an error, not a silently ignored line.
enum PolicySchema {
    /// What a node may contain: named keys (each with its own shape), any keys of one shape, a list, or a value.
    indirect enum Shape: Sendable {
        case keys([String: Shape])
        /// `noun` names what the keys are in an error ("unknown role `ctoo`").
        case anyKey(Shape, allowed: [String]? = nil, noun: String = "key")
        case list(Shape)
        case value
    }

    static let policy: Shape = .keys([
        "version": .value, "roles": .anyKey(.value), "status_page": .value, "on_call_role": .value,
        "limits": .keys(["title": .value, "text": .value]),
        "alerts": .keys([
            "severity_label": .value, "severities": .anyKey(.value), "default_severity": .value, "title_annotation": .value,
            "public_label": .value, "kind_label": .value, "auto_resolve": .value,
            "mode": .anyKey(.value, allowed: Severity.allCases.map(\.rawValue)),
        ]),
        "public_status": .keys([
            "name": .value, "time_zone": .value, "recent_days": .value, "history_days": .value, "team_email": .value, "customers": .value,
            "url": .value, "statuspage_components": .anyKey(.value),
            "components": .list(.keys(["id": .value, "name": .value, "group": .value])),
        ]),
        "severities": .anyKey(severity, allowed: Severity.allCases.map(\.rawValue)),
        "checklists": .keys(["declare": checklist, "resolution": checklist]),
        "escalations": .list(.keys([
            "id": .value, "after": .value, "notify": .value, "prompts": .value, "via": .value, "offer": .value,
            "when": .keys(["severity": .value, "kind": .value, "public_facing": .value]),
        ])),
        "templates": .anyKey(.value, allowed: MessageKind.allCases.map(\.rawValue)),
        "runbooks": .list(.keys([
            "id": .value, "title": .value, "aliases": .value, "symptoms": .value, "steps": .value, "root_cause": .value, "prevention": .value,
        ])),
    ])

    static let severity: Shape = .keys([
        "name": .value, "label": .value, "headline": .value, "meaning": .value, "examples": .value, "response": .value,
        "ping_channel": .value, "update_every": .value, "updates_only_when_public": .value, "recovery_target": .value,
        "commander_within": .value, "fallback_after": .value, "file_ticket": .value,
        "review": .keys(["requirement": .value, "within": .value, "description": .value, "remind_after": .value, "remind_every": .value, "report": .value, "attendees": .value]),
        "update_templates": .list(.keys(["at": .value, "message": .value])),
    ])

    static let checklist: Shape = .keys([
        "title": .value, "severities": .value, "due_after": .value,
        "items": .list(.keys(["id": .value, "text": .value, "owner": .value, "done_when": .value])),
    ])

    /// A people file: contacts by role, for the roles the policy declares.
    static func people(roles: [String]) -> Shape {
        .anyKey(.keys(["slack": .value, "discord": .value, "mattermost": .value, "email": .value]), allowed: roles, noun: "role")
    }

    /// Every key the file has that the schema doesn't know, with its line and a suggestion.
    static func unknownKeys(in node: Node, against shape: Shape = policy) -> [(line: Int?, message: String)] {
        check(node, against: shape, path: [])
    }

    private static func check(_ node: Node, against shape: Shape, path: [String]) -> [(line: Int?, message: String)] {
        switch (shape, node) {
        case (.keys(let known), .mapping(let mapping)):
            return mapping.flatMap { key, value -> [(line: Int?, message: String)] in
                let name = key.string ?? ""
                guard let inner = known[name] else { return [unknown(name, at: key, path: path, choices: Array(known.keys))] }
                return check(value, against: inner, path: path + [name])
            }
        case (.anyKey(let inner, let allowed, let noun), .mapping(let mapping)):
            return mapping.flatMap { key, value -> [(line: Int?, message: String)] in
                let name = key.string ?? ""
                if let allowed, !allowed.contains(name) { return [unknown(name, at: key, path: path, choices: allowed, noun: noun)] }
                return check(value, against: inner, path: path + [name])
            }
        case (.list(let inner), .sequence(let sequence)):
            return sequence.enumerated().flatMap { index, item in check(item, against: inner, path: path + [String(index)]) }
        default:
            // Wrong shapes are the decoder's to report, with its own message.
            return []
        }
    }

    private static func unknown(_ name: String, at key: Node, path: [String], choices: [String], noun: String = "key") -> (line: Int?, message: String) {
        let place = path.isEmpty ? "" : " in `\(path.joined(separator: "."))`"
        let suggestion = choices.min { distance(name, $0) < distance(name, $1) }.flatMap { distance(name, $0) <= 3 ? $0 : nil }
        let hint = suggestion.map { "; did you mean `\($0)`?" } ?? "; known: \(choices.sorted().joined(separator: ", "))"
        return (key.mark?.line, "unknown \(noun) `\(name)`\(place)\(hint)")
    }

    /// Edit distance, for "did you mean".
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
