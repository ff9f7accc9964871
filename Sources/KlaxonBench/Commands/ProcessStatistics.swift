import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process's state, CPU time and resident memory, read from /proc.
struct ProcessStatistics: Sendable {
    /// One letter: R running, S sleeping, Z exited but not yet reaped…; empty once it is gone.
    let state: String
    /// User plus system CPU time so far, in seconds.
    let cpuSeconds: Double

    init(pid: Int32) {
        // /proc/PID/stat: "pid (name) state …", the 14th and 15th fields utime and stime in clock ticks; the
        // name may hold spaces, so count from the last parenthesis.
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        let fields = stat.split(separator: ")").last.map { $0.split(separator: " ") } ?? []
        state = fields.first.map(String.init) ?? ""
        let ticks = fields.count > 12 ? (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0) : 0
        cpuSeconds = ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// CPU time of this process's children that have ended and been reaped (a finished load generator).
    static func reapedChildrenCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
