import HTTPTypes
import Hummingbird
import OpenAPIRuntime

/// A request to a path the API or an alert hook serves, with a method it does not (`DELETE /api/v1/incidents/1`):
/// 405 with `Allow` and a problem document, as every other error there. The router alone answers an empty 404, which
/// tells a client its address is wrong when only the method is.
enum MethodNotAllowed {
    /// The methods a client may mistake for one another.
    static let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]

    /// Answers every other method on each path (`:id` parameters, or OpenAPI's `{id}`) with 405.
    static func addRoutes(to router: some RouterMethods<some RequestContext>, allowing allowed: [String: Set<HTTPRequest.Method>]) {
        for (path, methods) in allowed.sorted(by: { $0.key < $1.key }) {
            let allow = methods.union(methods.contains(.get) ? [.head] : []).map(\.rawValue).sorted().joined(separator: ", ")
            let problem = Problem(.methodNotAllowed, "\(path) takes \(allow)", headers: [.allow: allow])
            for method in Self.methods where !methods.contains(method) {
                router.on(RouterPath(routerPath(path)), method: method) { _, _ -> Response in throw problem }
            }
        }
    }

    /// OpenAPI's `{id}` as Hummingbird's `:id`.
    private static func routerPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { component in
            component.hasPrefix("{") && component.hasSuffix("}") ? ":" + component.dropFirst().dropLast() : component
        }.joined(separator: "/")
    }
}

/// A transport that only notes which methods each path of the API takes, for `MethodNotAllowed`.
final class RegisteredOperations: ServerTransport, @unchecked Sendable {
    // Filled while the handlers are registered, at start-up, on one task; read once after.
    private(set) var methods: [String: Set<HTTPRequest.Method>] = [:]

    func register(
        _ handler: @Sendable @escaping (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
        method: HTTPRequest.Method, path: String
    ) throws {
        methods[path, default: []].insert(method)
    }
}
