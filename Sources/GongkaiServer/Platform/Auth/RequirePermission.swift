import Fluent
import GongkaiCore
import Vapor

/// Refuses a route to anyone without the permission anywhere (agency-level checks follow in
/// the handler). The permission is also recorded on the route for the role-matrix test.
struct RequirePermission: AsyncMiddleware {
    let permission: Permission?

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let permission { _ = try request.requireStaff(permission) }
        return try await next.respond(to: request)
    }
}
