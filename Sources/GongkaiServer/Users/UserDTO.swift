import Foundation
import GongkaiCore
import Vapor

struct UserDTO: Content {
    var id: Int
    var username: String
    var displayName: String
    var agencyId: Int
    var roles: [Role]
    var isActive: Bool
    var mustChangePassword: Bool
    var locked: Bool
    var lastLoginAt: Date?
    var version: Int

    init(_ u: StaffUser, roles: Set<Role>) throws {
        id = try u.requireID()
        username = u.username; displayName = u.displayName; agencyId = u.$agency.id; self.roles = roles.sorted()
        isActive = u.isActive; mustChangePassword = u.mustChangePassword; locked = u.lockedUntil.map { $0 > Date() } ?? false
        lastLoginAt = u.lastLoginAt; version = u.version
    }
}
