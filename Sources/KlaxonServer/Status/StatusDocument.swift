import Crypto
import Foundation
import Hummingbird

/// One rendered status resource with its validators: the same bytes give the same `ETag` on every replica.
struct StatusDocument: Sendable {
    let body: ByteBuffer
    let contentType: String
    let etag: String
    let lastModified: Date
    /// `lastModified` as the header says it, formatted once per document rather than per response.
    let lastModifiedText: String

    init(_ text: String, contentType: String, lastModified: Date) {
        let bytes = Data(text.utf8)
        body = ByteBuffer(bytes: bytes)
        self.contentType = contentType
        etag = "\"" + SHA256.hash(data: bytes).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        self.lastModified = lastModified
        lastModifiedText = HTTPDate.format(lastModified)
    }

    /// 200 with the document, or 304 when the request's validators say the client has it already.
    ///
    /// `Last-Modified` counts whole seconds, so a change later in the second of the last one would carry the same date,
    /// and a client asking `If-Modified-Since` would be told it has the newer page (RFC 9110 §8.8.2.2 calls such a
    /// date weak). Until that second is over the date is left out and not compared; the `ETag` still serves.
    func response(to request: Request, maxAge: Int, now: Date) -> Response {
        let settled = now.timeIntervalSince1970 >= lastModified.timeIntervalSince1970.rounded(.down) + 1
        var headers: HTTPFields = [
            .eTag: etag, .cacheControl: "public, max-age=\(maxAge)", .init("X-Content-Type-Options")!: "nosniff",
        ]
        if settled { headers[.lastModified] = lastModifiedText }
        if isFresh(request, comparingDates: settled) { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// `If-None-Match` decides when present (RFC 9110 §13.1.3); else `If-Modified-Since`, to the second.
    private func isFresh(_ request: Request, comparingDates: Bool) -> Bool {
        if let tags = request.headers[.ifNoneMatch] {
            return tags == "*" || tags.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "") == etag }
        }
        guard comparingDates, let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse) else { return false }
        return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }
}
