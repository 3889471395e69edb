import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Vapor

/// A small county to test against: a government with a bureau and a township, and a way to
/// make a user with exactly the roles a test needs.
struct County {
    let government: Agency
    let bureau: Agency
    let township: Agency
    static let password = "Correct horse 42"

    static func make(on app: Application) async throws -> County {
        let actor = AuditActor.system
        let government = try await AgencyService.create(
            AgencyFields(code: "t-gov", name: "测试县人民政府", shortName: "县政府", kind: .government, creditCode: "11653125010183690X"),
            parentID: nil, by: actor, on: app.db)
        let bureau = try await AgencyService.create(
            AgencyFields(code: "t-edu", name: "测试县教育局", shortName: "县教育局", kind: .department, creditCode: nil),
            parentID: government.requireID(), by: actor, on: app.db)
        let township = try await AgencyService.create(
            AgencyFields(code: "t-town", name: "测试县城关镇人民政府", shortName: "城关镇", kind: .township, creditCode: nil),
            parentID: government.requireID(), by: actor, on: app.db)
        return County(government: government, bureau: bureau, township: township)
    }

    @discardableResult
    func user(_ username: String, _ roles: Set<Role>, in agency: Agency? = nil, on app: Application) async throws -> StaffUser {
        try await UserService.create(
            UserInput(username: username, displayName: "测试\(username)", agencyID: try (agency ?? government).requireID(), roles: roles),
            password: Self.password, hasher: app.passwordHasher, by: .system, on: app.db).user
    }
}

/// Dates written as ISO literals in tests (`#expect(r.dueOn == "2024-04-01")`). A malformed
/// literal is a mistake in the test and stops it at once.
extension CivilDate: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        guard let date = CivilDate(iso: value) else { preconditionFailure("not a date: \(value)") }
        self = date
    }
}
