import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// Anonymises the personal data of requests and messages closed longer ago than the retention
/// period (issue #14), leaving every figure the statistics read untouched.
///
/// What is cleared on a disclosure request: `applicant_name` (the placeholder), `id_number`,
/// `contact_person`, `phone`, `email`, `address` (emptied); the held values are cut out of
/// `description`, `receipt_delay_reason`, `correction_late_reason`, `extension_request_reason`,
/// `deferral_reason`, the history's `request_events.summary` and the stored reply letter
/// (`reply_letter_json`: its applicant becomes the placeholder, the rest stays as issued); its
/// attachments (`request_attachments`: copies of identity papers, scanned applications) are
/// deleted, since a file cannot be redacted reliably. On a public message: `sender_name` (the
/// placeholder) and `sender_phone` (emptied), and the held values cut out of `subject`,
/// `content`, `reply`, `published_content`, `published_reply` and `message_events.summary`.
///
/// Kept: every date, status, kind, outcome, channel, rating and agency, so tables 三/四 and the
/// message figures are the same before and after; tracking and letter numbers (unique keys);
/// the history's lines and dates. A request with an undecided 复议/诉讼 is skipped: the case may
/// still need the applicant. The audit log is append-only and keeps what it recorded (masked
/// identity numbers and phones, the applicant's name on registration).
enum RetentionRun {
    struct Counts: Sendable, Equatable, Codable {
        var requests = 0
        var letters = 0
        var attachments = 0
        var messages = 0
    }

    /// One run in one transaction, with one audit entry carrying the counts (none when there
    /// was nothing to do or on a dry run). Idempotent: anonymised records carry the placeholder
    /// as their name and are not selected again.
    static func run(years: Int, today: CivilDate, dryRun: Bool, actor: AuditActor, on db: any Database) async throws -> Counts {
        let cutoff = PersonalDataRetention.cutoff(today: today, years: years)
        return try await db.writeTransaction { tx in
            var counts = Counts()
            let requests = try await DisclosureRequest.query(on: tx)
                .filter(\.$status == .concluded).filter(\.$applicantName != PersonalDataRetention.placeholder)
                .all().filter { $0.concludedOn.map { $0 <= cutoff } == true }
            let challenged = try await Set(
                ChallengeCase.query(on: tx).filter(\.$decidedOn == nil).all().compactMap { $0.$request.id })
            for request in requests where !challenged.contains(try request.requireID()) {
                counts.requests += 1
                if request.replyLetterJSON != nil { counts.letters += 1 }
                counts.attachments += try await RequestAttachment.query(on: tx).filter(\.$request.$id == request.requireID()).count()
                if !dryRun { try await anonymise(request, on: tx) }
            }
            let closed: [MessageStatus] = [.completed, .notAccepted, .convertedToRequest]
            let messages = try await PublicMessage.query(on: tx)
                .filter(\.$status ~~ closed).filter(\.$senderName != PersonalDataRetention.placeholder)
                .all().filter { ($0.completedOn ?? $0.receivedOn) <= cutoff }
            for message in messages {
                counts.messages += 1
                if !dryRun { try await anonymise(message, on: tx) }
            }
            if !dryRun, counts != Counts() {
                try await AuditLog.record(
                    .anonymise, entityType: .personalData, entityID: "retention",
                    summary:
                        "按保存期限（办结满 \(years) 年，即 \(cutoff.iso) 及以前办结）匿名化个人信息：依申请公开 \(counts.requests) 件（答复书 \(counts.letters) 份，删除附件 \(counts.attachments) 个），政民互动 \(counts.messages) 条",
                    before: nil,
                    after: [
                        "years": String(years), "cutoff": cutoff.iso, "requests": String(counts.requests), "letters": String(counts.letters),
                        "attachments": String(counts.attachments), "messages": String(counts.messages),
                    ],
                    by: actor, on: tx)
            }
            return counts
        }
    }

    private static func anonymise(_ r: DisclosureRequest, on tx: any Database) async throws {
        let held = [r.applicantName, r.idNumber, r.idNumber.lowercased(), r.contactPerson, r.phone, r.email, r.address]
        let redact = { (text: String) in PersonalDataRetention.redact(text, values: held) }
        if let json = r.replyLetterJSON {
            var letter = try JSONCoding.decoder().decode(ReplyLetter.self, from: Data(json.utf8))
            letter.applicantName = PersonalDataRetention.placeholder
            letter.description = redact(letter.description)
            letter.details = redact(letter.details)
            r.replyLetterJSON = String(decoding: try JSONCoding.encoder().encode(letter), as: UTF8.self)
        }
        let id = try r.requireID()
        for event in try await RequestEvent.query(on: tx).filter(\.$request.$id == id).all() {
            let summary = redact(event.summary)
            if summary != event.summary {
                event.summary = summary
                try await event.update(on: tx)
            }
        }
        try await RequestAttachment.query(on: tx).filter(\.$request.$id == id).delete()
        r.description = redact(r.description)
        r.receiptDelayReason = r.receiptDelayReason.map(redact)
        r.correctionLateReason = r.correctionLateReason.map(redact)
        r.extensionRequestReason = r.extensionRequestReason.map(redact)
        r.deferralReason = r.deferralReason.map(redact)
        r.applicantName = PersonalDataRetention.placeholder
        r.idNumber = ""
        r.contactPerson = ""
        r.phone = ""
        r.email = ""
        r.address = ""
        r.version += 1
        try await r.update(on: tx)
    }

    private static func anonymise(_ m: PublicMessage, on tx: any Database) async throws {
        let held = [m.senderName, m.senderPhone]
        let redact = { (text: String) in PersonalDataRetention.redact(text, values: held) }
        for event in try await MessageEvent.query(on: tx).filter(\.$message.$id == m.requireID()).all() {
            let summary = redact(event.summary)
            if summary != event.summary {
                event.summary = summary
                try await event.update(on: tx)
            }
        }
        m.subject = redact(m.subject)
        m.content = redact(m.content)
        m.reply = redact(m.reply)
        m.publishedContent = m.publishedContent.map(redact)
        m.publishedReply = m.publishedReply.map(redact)
        m.senderName = PersonalDataRetention.placeholder
        m.senderPhone = ""
        m.version += 1
        try await m.update(on: tx)
    }
}
