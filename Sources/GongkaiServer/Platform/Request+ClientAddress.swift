import Vapor

extension Request {
    /// The address the request came from, the key of per-client limits. Behind a reverse proxy
    /// every request comes from the proxy; the deployment notes say how to pass the address on.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
