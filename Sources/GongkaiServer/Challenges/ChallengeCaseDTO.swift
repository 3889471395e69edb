import Fluent
import Foundation
import GongkaiCore
import Vapor

struct ChallengeCaseDTO: Content {
    var id: Int
    var version: Int
    var agencyId: Int
    var requestId: Int?
    var kind: ChallengeKind
    var filedOn: CivilDate
    var body: String
    var caseNumber: String
    var result: ChallengeResult
    var decidedOn: CivilDate?
    var summary: String
    var reopenedRequestId: Int?

    init(_ c: ChallengeCase) throws {
        id = try c.requireID(); version = c.version; agencyId = c.$agency.id; requestId = c.$request.id; kind = c.kind; filedOn = c.filedOn
        body = c.body; caseNumber = c.caseNumber; result = c.result; decidedOn = c.decidedOn; summary = c.summary
        reopenedRequestId = c.$reopenedRequest.id
    }
}
