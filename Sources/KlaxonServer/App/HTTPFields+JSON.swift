import HTTPTypes

extension HTTPFields {
    /// A JSON body's headers, made once: a dictionary literal builds and checks its fields again for every response.
    static let json: HTTPFields = [.contentType: "application/json"]
}
