import Fluent
import Foundation
import GongkaiCore

/// Documents made from a request's records for the applicant (the reply letter is stored as
/// issued on the request itself).
enum RequestDocuments {
    /// The fee notice (收费通知) as a Word document, from the notice as recorded.
    static func feeNotice(_ feeID: Int, of r: DisclosureRequest, context: RequestContext, on db: any Database) async throws -> Data {
        guard let fee = try await RequestFeeNotice.find(feeID, on: db), fee.$request.id == r.id else { throw AppError.notFound("收费通知") }
        guard let agency = try await Agency.find(r.$agency.id, on: db) else { throw AppError.notFound("机构") }
        let quote = FeeCalculator.quote(fee.method, quantity: fee.quantity, earlierThisMonth: fee.earlierThisMonth)
        // §3.4: the period runs from the day after the applicant receives the notice; the notice
        // states a calendar date only when that day is known, never one guessed from the sending day.
        let due = try fee.applicantReceivedOn.map { try RequestClock.feePaymentDue(receivedOn: $0, calendar: context.calendar, rules: context.rules) }
        let doc = FeeNoticeDocument.make(agencyName: agency.name, applicantName: r.applicantName, trackingNumber: r.trackingNumber,
                                         receivedOn: r.receivedOn, quote: quote, paymentDue: due, date: fee.sentOn,
                                         paymentDays: context.rules.feePaymentDays)
        return try DocxWriter.data(doc)
    }
}
