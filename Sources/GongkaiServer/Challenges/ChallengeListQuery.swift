import Fluent
import GongkaiCore

/// The register as the console and the API list it: the agencies' cases, optionally those
/// filed in one year, newest first.
enum ChallengeListQuery {
    static func list(agencyIDs: [Int], year: Int?, limit: Int = 500, on db: any Database) async throws -> [ChallengeCase] {
        let query = ChallengeCase.query(on: db).filter(\.$agency.$id ~~ agencyIDs).with(\.$agency).with(\.$request).with(\.$reopenedRequest)
        if let year, let first = CivilDate(year: year, month: 1, day: 1), let last = CivilDate(year: year, month: 12, day: 31) {
            query.filter(\.$filedOn >= first).filter(\.$filedOn <= last)
        }
        return try await query.sort(\.$filedOn, .descending).sort(\.$id, .descending).range(0..<limit).all()
    }
}
