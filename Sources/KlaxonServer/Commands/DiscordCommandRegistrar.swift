import AsyncHTTPClient
import Foundation
import KlaxonDiscord
import NIOCore
import NIOHTTP1

/// Bulk-overwrites the application's commands with Klaxon's (`PUT /applications/{id}/commands`, or a guild's), after
/// reading what is registered to say what changes.
public struct DiscordCommandRegistrar: Sendable {
    public let settings: DiscordRegistrationSettings
    private let client: HTTPClient

    public init(settings: DiscordRegistrationSettings, client: HTTPClient = .shared) {
        self.settings = settings
        self.client = client
    }

    /// Registers the catalogue's commands globally, or in one guild (instant, for trying them out).
    public func register(guild: String? = nil) async throws -> DiscordCommandChanges {
        let url = endpoint(guild: guild)
        let current = try await send(.GET, url: url, body: nil)
        let registered: [DiscordApplicationCommand]
        do {
            registered = try JSONDecoder().decode([DiscordApplicationCommand].self, from: current)
        } catch {
            throw DiscordAPIError(status: 200, message: "Discord's list of commands could not be read")
        }
        let desired = DiscordCommandRegistration.commands()
        let changes = DiscordCommandChanges(registered: registered, desired: desired)
        _ = try await send(.PUT, url: url, body: Data(DiscordCommandRegistration.json(desired).utf8))
        return changes
    }

    /// `{api}/applications/{id}/commands`, or `…/guilds/{guild}/commands`.
    func endpoint(guild: String?) -> String {
        let base = settings.apiURL.hasSuffix("/") ? String(settings.apiURL.dropLast()) : settings.apiURL
        let scope = guild.map { "/guilds/\($0)" } ?? ""
        return "\(base)/applications/\(settings.applicationID)\(scope)/commands"
    }

    private func send(_ method: HTTPMethod, url: String, body: Data?) async throws -> Data {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bot \(settings.botToken)")
        request.headers.add(name: "User-Agent", value: "DiscordBot (https://github.com/klaxon, 1.0) Klaxon")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let data = Data(buffer: try await response.body.collect(upTo: 1024 * 1024))
        guard response.status == .ok else {
            throw DiscordAPIError(status: Int(response.status.code), message: DiscordAPIError.message(in: data))
        }
        return data
    }
}

/// Discord refused a request; carries Discord's own message, never the token.
public struct DiscordAPIError: Error, Equatable, CustomStringConvertible {
    public let status: Int
    public let message: String

    public var description: String { "Discord answered \(status): \(message)" }

    /// Discord's `message` field from an error body.
    static func message(in body: Data) -> String {
        struct Body: Decodable { let message: String }
        return (try? JSONDecoder().decode(Body.self, from: body))?.message ?? "no message"
    }
}
