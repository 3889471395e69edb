import Fluent
import GongkaiCore
import Vapor

extension Request {
    /// The publication named by the route's `:id`, if the signed-in user holds `permission` in
    /// its agency (both doors ask through this).
    func publication(_ permission: Permission) async throws -> (Publication, StaffPrincipal) {
        let id = try parameters.require("id", as: Int.self)
        guard let p = try await Publication.find(id, on: db) else { throw AppError.notFound("信息") }
        return (p, try requireStaff(permission, inAgency: p.$agency.id))
    }
}
