import Fluent
import Foundation
import GongkaiCore

/// A fee notice (收费通知) and what became of it: paid with a receipt number, or waived.
final class RequestFeeNotice: Model, @unchecked Sendable {
    static let schema = "request_fee_notices"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "request_id") var request: DisclosureRequest
    @Field(key: "method") var method: FeeMethod
    @Field(key: "quantity") var quantity: Int
    @Field(key: "earlier_this_month") var earlierThisMonth: Int
    @Field(key: "amount") var amount: Int
    @Field(key: "breakdown") var breakdown: String
    @Field(key: "sent_on") var sentOn: CivilDate
    @OptionalField(key: "applicant_received_on") var applicantReceivedOn: CivilDate?
    @OptionalField(key: "paid_on") var paidOn: CivilDate?
    @OptionalField(key: "receipt_number") var receiptNumber: String?
    @OptionalField(key: "waived_on") var waivedOn: CivilDate?
    @OptionalField(key: "waiver_reason") var waiverReason: String?
    @Field(key: "approved_by") var approvedBy: String

    init() {}
}
