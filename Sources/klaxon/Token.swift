import ArgumentParser
import KlaxonServer

/// `klaxon token create <name> --scopes read,write`: a new API token, printed once, and its line for the tokens file.
struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make API tokens for the JSON API and the alert hooks (KLAXON_API_TOKENS_FILE).",
        subcommands: [Create.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new random token once, and the line to add to the tokens file (which keeps only its SHA-256)."
        )

        @Argument(help: "The token's name, shown in the timeline as api:<name>.") var name: String
        @Option(help: "What it may do: a comma-separated list of read, write, alerts.") var scopes: String

        func run() throws {
            let wanted: Set<TokenScope>
            switch TokenScope.list(scopes) {
            case .success(let list) where !list.isEmpty: wanted = list
            case .success: throw ValidationError("--scopes needs one or more of read, write, alerts")
            case .failure(let unknown): throw ValidationError(unknown.description)
            }
            guard let made = APIToken.create(name: name, scopes: wanted) else {
                throw ValidationError("a token name is letters, digits, `-`, `_` or `.` (up to 64), not `\(name)`")
            }
            print("Token (shown once; give it to the client and keep it secret):")
            print("  \(made.token)")
            print("Add this line under `tokens:` in the KLAXON_API_TOKENS_FILE file:")
            print(made.entry.fileEntry)
        }
    }
}
