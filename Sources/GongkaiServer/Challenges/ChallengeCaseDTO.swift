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
    /// The day the agency received the decision (a judgment: the day it took effect).
    var decisionReceivedOn: CivilDate?
    /// The new reply's period a corrective decision set: a date, or days of a kind.
    var orderedReplyOn: CivilDate?
    var orderedDays: Int?
    var orderedDaysKind: ReplyOrder.DaysKind?
    var orderBasis: String?
    /// The agency is the reconsideration body sued with the original agency (table 四 leaves it out).
    var asCoDefendant: Bool
    var reopenedRequestId: Int?

    init(_ c: ChallengeCase) throws {
        id = try c.requireID(); version = c.version; agencyId = c.$agency.id; requestId = c.$request.id; kind = c.kind; filedOn = c.filedOn
        body = c.body; caseNumber = c.caseNumber; result = c.result; decidedOn = c.decidedOn; summary = c.summary
        decisionReceivedOn = c.decisionReceivedOn; orderedReplyOn = c.orderedReplyOn; orderedDays = c.orderedDays
        orderedDaysKind = c.orderedDaysKind; orderBasis = c.orderBasis; asCoDefendant = c.asCoDefendant
        reopenedRequestId = c.$reopenedRequest.id
    }
}
