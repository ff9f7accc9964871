import Foundation

/// A process's resident memory and what it is made of, from /proc/PID/status: the anonymous part is the process's
/// own (heap, stacks, caches); the file-backed part is pages mapped from files, mostly the binary's code and data,
/// which the kernel shares and can drop and read back at will.
struct ResidentMemory: Sendable, Equatable {
    /// VmRSS, in megabytes.
    let total: Double
    /// RssAnon, in megabytes.
    let anonymous: Double
    /// RssFile, in megabytes.
    let fileBacked: Double

    /// Reads a live process's figures; `nil` when it is gone.
    init?(pid: Int32) {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        self.init(status: status)
    }

    /// Parses the text of /proc/PID/status ("VmRSS:	   53924 kB" lines).
    init?(status: String) {
        var kilobytes: [Substring: Double] = [:]
        for line in status.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            if parts.count >= 2, let value = Double(parts[1]) { kilobytes[parts[0]] = value }
        }
        guard let total = kilobytes["VmRSS"], let anonymous = kilobytes["RssAnon"], let file = kilobytes["RssFile"] else { return nil }
        self.total = total / 1024
        self.anonymous = anonymous / 1024
        self.fileBacked = file / 1024
    }

    /// "64.7 MB (17.6 MB anonymous, 47.1 MB mapped from files)".
    var description: String {
        String(format: "%.1f MB (%.1f MB anonymous, %.1f MB mapped from files)", total, anonymous, fileBacked)
    }
}
