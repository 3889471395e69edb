import Fluent
import Foundation
import Vapor

/// Who did something, and from where; every change carries one.
struct AuditActor: Sendable {
    var userID: Int?
    var name: String
    var requestID: String
    var ipAddress: String

    static func commandLine(_ command: String) -> AuditActor {
        AuditActor(userID: nil, name: "命令行（\(command)）", requestID: "cli", ipAddress: "")
    }

    static let system = AuditActor(userID: nil, name: "系统", requestID: "system", ipAddress: "")
}
