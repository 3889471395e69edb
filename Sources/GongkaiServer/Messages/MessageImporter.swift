import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// Imports an export of messages handled elsewhere (the 12345 hotline's), streaming the file
/// twice so memory stays flat: `check` reads every row (row errors with their lines, source ids
/// repeated within the file, how many already exist), `apply` writes the valid rows in one
/// transaction — all of them or none when the file has errors, unless bad rows are skipped.
/// A re-import updates by the importing agency and source id (`INSERT … ON CONFLICT
/// (import_agency_id, source_id)`: a transfer does not change them), never duplicating, and
/// only what the source system owns (see `assignments`). Only the set of source ids seen grows
/// with the file (to find repeats).
enum MessageImporter {
    /// Rows per statement: 32 binds each stays under SQLite's 32,766 and PostgreSQL's 65,535.
    static let batchSize = 800
    /// Errors kept in full for the report (all are counted).
    static let keptErrors = 1_000

    struct Progress: Sendable {
        var rows: Int
        var bytes: Int
        var totalBytes: Int
    }

    struct Check: Sendable {
        var encoding: CSVEncoding
        var rows = 0
        var valid = 0
        var existing = 0
        var errorCount = 0
        var errors: [ImportRowError] = []
        var preview: [ImportedMessage] = []
    }

    struct Outcome: Sendable {
        var encoding: CSVEncoding = .utf8
        var inserted = 0
        var updated = 0
        var skipped = 0
        /// The skipped rows' problems (the first `keptErrors`).
        var errors: [ImportRowError] = []
    }

    /// What every row is checked against: the agency's channels, today.
    struct Target: Sendable {
        var agencyID: Int
        var channels: [String: MessageChannelKind]
        var limits: MessageTimeLimits
        var calendar: WorkingDayCalendar
        var today: CivilDate
    }

    static func target(agencyID: Int, context: MessageContext, on db: any Database) async throws -> Target {
        let channels = try await MessageChannels.list(agencyID: agencyID, on: db)
        return Target(agencyID: agencyID, channels: Dictionary(channels.map { ($0.name, $0.kind) }, uniquingKeysWith: { a, _ in a }),
                      limits: try await MessageChannels.limits(agencyID: agencyID, context: context, on: db),
                      calendar: context.calendar, today: context.today)
    }

    /// Reads the file, row by row, with every row's problems.
    static func check(path: String, target: Target, on db: any Database, progress: @Sendable (Progress) async -> Void = { _ in }) async throws -> Check {
        let encoding = try CSVStream.detectEncoding(path: path)
        var result = Check(encoding: encoding)
        let totalBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try await forEachRow(path: path, encoding: encoding, target: target, on: db) { batch, errors, stream in
            result.rows += batch.count + errors.count
            result.valid += batch.count
            result.errorCount += errors.count
            for e in errors where result.errors.count < keptErrors { result.errors.append(e) }
            for row in batch where result.preview.count < 10 { result.preview.append(row) }
            result.existing += try await existingSourceIDs(batch.map(\.sourceID), agencyID: target.agencyID, on: db).count
            await progress(Progress(rows: result.rows, bytes: stream.bytesRead, totalBytes: totalBytes))
        }
        return result
    }

    /// Writes the valid rows in one transaction. With `skipBadRows` false the file must have no
    /// bad row: it is read once, writing as it goes, and the first bad row rolls the whole
    /// transaction back — then the file is read again, only to list every problem. (The preview
    /// checked it already; reading it twice on the way that succeeds halved the import's speed.)
    static func apply(path: String, target: Target, skipBadRows: Bool, jobID: Int?, actor: AuditActor, on db: any Database,
                      progress: @escaping @Sendable (Progress) async -> Void = { _ in }) async throws -> Outcome {
        let encoding = try CSVStream.detectEncoding(path: path)
        let totalBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        struct BadRow: Error {}
        do {
            return try await db.writeTransaction { tx in
                // First, before any row is written: each batch settles its numbers, and another
                // agency's import of the same hotline items must not settle at the same time
                // (MessageDuplicates.lockForSettling).
                try await MessageDuplicates.lockForSettling(on: tx)
                if !tx.isPostgres {
                    // The table has eight indexes: a larger page cache for this connection keeps their
                    // pages in memory while the batch is written (64 MB; SQLite's default is 2 MB).
                    try await tx.requireSQL().raw("PRAGMA cache_size = -65536").run()
                }
                var outcome = Outcome(encoding: encoding)
                var rows = 0
                let now = Date()
                try await forEachRow(path: path, encoding: encoding, target: target, on: tx) { batch, errors, stream in
                    if !skipBadRows && !errors.isEmpty { throw BadRow() }
                    rows += batch.count + errors.count
                    outcome.skipped += errors.count
                    for e in errors where outcome.errors.count < keptErrors { outcome.errors.append(e) }
                    if !batch.isEmpty {
                        let existing = try await existingSourceIDs(batch.map(\.sourceID), agencyID: target.agencyID, on: tx)
                        outcome.updated += existing.count
                        outcome.inserted += batch.count - existing.count
                        try await upsert(batch, target: target, jobID: jobID, now: now, on: tx)
                        try await recomputeKeptClocks(batch.map(\.sourceID), target: target, on: tx)
                        // The same hotline items imported by other agencies: counted once
                        // (MessageDuplicates) — the numbers of this batch only, not every row the
                        // agency ever imported.
                        try await MessageDuplicates.settle(sourceIDs: batch.map(\.sourceID), importedBy: target.agencyID, on: tx)
                    }
                    await progress(Progress(rows: rows, bytes: stream.bytesRead, totalBytes: totalBytes))
                }
                try await AuditLog.record(.importData, entityType: .messageImport, entityID: jobID.map(String.init) ?? "cli",
                                          summary: "导入政民互动 \(outcome.inserted + outcome.updated) 条（新增 \(outcome.inserted)，更新 \(outcome.updated)，跳过错误行 \(outcome.skipped)）",
                                          before: nil, after: ["agency_id": String(target.agencyID), "inserted": String(outcome.inserted),
                                                               "updated": String(outcome.updated), "skipped": String(outcome.skipped)],
                                          agencyID: target.agencyID, by: actor, on: tx)  // also from the command line (no job)
                return outcome
            }
        } catch is BadRow {
            let check = try await check(path: path, target: target, on: db)
            throw AppError(status: .unprocessableEntity, code: "import_rows_invalid",
                           message: "文件有 \(check.errorCount) 行错误，未导入任何一行：" + check.errors.prefix(3).map(\.description).joined(separator: "；"))
        }
    }

    /// Streams the rows in batches: the valid ones, and the problems of the others (a source id
    /// seen earlier in the file is a problem of the later row; a receipt after what was done on
    /// the platform, see `receiptsAfterPlatformHandling`).
    private static func forEachRow(
        path: String, encoding: CSVEncoding, target: Target, on db: any Database,
        _ body: ([ImportedMessage], [ImportRowError], CSVStream) async throws -> Void
    ) async throws {
        let stream = try CSVStream(path: path, encoding: encoding)
        guard let header = try stream.next() else { throw AppError.validation(["file": "文件是空的"]) }
        let format: MessageImportFormat
        do {
            format = try MessageImportFormat(header: header, knownChannels: Set(target.channels.keys), today: target.today)
        } catch let e as CSVStreamError {
            throw AppError.validation(["file": e.message])
        }
        var seen: [String: Int] = [:]
        var batch: [ImportedMessage] = []
        var errors: [ImportRowError] = []
        while true {
            let record: CSVRecord?
            do { record = try stream.next() } catch let e as CSVStreamError { throw AppError.validation(["file": e.message]) }
            guard let record else { break }
            switch format.parse(record) {
            case .success(let row):
                if let first = seen[row.sourceID] {
                    errors.append(ImportRowError(line: record.line, message: "工单编号“\(row.sourceID)”与第 \(first) 行重复"))
                } else {
                    seen[row.sourceID] = record.line
                    batch.append(row)
                }
            case .failure(let error):
                errors.append(error)
            }
            if batch.count + errors.count >= batchSize {
                try await receiptsAfterPlatformHandling(&batch, &errors, agencyID: target.agencyID, on: db)
                try await body(batch, errors, stream)
                batch.removeAll(keepingCapacity: true)
                errors.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty || !errors.isEmpty {
            try await receiptsAfterPlatformHandling(&batch, &errors, agencyID: target.agencyID, on: db)
            try await body(batch, errors, stream)
        }
    }

    /// A re-import always updates the receipt, but not the handling of a message transferred,
    /// answered or not accepted on the platform (`sourceOwnsHandling`). A receipt moved after
    /// that transfer or completion would leave a message completed before it was received, its
    /// clock counted from a receipt that is no longer its own: such a row is a row error, with
    /// the dates (all or nothing, or skipped with the other bad rows). Guessing which date is
    /// wrong is left to the people who know.
    private static func receiptsAfterPlatformHandling(
        _ batch: inout [ImportedMessage], _ errors: inout [ImportRowError], agencyID: Int,
        on db: any Database
    ) async throws {
        guard !batch.isEmpty else { return }
        let rows = try await db.requireSQL().raw(
            """
            SELECT source_id, transferred_on, completed_on FROM public_messages
            WHERE import_agency_id = \(bind: agencyID) AND source_id IN (\(binds: batch.map(\.sourceID))) AND NOT \(unsafeRaw: sourceOwnsHandling)
            """
        ).all()
        guard !rows.isEmpty else { return }
        var kept: [String: (transferred: CivilDate?, completed: CivilDate?)] = [:]
        for row in rows {
            kept[try row.decode(column: "source_id", as: String.self)] = (
                try row.decode(column: "transferred_on", as: String?.self).flatMap(CivilDate.init(iso:)),
                try row.decode(column: "completed_on", as: String?.self).flatMap(CivilDate.init(iso:))
            )
        }
        batch.removeAll { row in
            guard let here = kept[row.sourceID] else { return false }
            let problem: String
            if let transferred = here.transferred, row.receivedOn > transferred {
                problem = "已于 \(transferred.iso) 在本平台转办"
            } else if let completed = here.completed, row.receivedOn > completed {
                problem = "已于 \(completed.iso) 在本平台办结"
            } else {
                return false
            }
            errors.append(ImportRowError(line: row.line, message: "工单编号“\(row.sourceID)”的收到日期 \(row.receivedOn.iso) 晚于本平台的办理：该来信\(problem)，请核对收到时间"))
            return true
        }
        errors.sort { $0.line < $1.line }
    }

    /// The clock of the messages whose handling is the platform's (kept by a re-import) from
    /// their receipt as it is now: a receipt moved by the re-import (not past the handling, see
    /// `receiptsAfterPlatformHandling`) moves the due date, the handling days and the on-time
    /// standing with it, as a new holiday notice does (`MessageService.refreshMessages`).
    private static func recomputeKeptClocks(_ sourceIDs: [String], target: Target, on db: any Database) async throws {
        let rows = try await db.requireSQL().raw(
            """
            SELECT id FROM public_messages
            WHERE import_agency_id = \(bind: target.agencyID) AND source_id IN (\(binds: sourceIDs)) AND NOT \(unsafeRaw: sourceOwnsHandling)
            """
        ).all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        guard !ids.isEmpty else { return }
        let statuses: [MessageStatus] = MessageStatus.open + [.completed, .notAccepted]
        for m in try await PublicMessage.query(on: db).filter(\.$id ~~ ids).filter(\.$status ~~ statuses).all() {
            let summary = MessageClock.summary(m.timeline, calendar: target.calendar)
            let (days, onTime) = m.status.isClosed ? (summary.handlingDays, summary.onTime) : (m.handlingDays, m.onTime)
            guard summary.dueOn != m.dueOn || days != m.handlingDays || onTime != m.onTime else { continue }
            m.dueOn = summary.dueOn
            m.handlingDays = days
            m.onTime = onTime
            try await m.save(on: db)
        }
    }

    private static func existingSourceIDs(_ ids: [String], agencyID: Int, on db: any Database) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.requireSQL().raw("""
            SELECT source_id FROM public_messages WHERE import_agency_id = \(bind: agencyID) AND source_id IN (\(binds: ids))
            """).all()
        return Set(try rows.map { try $0.decode(column: "source_id", as: String.self) })
    }

    static let columns = ["version", "created_at", "updated_at", "agency_id", "source", "channel_name", "channel_kind", "kind", "sender_name",
                          "sender_phone", "subject", "content", "publication_allowed", "received_at", "received_on", "source_id",
                          "time_limit_days", "time_limit_basis", "due_on", "status", "assigned_unit", "reply", "completed_at", "completed_on",
                          "handling_days", "on_time", "publication", "satisfaction", "rating_source", "rated_on", "import_job_id",
                          "import_agency_id"]
    /// What the source system owns and a re-import always updates: the item as it was received.
    static let sourceFields = ["channel_name", "channel_kind", "kind", "subject", "content", "received_at", "received_on", "import_job_id"]
    /// Its handling there, updated only while the handling is still the source's: not
    /// transferred, and open here or closed by an earlier import (no reply written here). A
    /// message not accepted, converted to a request or answered on the platform keeps that.
    static let handlingFields = ["time_limit_days", "time_limit_basis", "due_on", "status", "reply", "completed_at", "completed_on",
                                 "handling_days", "on_time"]
    static let ratingFields = ["satisfaction", "rating_source", "rated_on"]
    static let sourceOwnsHandling = """
        (public_messages.transferred_on IS NULL AND (public_messages.status IN ('received', 'accepted') OR (public_messages.status = 'completed'
          AND NOT EXISTS (SELECT 1 FROM message_events e WHERE e.message_id = public_messages.id AND e.kind = 'replied'))))
        """
    /// The `DO UPDATE SET` list: source fields always; handling while the source owns it; the
    /// unit when the source names one; the rating while none was given on the platform (by the
    /// sender or recorded by phone).
    static var assignments: String {
        let rated = "(\(sourceOwnsHandling) AND (public_messages.satisfaction IS NULL OR public_messages.rating_source = 'imported'))"
        return (["updated_at = excluded.updated_at"] + sourceFields.map { "\($0) = excluded.\($0)" }
            + handlingFields.map { "\($0) = CASE WHEN \(sourceOwnsHandling) THEN excluded.\($0) ELSE public_messages.\($0) END" }
            + ["assigned_unit = CASE WHEN \(sourceOwnsHandling) AND excluded.assigned_unit <> '' THEN excluded.assigned_unit ELSE public_messages.assigned_unit END"]
            + ratingFields.map { "\($0) = CASE WHEN \(rated) THEN excluded.\($0) ELSE public_messages.\($0) END" }).joined(separator: ", ")
    }

    private static func upsert(_ rows: [ImportedMessage], target: Target, jobID: Int?, now: Date, on db: any Database) async throws {
        let sql = try db.requireSQL()
        let values: [any SQLExpression] = rows.map { row in
            let channelKind = target.channels[row.channel] ?? .hotline12345
            let (days, basis) = target.limits.limit(channel: channelKind, kind: row.kind)
            let summary = MessageClock.summary(MessageTimeline(receivedOn: row.receivedOn, limitDays: days, limitBasis: basis,
                                                               completedOn: row.completedOn), calendar: target.calendar)
            let binds: [any Encodable & Sendable] = [
                1, now, now, target.agencyID, MessageSource.imported.rawValue, row.channel, channelKind.rawValue, row.kind.rawValue, "", "",
                row.subject, row.content, false, row.receivedAt, row.receivedOn.iso, row.sourceID, days, basis, summary.dueOn?.iso,
                (row.completedAt == nil ? MessageStatus.accepted : MessageStatus.completed).rawValue, row.handlingUnit, row.result,
                row.completedAt, row.completedOn?.iso, summary.handlingDays, summary.onTime, PublicationStatus.notAllowed.rawValue,
                row.satisfaction?.rawValue, row.satisfaction == nil ? nil : RatingSource.imported.rawValue,
                row.satisfaction == nil ? nil : row.completedOn?.iso, jobID, target.agencyID,
            ]
            return SQLGroupExpression(binds.map { SQLBind($0) })
        }
        try await sql.raw("""
            INSERT INTO public_messages (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(SQLList(values))
            ON CONFLICT (import_agency_id, source_id) DO UPDATE SET \(unsafeRaw: assignments), version = public_messages.version + 1
            """).run()
    }
}
