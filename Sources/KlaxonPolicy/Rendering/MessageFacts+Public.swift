import Foundation
import KlaxonCore

extension MessageFacts {
    /// The fields of an event about the public status page, for its announcement and the timeline.
    func publicEvent(_ change: IncidentChange) -> [String: Any] {
        switch change {
        case .madePublic(let title):
            return title.map { ["publicTitle": $0] } ?? [:]
        case .publicUpdatePosted(let status, let text):
            return ["text": text, "to": status.title]
        case .etaSet(let at):
            return at.map { ["eta": TimeText.dateTime($0)] } ?? [:]
        case .componentsAffected(let affected):
            let names = affected.map { component in
                let name = policy.statusPageSettings.components.first { $0.id == component.id }?.name ?? component.id
                return "\(name) (\(component.impact.label.lowercased()))"
            }
            return ["components": names.joined(separator: ", ")]
        default:
            return [:]
        }
    }
}
