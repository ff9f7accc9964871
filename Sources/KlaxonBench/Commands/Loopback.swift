import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Plain sockets on 127.0.0.1: a free port for a server under test, and a health check precise to the
/// millisecond (an HTTP client's connection pool retries with back-off, which would blur a cold start).
enum Loopback {
    /// A port nothing listens on now (the kernel's pick; free again once the socket closes).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BenchmarkError("no socket for a free port") }
        defer { close(socket) }
        var address = sockaddr_in(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let found = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        guard found else { throw BenchmarkError("could not find a free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether `GET path` on `port` answers 200 now.
    static func answers(port: Int, path: String = "/healthz") -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in(port: UInt16(port))
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return false }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(socket, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return false }
        var reply = [UInt8](repeating: 0, count: 64)
        let received = recv(socket, &reply, reply.count, 0)
        return received > 0 && String(decoding: reply.prefix(received), as: UTF8.self).hasPrefix("HTTP/1.1 200")
    }
}

extension sockaddr_in {
    /// 127.0.0.1:`port`.
    init(port: UInt16) {
        self.init()
        sin_family = sa_family_t(AF_INET)
        sin_port = port.bigEndian
        sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
    }
}
