import Foundation

/// Why a command was refused. Each case has a message for the person who typed it; nothing is recorded.
public enum CommandRejection: Error, Equatable, Sendable {
    case empty
    case unknownCommand(String)
    case missingArgument(command: String, what: String)
    case invalidValue(command: String, value: String, expected: String)
    /// Options given together that ask for two different things (`done` and `text` of `action`).
    case conflictingOptions(command: String, with: String, others: [String])
    /// An `#id` after a command's arguments with none before them: it would have been read as text about the
    /// channel's incident, so the command would have changed another incident than the one meant.
    case lateIncidentID(String, command: String)
    /// A word where a flag stands that looks like the flag mistyped (`--pubic`).
    case mistypedFlag(String, flag: String)
    /// A person typed as a plain `@name` on Slack, which turns everyone it knows into a mention: nobody by that name,
    /// so nudges naming them would reach no one.
    case unknownPerson(String, command: String)
    /// `reopen` or `review done` without an id just after the same was done here: the same command typed twice.
    case repeatedCommand(IncidentID, done: String, minutesAgo: Int, other: IncidentID, example: String)
    /// A number where an incident is expected, without its `#` (`reopen 21 …`).
    case bareIncidentNumber(String, command: String)
    /// A text that starts with the number of another incident than the channel's (`resolve 11 …` where #12 is open).
    case numberBeforeText(Int, command: String, here: IncidentID)
    /// An incident (`#3`) with no command that takes one after it.
    case commandNeeded(String)
    case noOpenIncident
    case ambiguousIncident([IncidentSummary], command: String = "update")
    case incidentNotFound(IncidentID)
    /// The incident's stored history cannot be read (quarantined); an operator repairs it.
    case incidentUnreadable(IncidentID)
    case incidentResolved(IncidentID, reviewClosed: Bool = false)
    /// A declaration of the title of an incident declared in the same channel minutes ago and still open.
    /// `raiseTo`: the severity asked for, when more severe; `makePublic`: `--public` was asked for and it is not.
    /// The same title declared within minutes, anywhere: `elsewhere` is the channel it was declared in when not this one.
    case alreadyDeclared(IncidentSummary, minutesAgo: Int, raiseTo: Severity?, makePublic: Bool, elsewhere: ChannelRef? = nil)
    /// `reopen` without `#id` where no incident resolved here can be reopened.
    case nothingToReopen
    /// `reopen` after the incident's review closed: its facts are final.
    case reopenAfterReview(IncidentID)
    /// The incident was withdrawn as declared by mistake: it stays closed.
    case incidentWithdrawn(IncidentID)
    /// `reopen` more than `days` after the resolution.
    case reopenTooLate(IncidentID, days: Int)
    /// `reopen` of an incident opened by alerts whose group has a newer incident open.
    case alertsReopenedAs(IncidentID, newer: IncidentID)
    case alreadyResolved(IncidentID)
    case unchanged(IncidentID, what: String)
    case downgradeNeedsReason(IncidentID, from: Severity, to: Severity)
    case resolutionChecklistIncomplete(IncidentID, missing: [String])
    case forceNeedsReason
    /// `review done --force` without a reason.
    case reviewForceNeedsReason
    /// The review is closed: the incident's facts are final.
    case reviewClosed(IncidentID)
    /// A review can only be closed once the incident is resolved.
    case reviewBeforeResolution(IncidentID)
    /// The policy asks for a cause and an action item before this severity's review can close.
    case reviewIncomplete(IncidentID, missing: [String])
    case unknownActionItem(IncidentID, number: Int)
    case actionAlreadyDone(IncidentID, number: Int)
    /// A milestone in the future, or one that contradicts another.
    case implausibleMilestone(IncidentID, reason: String)
    /// An action item due before today: a mistyped year, most likely (`due:2025-…` for 2026).
    case actionDueInPast(IncidentID, due: CalendarDay, today: CalendarDay)
    case unknownChecklistItem(String, available: [String])
    /// The incident's severity has no checklist at all, so there is nothing to tick.
    case noChecklist(IncidentID, Severity)
    case alreadyChecked(IncidentID, item: String)
    /// `uncheck` of an item nobody ticked by hand: open, done by its event, or no item at all.
    case notTickedByHand(IncidentID, item: String, why: NoTick = .doneByItsEvent)
    /// A checklist item that is done when an event happens (its `done_when`), ticked by hand before it has.
    case doneByItsEvent(IncidentID, item: String, trigger: ChecklistTrigger)
    case unknownRunbook(String, available: [String])
    /// No alert proposal has this id.
    case unknownProposal(AlertProposalID)
    /// Someone accepted the proposal already: this incident was declared from it.
    case proposalAccepted(AlertProposalID, IncidentID)
    /// The proposal's alerts resolved before anyone accepted it.
    case proposalWithdrawn(AlertProposalID)
    case noReviewNeeded(IncidentID, Severity)
    /// A review scheduled at a time already past (`2025-01-01 10:00`): a slip that would stop the reminders.
    case reviewTimePassed(IncidentID, when: String)
    /// Something for customers (a public update, a status note, the customer email, named by its command) about an
    /// incident that is not on the status page.
    case notPublic(IncidentID, command: String)
    /// A component the policy's status page does not list.
    case unknownComponent(String, available: [String])
    /// Customers were emailed about the incident already, at this time: a second email needs `--again`.
    case customersAlreadyNotified(IncidentID, at: Date)
    /// Text for the status page (a public update or status note, or the title it would show) that mentions people,
    /// groups or channels, named as a person reads them.
    case mentionsOnStatusPage([String], in: PublicText)
    /// An ETA typed as a day and time that has already passed.
    case etaPassed(IncidentID, at: Date)
    /// An ETA more than 30 days ahead: a slip of the keyboard more likely than an estimate.
    case etaTooFar(IncidentID, at: Date)
    /// An ETA typed as a time of day already past today, which would be tomorrow's more than half a day ahead.
    case etaClockPassed(IncidentID, at: Date)
    /// The policy names no role to email customers at (`public_status.customers`).
    case noCustomerRole
    /// The customers role has no email address, or email is not configured.
    case cannotEmail(role: String)
    /// No SMTP is configured, so no email can be sent at all.
    case emailNotConfigured
    /// A title over the policy's limit.
    case titleTooLong(length: Int, limit: Int)
    /// A text over the policy's limit; `what` names it for the reply ("the update", "the note").
    case textTooLong(what: String, length: Int, limit: Int)
    /// A text holding a control character (a NUL, a bell, or a line break in a title), which chat and the status page
    /// would show as garbage or not at all; `what` names it ("the title", "the update"), `scalar` is the first one.
    case controlCharacter(what: String, scalar: UInt32)

    /// The reply for the person who typed the command.
    public var message: String {
        switch self {
        case .empty:
            "Tell me what to do: `/incident p0 <title>` declares an incident, `/incident help` lists everything."
        case .unknownCommand(let word):
            "I don't know `\(word)`." + Self.didYouMean(word) + " Try `/incident help`, or declare with `/incident p0|p1|p2|p3 <title>`."
        case .missingArgument(let command, let what):
            "`\(command)` needs \(what). Usage: `\(CommandCatalogue.spec(named: command)?.usage ?? "/incident help")`"
        case .invalidValue(let command, let value, let expected):
            "`\(value)` isn't \(expected). Usage: `\(CommandCatalogue.spec(named: command)?.usage ?? "/incident help")`"
        case .conflictingOptions(let command, let with, let others):
            "`\(command)` with `\(with)` takes no " + others.map { "`\($0)`" }.joined(separator: ", ")
                + ": they ask for different things. Nothing was changed; send one or the other."
        case .bareIncidentNumber(let number, let command):
            "If you mean incident #\(number), write it with `#`: `/incident \(command) #\(number) …`. Nothing was changed."
        case .numberBeforeText(let number, let command, let here):
            "Incident #\(number) exists, and this would have gone to \(here), the incident in this channel. If you mean #\(number), write "
                + "`/incident \(command) #\(number) …`; to start the text about \(here) with \(number), name it first: `/incident \(command) \(here) \(number) …`. Nothing was changed."
        case .repeatedCommand(let id, let done, let minutes, let other, let example):
            "\(id) \(done) \(minutes < 1 ? "less than a minute" : minutes == 1 ? "a minute" : "\(minutes) minutes") ago, by this command or one just "
                + "like it, so nothing was changed. If you mean \(other), name it: `\(example)`."
        case .mistypedFlag(let word, let flag):
            "`\(word)` looks like `\(flag)` mistyped. Nothing was recorded: send the command again with `\(flag)`, or without it."
        case .unknownPerson(let name, let command):
            "Slack doesn't know `@\(name)` as anyone here, so they would never be pinged. Nothing was recorded: type `@` and pick "
                + "them from the list Slack offers (`/incident \(command) @…`), or use `me`."
        case .lateIncidentID(let word, let command):
            "Name the incident right after the command, as in `/incident \(command) \(word) …`: after the arguments, `\(word)` "
                + "would be read as text about this channel's incident. Nothing was changed. (Text that starts with `\(word)` "
                + "can follow once the incident is named first.)"
        case .notTickedByHand(let id, let item, .doneByItsEvent):
            "“\(item)” was not ticked by hand on \(id), so there is no tick to take back (an item done by an event follows the event). Nothing was changed."
        case .notTickedByHand(let id, let item, .open):
            "“\(item)” is not ticked on \(id), so there is no tick to take back. Nothing was changed."
        case .notTickedByHand(let id, let item, .noSuchItem):
            "No checklist item matches `\(item)`, and nothing on \(id) was ticked by hand, so there is no tick to take back. Nothing was changed."
        case .commandNeeded(let id):
            "`\(id)` names an incident: say what to do with it, like `/incident show \(id)` or `/incident note \(id) <text>` (`/incident help` lists the commands)."
        case .noOpenIncident:
            "There is no open incident in this channel. Name one with `#id` (see `/incident list`) or declare one with `/incident p0 <title>`."
        case .ambiguousIncident(let open, let command):
            // `reopen` chooses among incidents resolved here; review commands may too, the others among open ones.
            "Several incidents \(command == "reopen" ? "resolved here could be reopened" : open.allSatisfy(\.isOpen) ? "are open here" : "here could be meant"); say which with `#id`, for example `\(Self.example(command, id: open.first?.id ?? IncidentID(1)))`:\n"
                + open.prefix(Self.listed).map { "• \($0.id) \($0.severity.label) \($0.title)" }.joined(separator: "\n")
                // Hundreds of open incidents must not make a refusal as long as a list.
                + (open.count > Self.listed ? "\n… and \(open.count - Self.listed) more: `/incident list` shows them all" : "")
        case .incidentNotFound(let id):
            "There is no incident \(id). `/incident list` shows the open ones."
        case .incidentUnreadable(let id):
            "Incident \(id) cannot be read right now: part of its stored history is damaged. Nothing was recorded; an operator can see why with `klaxon doctor`."
        case .alreadyDeclared(let earlier, let minutes, let raiseTo, let makePublic, let elsewhere):
            "\(earlier.id) \(earlier.severity.label) “\(earlier.title)” was declared \(Self.place(elsewhere)) \(minutes < 1 ? "less than a minute" : minutes == 1 ? "a minute" : "\(minutes) minutes") ago "
                + "and is still open, so nothing new was declared. Work there: `/incident update \(earlier.id) <text>`"
                + (raiseTo.map { "; to raise it, `/incident severity \(earlier.id) \($0.rawValue)`" } ?? "")
                + (makePublic ? "; to put it on the status page, `/incident public \(earlier.id)`" : "")
                + ". If this is a separate incident, declare it with a title of its own."
        case .incidentResolved(let id, true):
            // Its review is closed: reopening is refused too, so it is not offered.
            "Incident \(id) is resolved and its review closed; `/incident note \(id) <text>` still adds to its timeline. "
                + "If the problem is back, declare a new incident and mention \(id) in its title or a note."
        case .incidentResolved(let id, false):
            "Incident \(id) is already resolved; `/incident note \(id) <text>` still adds to its timeline, "
                + "and if the problem came back, `/incident reopen \(id) <what came back>` opens it again (within a week, before its review is closed)."
        case .nothingToReopen:
            "No incident resolved in this channel in the last week can be reopened (one whose review is closed stays resolved); "
                + "say which to reopen by its number: `/incident reopen #<number> <what came back>`."
        case .incidentWithdrawn(let id):
            "\(id) was withdrawn as declared by mistake, so it stays closed. If something is wrong after all, declare a new incident; "
                + "`/incident note \(id) <text>` still adds to its timeline."
        case .reopenAfterReview(let id):
            "The review of \(id) is closed, so it stays resolved; declare a new incident and mention \(id) in its title or a note."
        case .alertsReopenedAs(let id, let newer):
            "The alerts of \(id) came back as \(newer), which is open: work there (`/incident note \(newer) <text>`), or resolve it first."
        case .reopenTooLate(let id, let days):
            "\(id) was resolved more than \(days) days ago, so it stays resolved; declare a new incident and mention \(id) in its title or a note."
        case .alreadyResolved(let id):
            "Incident \(id) is already resolved."
        case .unchanged(let id, let what):
            "Incident \(id) \(what) already."
        case .downgradeNeedsReason(let id, let from, let to):
            "Downgrading \(id) from \(from.label) to \(to.label) needs a reason: `/incident severity \(id) \(to.rawValue) <reason>`."
        case .resolutionChecklistIncomplete(let id, let missing):
            "Before resolving \(id), verify the fix is real. Still open:\n"
                + missing.map { "• \($0)" }.joined(separator: "\n")
                + "\nTick them with `/incident check \(id) <item>`, or resolve anyway with `/incident resolve \(id) <summary> --force <reason>`."
        case .forceNeedsReason:
            "`--force` needs a reason after it, which goes in the timeline: `/incident resolve <summary> --force <reason>`."
        case .reviewForceNeedsReason:
            "`--force` needs a reason after it, which goes in the timeline: `/incident review done --force <reason>`."
        case .reviewClosed(let id):
            "The review of \(id) is closed, so its facts are final; `/incident note \(id) <text>` still adds to its timeline, "
                + "and `/incident action \(id) done <n>` still marks an action item done."
        case .reviewBeforeResolution(let id):
            "\(id) is still open: resolve it first (`/incident resolve \(id) <summary>`); its review is scheduled and closed after that."
        case .reviewIncomplete(let id, let missing):
            "The review of \(id) can't close yet. Still missing:\n" + missing.map { "• \($0)" }.joined(separator: "\n")
                + "\nAdd them, or close anyway with `/incident review \(id) done --force <reason>`."
        case .unknownActionItem(let id, let number):
            "\(id) has no action item \(number). `/incident actions \(id)` lists them."
        case .actionAlreadyDone(let id, let number):
            "Action item \(number) of \(id) is already done."
        case .implausibleMilestone(let id, let reason):
            "That time doesn't fit \(id): \(reason)."
        case .actionDueInPast(let id, let due, let today):
            "An action item on \(id) due \(due) would be overdue already (today is \(today)): check the date. Nothing was recorded."
        case .unknownChecklistItem(let item, let available) where available.isEmpty:
            "No checklist item matches `\(item)`, and every item on its checklists is already ticked."
        case .unknownChecklistItem(let item, let available):
            "No checklist item matches `\(item)`. Open items: " + available.map { "`\($0)`" }.joined(separator: ", ")
        case .noChecklist(let id, let severity):
            "\(severity.label) incidents have no checklist, so there is nothing to tick on \(id)."
        case .alreadyChecked(let id, let item):
            "`\(item)` is already ticked on \(id)."
        case .noReviewNeeded(let id, let severity):
            "\(severity.label) incidents need no post-incident review, so there is nothing to schedule for \(id)."
        case .reviewTimePassed(let id, let when):
            "`\(when)` has already passed (a date and time without an offset is UTC), so nothing was scheduled for \(id). Give the "
                + "time the review will be held, as in `/incident review \(id) schedule 2026-12-01 10:00 +01:00`, or in words (`tomorrow after standup`)."
        case .notPublic(let id, "notify"):
            "\(id) isn't on the public status page, and customers are only told what it shows. Put it there first with `/incident public \(id) [title for customers]`."
        case .notPublic(let id, let command):
            "\(id) isn't on the public status page. Put it there first with `/incident public \(id) [title for customers]`, or use `\(command)` without `--public`."
        case .customersAlreadyNotified(let id, let at):
            "Customers were already emailed about \(id) at \(Self.utcTime(at)). To send it again: `/incident notify customers \(id) --again` (`--preview` shows it first)."
        case .mentionsOnStatusPage(let mentions, let text):
            Self.onStatusPage(mentions, in: text)
        case .doneByItsEvent(let id, let item, let trigger):
            "“\(item)” is ticked on \(id) when it happens, not by hand: \(trigger.command(on: id)). Nothing was changed."
        case .etaTooFar(let id, let at):
            "An ETA for \(id) is when a fix is expected, and \(Self.utcDateTime(at)) is more than 30 days away. Give a nearer time, or `clear` to show none."
        case .etaClockPassed(let id, let at):
            "\(Self.utcTime(at)) has passed today: as tomorrow's, an ETA for \(id) would be \(Self.utcDateTime(at)), more than 12 hours "
                + "away. For tomorrow, write its date (`\(Self.utcDateTime(at).dropLast(4))`); otherwise give a later time, a span like `30m`, or `clear`."
        case .etaPassed(let id, let at):
            "An ETA for \(id) is when a fix is expected, and \(Self.utcDateTime(at)) has passed. Give a later time, a span like `30m`, or `clear`."
        case .noCustomerRole:
            "The policy names no customers to email: set `customers` under `public_status` to a role, and give that role addresses in the people file."
        case .emailNotConfigured:
            "Nothing was sent: Klaxon has no way to send email here. Configure SMTP (KLAXON_SMTP_URL), then send it again."
        case .cannotEmail(let role):
            "Nothing was sent: `\(role)` has no email address. Give the role a list address in the people file (KLAXON_PEOPLE) and configure SMTP (KLAXON_SMTP_URL)."
        case .unknownComponent(let name, let available):
            "The status page has no component `\(name)`. Components: " + available.map { "`\($0)`" }.joined(separator: ", ")
                // `affects ocr catastrophic`: a mistyped impact reads as a second component.
                + ". An impact, if that is what `\(name)` was, is one of `degraded`, `partial`, `major` or `operational`, after the components."
        case .titleTooLong(let length, let limit):
            "The title is \(length) characters long; a title can be at most \(limit). Keep it to what is broken and put the details in `/incident update` or `/incident scope`."
        case .textTooLong(let what, let length, let limit):
            "\(what.prefix(1).uppercased() + what.dropFirst()) is \(length) characters long; the limit is \(limit). Split it over several commands, or link to a document."
        case .controlCharacter(let what, let scalar):
            "\(what.prefix(1).uppercased() + what.dropFirst()) holds a control character (U+\(String(format: "%04X", scalar)))\(what == "the title" && [0x0A, 0x0D].contains(scalar) ? ", a line break: a title is one line" : ""). Send it without."
        case .unknownProposal(let id):
            "There is no alert proposal \(id). The proposals in the incidents channel give their ids, like `/incident accept a7`."
        case .proposalAccepted(let id, let incident):
            "Alert \(id) was already accepted: it is incident \(incident). See `/incident show \(incident)`."
        case .proposalWithdrawn(let id):
            "Alert \(id) was withdrawn: its alerts resolved before anyone accepted it. If it still needs an incident, declare one with `/incident p2` and a title."
        case .unknownRunbook(let name, let available):
            "No runbook called `\(name)`. Runbooks: " + available.map { "`\($0)`" }.joined(separator: ", ")
        }
    }
}

extension CommandRejection {
    /// How many open incidents a refusal names before counting the rest.
    static let listed = 10

    /// Where an earlier declaration was made: here, or the channel by name and platform.
    private static func place(_ elsewhere: ChannelRef?) -> String {
        guard let elsewhere else { return "in this channel" }
        // Neither has channels: an API client's is its token, an alert's its receiver.
        if elsewhere.platform == .api { return "through the API" }
        if let source = AlertSource(elsewhere.platform) { return "by alerts from \(source.rawValue.capitalized)" }
        let names: [Platform: String] = [.slack: "Slack", .discord: "Discord", .mattermost: "Mattermost"]
        let platform = names[elsewhere.platform] ?? elsewhere.platform.rawValue
        return elsewhere.name.map { "in #\($0) on \(platform)" } ?? "in another \(platform) channel"
    }

    /// What a person writing for customers is told about the mentions in it.
    private static func onStatusPage(_ mentions: [String], in text: PublicText) -> String {
        let named = mentions.count == 1 ? mentions[0] : mentions.dropLast().joined(separator: ", ") + " and " + mentions[mentions.count - 1]
        let what = text == .update ? "Customers would read this on the status page" : "The status page would show this incident's title"
        let remedy = switch text {
        case .update: "write it without them."
        case .title: "give the page a title of its own: `/incident public [#id] <title for customers>`."
        case .declaration: "declare without `--public`, then give the page a title of its own: `/incident public #id <title for customers>`."
        }
        return "\(what), and it mentions \(named): people and channels stay in chat. Nothing was changed; \(remedy)"
    }

    /// Which text for the status page mentioned someone.
    public enum PublicText: Sendable, Equatable {
        /// Text typed for customers now: a public update, status note or public title.
        case update
        /// The title an incident already has, being put on the page.
        case title
        /// The title of an incident being declared public.
        case declaration
    }

    /// `2026-11-30 14:05 UTC`: the core has no time zone of its own to speak in.
    static func utcDateTime(_ date: Date) -> String {
        let day = Calendar.utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d ", day.year ?? 0, day.month ?? 0, day.day ?? 0) + utcTime(date)
    }

    /// `14:05 UTC`.
    static func utcTime(_ date: Date) -> String {
        let minutes = Int(date.timeIntervalSince1970.rounded(.down)) / 60
        let (hour, minute) = ((minutes / 60) % 24, minutes % 60)
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute) UTC"
    }

    /// A malformed incident id, refused with the same words whether it was typed after the command or given as
    /// Discord's `incident` option.
    static func notAnIncidentID(_ value: String, command: String) -> CommandRejection {
        .invalidValue(command: command, value: value, expected: "an incident number like #3")
    }

    /// The command's usage with an incident's id filled in: `/incident commander #3 @user|me`.
    static func example(_ command: String, id: IncidentID) -> String {
        let usage = CommandCatalogue.spec(named: command)?.usage ?? "/incident update [#id] <text>"
        // The example shows how to name an incident: optional flags would only distract from that.
        return usage.replacingOccurrences(of: "[#id]", with: id.description).replacingOccurrences(of: " [--public]", with: "")
    }

    /// " Did you mean `/incident commander`?" for a near miss; nothing otherwise.
    private static func didYouMean(_ word: String) -> String {
        let names = CommandSuggestion.names(for: word).map { "`/incident \($0)`" }
        guard let last = names.last else { return "" }
        return " Did you mean " + (names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " or " + last) + "?"
    }
}

/// A one-line description of an incident, for lists in replies.
public struct IncidentSummary: Equatable, Sendable {
    public let id: IncidentID
    public let severity: Severity
    public let title: String
    /// Whether it is open: review commands choose among incidents resolved here.
    public let isOpen: Bool

    public init(id: IncidentID, severity: Severity, title: String, isOpen: Bool = true) {
        self.id = id
        self.severity = severity
        self.title = title
        self.isOpen = isOpen
    }

    public init(_ incident: Incident) {
        self.init(id: incident.id, severity: incident.severity, title: incident.title, isOpen: incident.isOpen)
    }
}

extension CommandRejection {
    /// Why `uncheck` finds no tick to take back.
    public enum NoTick: Equatable, Sendable {
        /// The item is done by its event (a commander assigned, an update posted), not by a tick.
        case doneByItsEvent
        /// The item is not done at all.
        case open
        /// No item matches what was typed, and nothing was ticked by hand.
        case noSuchItem
    }
}
