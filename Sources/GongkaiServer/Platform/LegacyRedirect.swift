import Vapor

/// Old addresses that moved: answered with 308 Permanent Redirect, which keeps the method and
/// body, so bookmarks, forms and API clients written against the old address keep working.
enum LegacyRedirect {
    static func register(_ app: Application, method: HTTPMethod, from old: [PathComponent],
                         to new: @escaping @Sendable (Request) throws -> String) {
        app.on(method, old) { req -> Response in
            var target = try new(req)
            if let query = req.url.query, !query.isEmpty { target += "?" + query }
            return Response(status: .permanentRedirect, headers: ["Location": target])
        }
    }
}
