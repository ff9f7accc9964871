import Foundation
import HTTPTypes
import KlaxonAPI
import KlaxonCore
import KlaxonPolicy
import OpenAPIRuntime

/// Declaring and commands: the desk's write path, with `Idempotency-Key` answered from the stored reply.
extension KlaxonAPIService {
    func declareIncident(_ input: Operations.DeclareIncident.Input) async throws -> Operations.DeclareIncident.Output {
        guard case .json(let body) = input.body else { return .badRequest(Self.badRequest("send the declaration as JSON")) }
        guard let severity = Severity(rawValue: body.severity.rawValue) else { return .badRequest(Self.badRequest("unknown severity")) }
        // The generator spells the schema's `null` kind as an empty case; "" itself is no kind.
        if body.kind == ._empty_ { return .badRequest(Self.badRequest("`kind` is one of general, security, data-breach, billing")) }
        let kind = body.kind.flatMap { IncidentKind(rawValue: $0.rawValue) } ?? .general
        let title = body.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else {
            // The refusal chat gives for `/incident p1` with no title.
            return .unprocessableContent(Self.unprocessable(composer.reply(to: .rejected(.missingArgument(command: "declare", what: "a title")), now: clock.now).text))
        }
        let command = IncidentCommand.declare(severity: severity, title: title, kind: kind, publicFacing: body.publicFacing ?? false)
        let digest = IdempotentAnswer.digest("declare", Self.canonical(body))
        let answer = try await run(command, key: input.headers.idempotencyKey, digest: digest, success: 201)
        switch answer {
        case .problem(let status, let detail) where status == .badRequest: return .badRequest(Self.badRequest(detail))
        case .problem(_, let detail): return .unprocessableContent(.init(body: .applicationProblemJson(APIRepresentation.problem(.unprocessableContent, detail))))
        case .answered(let body):
            return .created(.init(body: .json(try JSONDecoder.api.decode(Components.Schemas.Incident.self, from: body))))
        }
    }

    func runCommand(_ input: Operations.RunCommand.Input) async throws -> Operations.RunCommand.Output {
        guard let id = Self.incidentID(input.path.id) else { return .badRequest(Self.badRequest(Self.badID)) }
        guard case .json(let body) = input.body else { return .badRequest(Self.badRequest("send the command as JSON")) }
        let name = body.command.trimmingCharacters(in: .whitespaces).lowercased()
        guard !name.isEmpty else { return .badRequest(Self.badRequest("`command` is empty: name one, as in chat (`update`, `note`, `resolve`…)")) }
        let line = ([name, "#\(id.rawValue)"] + (body.text.map { [$0] } ?? [])).joined(separator: " ")
        // A person is who the incident's chat knows by that name or id (`<@U0ALICE>` on Slack): a commander set by
        // automation is then pinged by the nudges as one set in chat is.
        let namesPerson = (try? CommandParser(platform: .api).parse(line))?.namedPerson != nil
        let platform = namesPerson ? try await homeChat(of: id) ?? .api : .api
        let command: IncidentCommand
        do throws(CommandRejection) {
            command = try CommandParser(platform: platform).parse(line)
        } catch {
            desk.metrics.refusedUnparsed(platform: .api, text: line)
            return .unprocessableContent(Self.unprocessable(composer.reply(to: .rejected(error), now: clock.now).text))
        }
        guard command.target == .incident(id) else {
            return .unprocessableContent(Self.unprocessable("`\(name)` is not a command on one incident; declare with POST /api/v1/incidents"))
        }
        // A command that only reads (`show`, `timeline`) needs `read`, as GET does; any other, `write`.
        if let token = APIRequest.token {
            let needed: TokenScope = command.isQuery ? .read : .write
            if !token.scopes.contains(needed) {
                let what = command.isQuery ? "it reads the incident" : "it changes the incident"
                let detail = "the token `\(token.name)` lacks the `\(needed.rawValue)` scope `\(name)` needs: \(what)"
                return .forbidden(.init(body: .applicationProblemJson(APIRepresentation.problem(.forbidden, detail))))
            }
        }
        // `me` is the sender, and a token is nobody to lead an incident or own an action item.
        if Self.namesTheSender(command) {
            return .unprocessableContent(Self.unprocessable("`me` names the sender, and an API token is not a person: name one (`@name`)"))
        }
        let digest = IdempotentAnswer.digest("command", String(id.rawValue), Self.canonical(body))
        // A command that only reads changes nothing to repeat safely: its key is not kept, so a read-only token stores
        // nothing (a refusal kept under a key would also be replayed after the incident exists).
        let key = command.isQuery ? nil : input.headers.idempotencyKey
        switch try await run(command, key: key, digest: digest, success: 200) {
        case .problem(let status, _) where status == .notFound: return .notFound(Self.notFound(id))
        case .problem(let status, let detail) where status == .badRequest: return .badRequest(Self.badRequest(detail))
        case .problem(_, let detail): return .unprocessableContent(Self.unprocessable(detail))
        case .answered(let body):
            return .ok(.init(body: .json(try JSONDecoder.api.decode(Components.Schemas.CommandResult.self, from: body))))
        }
    }

    /// The chat whose people the incident's messages reach: the one it was declared in, else (declared through this
    /// API or by alerts) the one chat the deployment posts to.
    private func homeChat(of id: IncidentID) async throws -> Platform? {
        guard let platform = try await desk.incident(id)?.channel.platform else { return nil }
        return [Platform.slack, .discord, .mattermost].contains(platform) ? platform : postingChat
    }

    static func namesTheSender(_ command: IncidentCommand) -> Bool {
        switch command {
        case .commander(_, .me), .addAction(_, owner: .me, _, _, _): true
        default: false
        }
    }

    /// What running a command came to, for the handler to wrap in its operation's types.
    enum Answer {
        case answered(Data)
        case problem(HTTPResponse.Status, String)
    }

    /// Runs a command through the desk as the request's token. With an `Idempotency-Key` the desk keeps the answer:
    /// a retry gets it again, the same key with another request a 422.
    private func run(_ command: IncidentCommand, key: String?, digest: String, success: Int) async throws -> Answer {
        guard let token = APIRequest.token else { return .problem(.unauthorized, "no token") }
        if let key, key.isEmpty || key.count > 200 { return .problem(.badRequest, "`Idempotency-Key` must be 1 to 200 characters") }
        let actor = AutomatedActor.apiToken(name: token.name).participant
        let envelope = CommandEnvelope(
            command: command, actor: actor, channel: ChannelRef(platform: .api, id: token.name),
            requestKey: key.map { "api:\(token.name):\($0)" }
        )
        let composer = self.composer
        let policy = bundle.policy
        let now = clock.now
        let stored = try await desk.handle(envelope) { outcome in
            Self.answer(to: outcome, composer: composer, policy: policy, now: now, digest: digest, success: success).stored
        }
        guard let answer = IdempotentAnswer(stored: stored) else { return .problem(.unprocessableContent, "the stored answer could not be read") }
        guard answer.request == digest else {
            return .problem(.unprocessableContent, "this Idempotency-Key was used for another request; use a new key for a new request")
        }
        guard answer.status < 300 else { return .problem(HTTPResponse.Status(code: answer.status), String(decoding: answer.body, as: UTF8.self)) }
        return .answered(answer.body)
    }

    /// The answer kept for an outcome: the incident for a declaration, the reply and incident for a command, or the
    /// refusal chat would give (404 for an incident that does not exist).
    static func answer(
        to outcome: CommandOutcome, composer: ReplyComposer, policy: Policy, now: Date, digest: String, success: Int
    ) -> IdempotentAnswer {
        let encoder = JSONEncoder.api
        let text = composer.reply(to: outcome, now: now).text
        let incident: Incident?
        switch outcome {
        case .recorded(let found, _, _), .detail(let found), .timeline(let found), .actions(let found), .report(let found, _),
            .customerEmailPreview(let found): incident = found
        case .rejected(.incidentNotFound): return IdempotentAnswer(status: 404, body: Data(text.utf8), request: digest)
        case .rejected: return IdempotentAnswer(status: 422, body: Data(text.utf8), request: digest)
        case .list, .runbook, .runbooks, .help, .helpGroup: incident = nil
        }
        guard let incident else { return IdempotentAnswer(status: 422, body: Data("not a command on one incident".utf8), request: digest) }
        let body: Data? = if success == 201 {
            try? encoder.encode(APIRepresentation.detail(incident, policy: policy))
        } else {
            try? encoder.encode(Components.Schemas.CommandResult(reply: text, incident: APIRepresentation.summary(incident)))
        }
        return IdempotentAnswer(status: success, body: body ?? Data(), request: digest)
    }

    /// A request body in one canonical spelling, so the same request digests the same.
    static func canonical(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? ""
    }

    static func unprocessable(_ detail: String) -> Components.Responses.Unprocessable {
        .init(body: .applicationProblemJson(APIRepresentation.problem(.unprocessableContent, detail)))
    }
}

extension JSONEncoder {
    /// Dates as RFC 3339, as openapi.yaml says.
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    static var api: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
