import Fluent
import Foundation
import GongkaiCore
import Vapor

/// What an applicant learns from the tracking number and the last four digits of their phone:
/// where the request stands and its deadline, never personal data, names of consulted third
/// parties or internal notes.
struct PublicRequestStatus: Codable, Sendable {
    struct Step: Codable, Sendable {
        var date: CivilDate
        var label: String
    }

    var trackingNumber: String
    var agencyName: String
    var submittedOn: CivilDate
    var receivedOn: CivilDate?
    var status: String
    var statusLabel: String
    var dueOn: CivilDate?
    /// The due date moves while the request waits on a consulted party or a fee: it assumes the
    /// latest possible answer or payment and may still change (so it is not stated as final).
    var dueOnIsProvisional = false
    var concludedOn: CivilDate?
    var reply: String?
    var steps: [Step]

    /// Tracking numbers are 14 characters (`GK240304-ABCDE`); anything much longer is not one, and
    /// is answered as a mismatch without reaching a counter.
    static let maxTrackingNumberLength = 64

    /// The lookup of the portal page and the API: limited per client address, and per tracking
    /// number once it has failed (10,000 possible last-four digits must not be tried in a
    /// minute). The failure is counted before the lookup and given back when it finds the
    /// request, so lookups sent at once are counted like lookups sent one by one. A refusal is
    /// 429 with Retry-After; a mismatch is nil.
    static func lookup(trackingNumber: String, phoneLast4: String, client: String, app: Application,
                       on db: any Database) async throws -> PublicRequestStatus? {
        let limits = app.rateLimits, limiter = app.rateLimiter
        if let wait = limiter.hit("track:addr:\(client)", limits.trackingPerAddress) {
            throw AppError.tooManyRequests(retryAfter: wait, "查询过于频繁")
        }
        guard trackingNumber.count <= maxTrackingNumberLength, phoneLast4.count <= maxTrackingNumberLength else { return nil }
        let tracking = trackingNumber.trimmingCharacters(in: .whitespaces).uppercased()
        let key = "track:fail:\(tracking)"
        if let wait = limiter.hit(key, limits.trackingFailuresPerNumber) {
            throw AppError.tooManyRequests(retryAfter: wait, "该查询号的查询失败次数过多")
        }
        let status = try await find(trackingNumber: tracking, phoneLast4: phoneLast4, on: db)
        if status != nil { limiter.refund(key) }
        return status
    }

    /// The request with this tracking number whose phone ends in these digits; nil for any
    /// mismatch, so the lookup does not tell which of the two was wrong.
    static func find(trackingNumber: String, phoneLast4: String, on db: any Database) async throws -> PublicRequestStatus? {
        let tracking = trackingNumber.trimmingCharacters(in: .whitespaces).uppercased()
        // The four digits as typed (half-width): no country code or extension to read in them.
        let digits = PersonalDataRetention.typedDigits(phoneLast4)
        guard !tracking.isEmpty, digits.count == 4,
            let r = try await DisclosureRequest.query(on: db).filter(\.$trackingNumber == tracking).with(\.$agency).first(),
            PersonalDataRetention.phoneLastFours(r.phone).contains(digits)
        else { return nil }
        let events = try await RequestEvent.query(on: db).filter(\.$request.$id == r.requireID()).sort(\.$id).all()
        return PublicRequestStatus(
            trackingNumber: r.trackingNumber, agencyName: r.agency.name, submittedOn: r.submittedOn, receivedOn: r.receivedOn,
            status: r.status.rawValue, statusLabel: r.status == .awaitingReceipt ? "待确认收到（工作人员将与您联系确认）" : r.status.chineseLabel,
            dueOn: r.status == .concluded ? nil : r.dueOn,
            dueOnIsProvisional: r.dueOn != nil && [.waitingOnThirdParty, .waitingOnFee].contains(r.status), concludedOn: r.concludedOn,
            reply: r.replyType.map { $0.chineseLabel },
            steps: events.compactMap { e in e.kind.publicLabel.map { Step(date: e.occurredOn, label: $0) } })
    }
}
