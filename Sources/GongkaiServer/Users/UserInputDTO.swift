import Foundation
import GongkaiCore
import Vapor

struct UserInputDTO: Content {
    var username: String
    var displayName: String
    var agencyId: Int
    var roles: [String]
    /// Optional: without it a temporary password is generated and returned once.
    var password: String?
}
