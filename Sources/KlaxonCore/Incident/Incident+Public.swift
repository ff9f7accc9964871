import Foundation

/// The part of an incident's fold that the public status page reads.
extension Incident {
    mutating func applyPublic(_ event: IncidentEvent, sequence: Int) {
        switch event.change {
        case .madePublic(let title):
            // Retitled on the page: every feed entry of the incident shows the title, so each is modified then.
            if publicFacing, let title, title != (publicTitle ?? self.title) { publicTitledAt = event.at }
            publicTitle = title ?? publicTitle
            publicFacing = true
            publish(at: event.at, sequence: sequence)
        case .madePrivate:
            publicFacing = false
            publicChangedAt = event.at
            // The Statuspage id stays until its copy is deleted there (`statuspageUnlinked`): the send that deletes
            // it needs it.
        case .statuspageLinked(let id):
            statuspageIncident = id
        case .statuspageUnlinked(let id):
            if statuspageIncident == id { statuspageIncident = nil }
        case .publicUpdatePosted(let status, let text):
            told(PublicUpdate(sequence: sequence, at: event.at, status: status, text: text))
        case .etaSet(let at):
            eta = at
            etaOverdue = false
            publicChangedAt = event.at
        case .componentsAffected(let affected):
            for component in affected {
                components[component.id] = component.impact
                if component.impact != .operational { everAffected.insert(component.id) }
            }
            publicChangedAt = event.at
        case .customersNotified:
            customersNotifiedAt = event.at
        default:
            break
        }
    }

    /// Made public: the page shows it from now on, with the status's default text until there is an update.
    mutating func publish(at time: Date, sequence: Int) {
        publicChangedAt = time
        if publicUpdates.isEmpty { publicUpdates.append(PublicUpdate(sequence: sequence, at: time, status: status, text: nil)) }
    }

    /// Adds what customers were told. A text given with a status change (`status … --public <note>`) takes the place
    /// of that change's default text, so one command makes one entry.
    mutating func told(_ update: PublicUpdate) {
        publicChangedAt = update.at
        if let last = publicUpdates.last, last.text == nil, update.text != nil, last.status == update.status, last.at == update.at {
            publicUpdates[publicUpdates.count - 1] = PublicUpdate(sequence: last.sequence, at: last.at, status: last.status, text: update.text)
        } else {
            publicUpdates.append(update)
        }
    }
}
