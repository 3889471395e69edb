import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import GongkaiCore
import Vapor

/// Runs a middleware for browser routes only (not /api/).
struct BrowserOnly<M: AsyncMiddleware>: AsyncMiddleware {
    let wrapped: M
    init(_ wrapped: M) { self.wrapped = wrapped }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.isAPI ? try await next.respond(to: request) : try await wrapped.respond(to: request, chainingTo: next)
    }
}
