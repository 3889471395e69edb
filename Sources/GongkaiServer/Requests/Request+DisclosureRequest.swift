import Fluent
import Foundation
import GongkaiCore
import Vapor

extension Request {
    /// The disclosure request named by the route's `:id`, if the signed-in user holds
    /// `permission` in its agency.
    func disclosureRequest(_ permission: Permission) async throws -> (DisclosureRequest, StaffPrincipal) {
        let id = try parameters.require("id", as: Int.self)
        guard let r = try await DisclosureRequest.find(id, on: db) else { throw AppError.notFound("申请") }
        return (r, try requireStaff(permission, inAgency: r.$agency.id))
    }
}
