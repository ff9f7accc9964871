import Foundation
import HTTPTypes
import KlaxonAPI
import KlaxonCore

/// The API's view of incidents: the core's states as the types openapi.yaml describes.
enum APIRepresentation {
    static func summary(_ incident: Incident) -> Components.Schemas.IncidentSummary {
        Components.Schemas.IncidentSummary(
            id: incident.id.rawValue, title: incident.title, severity: severity(incident.severity),
            kind: Components.Schemas.Kind(rawValue: incident.kind.rawValue) ?? .general,
            status: Components.Schemas.Status(rawValue: incident.status.rawValue) ?? .investigating,
            publicFacing: incident.publicFacing, declaredAt: incident.declaredAt,
            declaredBy: incident.declaredBy?.description ?? "klaxon", commander: incident.commander?.description,
            resolvedAt: incident.resolvedAt, withdrawal: incident.withdrawal
        )
    }

    /// An incident with its checklists and what the playbook will do next, and when.
    static func detail(_ incident: Incident, policy: Policy) -> Components.Schemas.Incident {
        let checklists = [("declare", policy.checklists.declare), ("resolution", policy.checklists.resolution)]
            .filter { $0.1.severities.contains(incident.severity) }
            .map { name, list in
                Components.Schemas.Checklist(name: name, title: list.title, items: list.items.map { item in
                    Components.Schemas.ChecklistItem(id: item.id, text: item.text, done: incident.isDone(item, in: name))
                })
            }
        let due = Timekeeper(policy: policy).pending(incident).sorted { $0.at < $1.at }.map { pending in
            Components.Schemas.Due(what: pending.timer.metricKind, at: pending.at)
        }
        let alerts = incident.alertOrigin.map { origin in
            Components.Schemas.AlertInfo(
                source: origin.source == .grafana ? .grafana : .alertmanager, groupKey: origin.key.rawValue,
                firing: incident.firingAlerts.map(\.line), link: origin.link
            )
        }
        return Components.Schemas.Incident(
            incident: summary(incident), scope: incident.scope, lastUpdate: incident.lastUpdateText, resolution: incident.resolution,
            checklists: checklists, due: due, alerts: alerts
        )
    }

    static func timeline(_ incident: Incident) -> Components.Schemas.Timeline {
        Components.Schemas.Timeline(entries: incident.timeline.enumerated().map { offset, event in
            Components.Schemas.TimelineEntry(sequence: offset + 1, at: event.at, actor: event.actor?.description, event: event.change.name)
        })
    }

    static func severity(_ severity: Severity) -> Components.Schemas.Severity {
        Components.Schemas.Severity(rawValue: severity.rawValue) ?? .p3
    }

    static func problem(_ status: HTTPResponse.Status, _ detail: String) -> Components.Schemas.Problem {
        Components.Schemas.Problem(_type: "about:blank", title: status.reasonPhrase, status: status.code, detail: detail)
    }
}
