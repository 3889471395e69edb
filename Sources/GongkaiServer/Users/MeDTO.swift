import Foundation
import GongkaiCore
import Vapor

struct MeDTO: Content {
    struct Assignment: Content { var role: Role; var agencyId: Int }
    var id: Int
    var username: String
    var displayName: String
    var agencyId: Int
    var roles: [Assignment]
    var permissions: [Permission]
}
