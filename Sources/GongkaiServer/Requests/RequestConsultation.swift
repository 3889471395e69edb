import Fluent
import Foundation
import GongkaiCore

/// Art. 32 (third party) or Art. 34 (another agency): a consultation letter and its answer.
final class RequestConsultation: Model, @unchecked Sendable {
    static let schema = "request_consultations"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "request_id") var request: DisclosureRequest
    @Field(key: "party") var party: String
    @Field(key: "kind") var kind: RequestTimeline.ConsultationKind
    @Field(key: "sent_on") var sentOn: CivilDate
    @OptionalField(key: "party_received_on") var partyReceivedOn: CivilDate?
    @OptionalField(key: "answered_on") var answeredOn: CivilDate?
    @Field(key: "answer_summary") var answerSummary: String

    init() {}
}
