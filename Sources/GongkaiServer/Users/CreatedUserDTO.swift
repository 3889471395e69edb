import Foundation
import GongkaiCore
import Vapor

struct CreatedUserDTO: Content {
    var user: UserDTO
    var temporaryPassword: String?
}
