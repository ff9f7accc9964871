/// The slash commands `klaxon bench commands` sends: what each request says, and in which channel.
public enum BenchWorkload: String, CaseIterable, Sendable {
    /// `/incident p1 Bench incident N`: a new incident each time, spread over many channels.
    case declare
    /// `/incident note #1 …`: all on one incident, so its history grows with every request.
    case note
    /// `/incident help`: answered without writing anything.
    case help

    /// Channels the declarations (and help requests) are spread over.
    static let channels = 1000

    /// The incident the note workload writes to: the first one declared on a fresh server.
    static let notedIncident = 1

    /// Klaxon's requests/s as a share of the bare server's that the issue asks for.
    var targetRatio: Double {
        switch self {
        case .help: 0.75
        case .declare, .note: 0.5
        }
    }

    /// The text after `/incident` for the `index`-th request.
    func text(_ index: Int) -> String {
        switch self {
        case .declare: "p1 Bench incident \(index)"
        case .note: "note #\(Self.notedIncident) Checked the dashboards again: error rate still 4%, request \(index)"
        case .help: "help"
        }
    }

    /// What Klaxon's answer holds when the command did what it should (a refusal is a 200 too, and quick).
    var expectedReply: String {
        switch self {
        case .declare: "Incident #"
        case .note: "Noted on #\(Self.notedIncident)"
        case .help: "/incident note"
        }
    }

    /// The channel the `index`-th request comes from.
    func channel(_ index: Int) -> String {
        switch self {
        case .declare, .help: "CBENCH\(index % Self.channels)"
        case .note: "CBENCH0"
        }
    }
}
