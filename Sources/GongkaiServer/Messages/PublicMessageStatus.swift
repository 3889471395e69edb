import Fluent
import Foundation
import GongkaiCore

/// What a sender reads with the tracking number and the last four digits of his phone: what he
/// wrote, where it stands, the reply — never the phone, the handlers' names or internal notes.
struct PublicMessageStatus: Codable, Sendable {
    struct Step: Codable, Sendable {
        var date: CivilDate
        var label: String
    }

    var trackingNumber: String
    var agencyName: String
    var channel: String
    var subject: String
    var content: String
    var receivedOn: CivilDate
    var status: MessageStatus
    var statusLabel: String
    var dueOn: CivilDate?
    var completedOn: CivilDate?
    var reply: String?
    var satisfaction: Satisfaction?
    var canRate: Bool
    var steps: [Step]

    /// The message with this number whose phone ends in these digits; nil for any mismatch, so
    /// the look-up does not tell which of the two was wrong.
    static func message(trackingNumber: String, phoneLast4: String, on db: any Database) async throws -> PublicMessage? {
        let tracking = trackingNumber.trimmingCharacters(in: .whitespaces).uppercased()
        // The four digits as typed (half-width): no country code or extension to read in them.
        let digits = PersonalDataRetention.typedDigits(phoneLast4)
        guard !tracking.isEmpty, tracking.count <= 40, digits.count == 4,
            let m = try await PublicMessage.query(on: db).filter(\.$trackingNumber == tracking).first(),
            PersonalDataRetention.phoneLastFours(m.senderPhone).contains(digits)
        else { return nil }
        return m
    }

    static func find(trackingNumber: String, phoneLast4: String, on db: any Database) async throws -> PublicMessageStatus? {
        guard let m = try await message(trackingNumber: trackingNumber, phoneLast4: phoneLast4, on: db) else { return nil }
        let agency = try await m.$agency.get(on: db)
        let events = try await MessageEvent.query(on: db).filter(\.$message.$id == m.requireID()).sort(\.$id).all()
        return PublicMessageStatus(
            trackingNumber: m.trackingNumber ?? "", agencyName: agency.name, channel: m.channelName, subject: m.subject, content: m.content,
            receivedOn: m.receivedOn, status: m.status, statusLabel: m.status == .convertedToRequest ? "已按政府信息公开申请办理" : m.status.chineseLabel,
            dueOn: m.status.isOpen ? m.dueOn : nil, completedOn: m.status.isClosed ? m.completedOn : nil,
            reply: m.status.isClosed ? m.reply : nil, satisfaction: m.satisfaction, canRate: m.status.isClosed && m.satisfaction == nil,
            steps: events.compactMap { e in e.kind.publicLabel.map { Step(date: e.occurredOn, label: $0) } })
    }
}
