import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// Everything held about one person, for their access request (个人信息保护法 Art. 45):
/// the requests where they are the applicant, matched on the identity number as the
/// duplicate-request check compares it (upper case, no spaces), and the messages they sent,
/// matched on the phone number's digits when one is given. Each record with its fields in full
/// (the person is entitled to see them) and its history. Exporting is audited: who exported,
/// whose (masked) and how many records, one entry per agency whose records were taken.
struct PersonalDataExport: Codable, Sendable {
    struct Event: Codable, Sendable {
        var occurredOn: String
        var kind: String
        var summary: String
    }

    struct RequestRecord: Codable, Sendable {
        var trackingNumber: String
        var agency: String
        var submittedOn: String
        var receivedOn: String?
        var applicantKind: String
        var applicantName: String
        var idType: String
        var idNumber: String
        var contactPerson: String
        var phone: String
        var email: String
        var address: String
        var description: String
        var status: String
        var concludedOn: String?
        var outcome: String?
        var letterNumber: String?
        var replyLetter: ReplyLetter?
        var history: [Event]
    }

    struct MessageRecord: Codable, Sendable {
        var trackingNumber: String?
        var agency: String
        var receivedOn: String
        var senderName: String
        var senderPhone: String
        var subject: String
        var content: String
        var reply: String
        var status: String
        var completedOn: String?
        var history: [Event]
    }

    var idNumber: String
    var phone: String?
    var exportedAt: Date
    var requests: [RequestRecord]
    var messages: [MessageRecord]

    /// What may be looked for, checked here so that the console and the command refuse alike
    /// (#14 review 14d: 10,000 characters, control characters and SQL went through to the search
    /// and the audit log). An identity number is what registration can store for any document
    /// type (`IdentityNumberRule`, the same function: #14 review 14e, the export refused numbers
    /// registration took); a phone what any intake takes (`PhoneNumberRule`). Both are only ever
    /// bound or hashed, never put into SQL.
    static func validate(idNumber: String, phone: String?) throws {
        if let problem = IdentityNumberRule.problem(idNumber) { throw AppError.validation(["id_number": problem]) }
        if let phone, let problem = PhoneNumberRule.problem(phone) { throw AppError.validation(["phone": problem.description]) }
    }

    /// Collects and audits in one transaction, so an export is never made without its entry.
    /// `agencies` limits it to the records of these agencies (the console: an office head exports
    /// what their own agency holds); nil is every agency (the operator's command).
    static func collect(idNumber: String, phone: String?, agencies: Set<Int>? = nil, actor: AuditActor,
                        on db: any Database) async throws -> PersonalDataExport {
        try validate(idNumber: idNumber, phone: phone)
        let id = PersonalDataRetention.normalisedIDNumber(idNumber)
        // The number the export names; its hashes are made from what was typed (`phoneHashes`
        // normalises it once, as the stored phone's hash was).
        let digits = phone.map(PersonalDataRetention.normalisedPhone)
        let scope = agencies
        return try await db.writeTransaction { tx in
            let agencies = Dictionary(uniqueKeysWithValues: try await Agency.query(on: tx).all().map { (try $0.requireID(), $0.name) })
            // Sealed values cannot be compared: the keyed hashes of the normalised values are (issue #14),
            // under either key while a rotation is pending.
            let keys = try tx.personalDataKeys
            let requestQuery = DisclosureRequest.query(on: tx).filter(\.$idNumberHash ~~ keys.idNumberHashes(id))
            if let scope { requestQuery.filter(\.$agency.$id ~~ Array(scope)) }
            let requests = try await requestQuery.sort(\.$submittedOn).sort(\.$id).all()
            var requestRecords: [RequestRecord] = []
            for r in requests {
                let events = try await RequestEvent.query(on: tx).filter(\.$request.$id == r.requireID()).sort(\.$id).all()
                requestRecords.append(
                    RequestRecord(
                        trackingNumber: r.trackingNumber, agency: agencies[r.$agency.id] ?? "", submittedOn: r.submittedOn.iso,
                        receivedOn: r.receivedOn?.iso, applicantKind: r.applicantKind.rawValue, applicantName: r.applicantName,
                        idType: r.idType.rawValue, idNumber: r.idNumber, contactPerson: r.contactPerson, phone: r.phone, email: r.email,
                        address: r.address, description: r.description, status: r.status.rawValue, concludedOn: r.concludedOn?.iso,
                        outcome: r.outcome?.rawValue, letterNumber: r.letterNumber,
                        replyLetter: r.replyLetterJSON == nil ? nil : try r.issuedLetter(),
                        history: events.map { Event(occurredOn: $0.occurredOn.iso, kind: $0.kind.rawValue, summary: $0.summary) }))
            }
            var messageRecords: [MessageRecord] = []
            var messageAgencies: [Int] = []
            if let phone {
                let messageQuery = PublicMessage.query(on: tx).filter(\.$senderPhoneHash ~~ keys.phoneHashes(phone))
                if let scope { messageQuery.filter(\.$agency.$id ~~ Array(scope)) }
                let messages = try await messageQuery.sort(\.$receivedAt).sort(\.$id).all()
                for m in messages {
                    messageAgencies.append(m.$agency.id)
                    let events = try await MessageEvent.query(on: tx).filter(\.$message.$id == m.requireID()).sort(\.$id).all()
                    messageRecords.append(
                        MessageRecord(
                            trackingNumber: m.trackingNumber, agency: agencies[m.$agency.id] ?? "", receivedOn: m.receivedOn.iso,
                            senderName: m.senderName, senderPhone: m.senderPhone, subject: m.subject, content: m.content, reply: m.reply,
                            status: m.status.rawValue, completedOn: m.completedOn?.iso,
                            history: events.map { Event(occurredOn: $0.occurredOn.iso, kind: $0.kind.rawValue, summary: $0.summary) }))
                }
            }
            // One entry per agency whose records were exported, with that agency's counts and
            // tracking numbers only: each agency's auditors read what was taken from their records,
            // and no one else's tracking numbers.
            var requestsByAgency: [Int: [String]] = [:], messagesByAgency: [Int: Int] = [:]
            for r in requests { requestsByAgency[r.$agency.id, default: []].append(r.trackingNumber) }
            for m in messageAgencies { messagesByAgency[m, default: 0] += 1 }
            let masked = Masking.idNumber(id)
            let exported = Set(requestsByAgency.keys).union(messagesByAgency.keys).sorted().map(Optional.some)
            // An export that found nothing is still its searcher's: a head's, in their agencies' logs.
            let unfound: [Int?] = scope.map { $0.sorted().map(Optional.some) } ?? [nil]
            for agency in exported.isEmpty ? unfound : exported {
                let tracking = agency.flatMap { requestsByAgency[$0] } ?? []
                let messageCount = agency.flatMap { messagesByAgency[$0] } ?? 0
                var after = [
                    "id_number": masked, "requests": String(tracking.count), "messages": String(messageCount),
                    "tracking_numbers": tracking.joined(separator: ","),
                ]
                after["phone"] = digits.map(Masking.phone)
                after["agencies"] = scope.map { $0.sorted().map(String.init).joined(separator: ",") }
                let at = agency.flatMap { agencies[$0] }.map { "（\($0)）" } ?? ""
                try await AuditLog.record(
                    .exportPersonalData, entityType: .personalData, entityID: masked,
                    summary: "导出 \(masked) 的个人信息\(at)：依申请公开 \(tracking.count) 件，政民互动 \(messageCount) 条",
                    before: nil, after: after, agencyID: agency, by: actor, on: tx)
            }
            return PersonalDataExport(idNumber: id, phone: digits, exportedAt: Date(), requests: requestRecords, messages: messageRecords)
        }
    }
}
