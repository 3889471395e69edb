import Fluent
import Foundation
import SQLKit
import Vapor

/// The stored identity numbers and phones as a whole (issue #14): checked and sealed at
/// start-up, re-sealed under a new key by `gongkai keys rotate`. Each works on the columns
/// directly, in one transaction: all the values change or none, and records keep their
/// `updated_at` and version (sealing is not an edit).
enum PersonalDataEncryption {
    struct Counts: Sendable, Equatable {
        var requests = 0
        var messages = 0
    }

    /// Rows read and written at a time: a province's requests are not all held in memory at once.
    static let batchSize = 500
    /// How often one row is read again because it changed between read and write before the
    /// pass gives up (nothing written: one transaction).
    static let maxAttempts = 5

    /// After the migrations, on every start: refuses keys that cannot open what is stored (a
    /// clear message naming the key, rather than pages that cannot show a phone), then seals
    /// the values still in plaintext — rows from before this version, or written by raw SQL —
    /// and seals again, bound to their column, those the current key sealed without (`gk1`).
    @discardableResult
    static func prepare(_ app: Application) async throws -> Counts {
        let keys = try app.db.personalDataKeys
        let inUse = try await keyIDsInUse(on: app.db)
        if let unknown = inUse.subtracting(keys.all.map(\.id)).sorted().first { throw PersonalDataKeyError.unknownKey(unknown) }
        if let previous = keys.previous, inUse.contains(previous.id) {
            app.logger.warning("部分证件号码和电话仍由原密钥 \(previous.id) 加密：请运行 gongkai keys rotate（docs/security.md）")
        }
        let counts = try await reseal(keys: keys, pass: .start(currentKeyID: keys.current.id, logger: app.logger), on: app.db)
        if counts.requests + counts.messages > 0 {
            app.logger.notice("已加密此前以明文或旧格式（gk1）保存的证件号码和电话：依申请公开 \(counts.requests) 件，政民互动 \(counts.messages) 件")
        }
        return counts
    }

    /// `gongkai keys rotate`: every value opened (with GONGKAI_DATA_KEY_PREVIOUS or the new key),
    /// sealed (as `gk2`, bound to its column) and hashed again under GONGKAI_DATA_KEY. Nothing
    /// changes if any value cannot be opened.
    static func rotate(actor: AuditActor, on db: any Database) async throws -> Counts {
        let keys = try db.personalDataKeys
        guard let previous = keys.previous else { throw PersonalDataKeyError.nothingToRotate }
        return try await db.writeTransaction { tx in
            let counts = try await reseal(keys: keys, pass: .rotation, on: tx)
            try await AuditLog.record(
                .rotateDataKey, entityType: .personalData, entityID: keys.current.id,
                summary: "以密钥 \(keys.current.id) 替换 \(previous.id)，重新加密依申请公开 \(counts.requests) 件、政民互动 \(counts.messages) 件的证件号码和电话",
                before: ["key_id": previous.id], after: ["key_id": keys.current.id, "requests": String(counts.requests), "messages": String(counts.messages)],
                by: actor, on: tx)
            return counts
        }
    }

    /// The ids of the keys that sealed stored values.
    static func keyIDsInUse(on db: any Database) async throws -> Set<String> {
        // `gk1:` or `gk2:` then eight hex digits and `:`: characters 5 to 12 (both databases count
        // from 1). A value cut short has no key id; it reads as unreadable where it is shown,
        // rather than naming a key that never was and stopping the start (#14 review).
        let rows = try await db.requireSQL().raw("""
            SELECT DISTINCT substr(id_number, 5, 8) AS k FROM disclosure_requests WHERE \(unsafeRaw: sealed("id_number")) AND substr(id_number, 13, 1) = ':'
            UNION SELECT DISTINCT substr(phone, 5, 8) AS k FROM disclosure_requests WHERE \(unsafeRaw: sealed("phone")) AND substr(phone, 13, 1) = ':'
            UNION SELECT DISTINCT substr(sender_phone, 5, 8) AS k FROM public_messages WHERE \(unsafeRaw: sealed("sender_phone")) AND substr(sender_phone, 13, 1) = ':'
            """).all()
        return Set(try rows.map { try $0.decode(column: "k", as: String.self) })
    }

    /// SQL: the column holds a sealed value of either version.
    private static func sealed(_ column: String) -> String {
        startsWith(column, [SealedValue.prefix, SealedValue.legacyPrefix])
    }

    /// SQL: the column starts with one of these prefixes, compared case-sensitively as Swift's
    /// `hasPrefix` compares them. SQLite's LIKE ignores ASCII case: a plaintext `GK1:0591-…` was
    /// taken for sealed and never sealed, and `GK2:ABCDEF12:…` for a value of an unknown key that
    /// stopped the start (#14 review 14e). `=` on `substr` is byte-wise on both databases. The
    /// prefixes are this file's constants (letters, digits, colons), never input.
    static func startsWith(_ column: String, _ prefixes: [String]) -> String {
        let lengths = Set(prefixes.map(\.count))
        precondition(lengths.count == 1 && prefixes.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ":") } })
        return "substr(\(column), 1, \(lengths.first!)) IN (\(prefixes.map { "'\($0)'" }.joined(separator: ", ")))"
    }

    private enum Pass {
        /// Every start: plaintext, and values sealed by the current key without associated data
        /// (`gk1`, before the #14 review), which are sealed again as `gk2`. A value that does not
        /// open is left as it is and logged (it is shown as unreadable): one damaged value must
        /// not stop the installation.
        case start(currentKeyID: String, logger: Logger)
        /// `keys rotate`: every value; one that does not open refuses the whole rotation.
        case rotation
    }

    private static func reseal(keys: PersonalDataKeys, pass: Pass, on db: any Database) async throws -> Counts {
        @Sendable func needed(_ column: String) -> String {
            switch pass {
            case .start(let current, _):
                return "((\(column) <> '' AND NOT \(sealed(column))) OR \(startsWith(column, [SealedValue.legacyPrefix + current + ":"])))"
            case .rotation:
                return "\(column) <> ''"
            }
        }
        /// The plaintext of one column of a row; nil when it does not open at start (left as it is).
        /// A refused rotation names the record (#14 review: it named only the key).
        @Sendable func opened(_ row: any SQLRow, _ column: SealedColumn, id: Int) throws -> String? {
            do {
                return try keys.open(try row.decode(column: column.column, as: String.self), in: column)
            } catch let error as PersonalDataKeyError {
                let reference = try row.decodeNil(column: "tracking_number") ? nil : try row.decode(column: "tracking_number", as: String.self)
                let located = PersonalDataKeyError.unopenable(table: column.table, id: id, reference: reference, column: column.column, cause: error)
                guard case .start(_, let logger) = pass else { throw located }
                logger.warning("\(located.description)；保持原样（显示为“\(PersonalDataKeyRegistry.unreadable)”）")
                return nil
            }
        }
        return try await db.writeTransaction { tx in
            let sql = try tx.requireSQL()
            var counts = Counts()
            var last = 0
            while true {
                let rows = try await sql.raw("""
                    SELECT id, tracking_number, id_number, id_number_hash, phone FROM disclosure_requests
                    WHERE id > \(bind: last) AND (\(unsafeRaw: needed("id_number")) OR \(unsafeRaw: needed("phone"))) ORDER BY id LIMIT \(unsafeRaw: String(batchSize))
                    """).all()
                for first in rows {
                    let id = try first.decode(column: "id", as: Int.self)
                    var row: (any SQLRow)? = first
                    for attempt in 1... {
                        guard let current = row else { break }  // deleted meanwhile
                        // A value that stays as it is keeps its stored form and hash.
                        let stored = try ["id_number", "id_number_hash", "phone"].map { try current.decode(column: $0, as: String.self) }
                        var (idNumber, idNumberHash, phone) = (stored[0], stored[1], stored[2])
                        if let plain = try opened(current, .requestIDNumber, id: id) {
                            (idNumber, idNumberHash) = (keys.seal(plain, in: .requestIDNumber), keys.idNumberHash(plain))
                        }
                        if let plain = try opened(current, .requestPhone, id: id) { phone = keys.seal(plain, in: .requestPhone) }
                        // Written only if the row still holds what was read: a write committed by a
                        // server meanwhile (PostgreSQL, READ COMMITTED) is re-read and sealed, not
                        // overwritten with the old value (#14 review 14d).
                        let written = try await sql.raw("""
                            UPDATE disclosure_requests SET id_number = \(bind: idNumber), id_number_hash = \(bind: idNumberHash),
                            phone = \(bind: phone) WHERE id = \(bind: id) AND id_number = \(bind: stored[0])
                            AND id_number_hash = \(bind: stored[1]) AND phone = \(bind: stored[2]) RETURNING id
                            """).all()
                        if !written.isEmpty { break }
                        guard attempt < maxAttempts else { throw PersonalDataKeyError.changing(table: "disclosure_requests", id: id) }
                        row = try await sql.raw("""
                            SELECT id, tracking_number, id_number, id_number_hash, phone FROM disclosure_requests WHERE id = \(bind: id)
                            """).first()
                    }
                    last = id
                }
                counts.requests += rows.count
                if rows.count < batchSize { break }
            }
            last = 0
            while true {
                let rows = try await sql.raw("""
                    SELECT id, tracking_number, sender_phone, sender_phone_hash FROM public_messages
                    WHERE id > \(bind: last) AND \(unsafeRaw: needed("sender_phone")) ORDER BY id LIMIT \(unsafeRaw: String(batchSize))
                    """).all()
                for first in rows {
                    let id = try first.decode(column: "id", as: Int.self)
                    var row: (any SQLRow)? = first
                    for attempt in 1... {
                        guard let current = row else { break }
                        let stored = try ["sender_phone", "sender_phone_hash"].map { try current.decode(column: $0, as: String.self) }
                        var (phone, phoneHash) = (stored[0], stored[1])
                        if let plain = try opened(current, .messageSenderPhone, id: id) {
                            (phone, phoneHash) = (keys.seal(plain, in: .messageSenderPhone), keys.phoneHash(plain))
                        }
                        let written = try await sql.raw("""
                            UPDATE public_messages SET sender_phone = \(bind: phone), sender_phone_hash = \(bind: phoneHash)
                            WHERE id = \(bind: id) AND sender_phone = \(bind: stored[0]) AND sender_phone_hash = \(bind: stored[1]) RETURNING id
                            """).all()
                        if !written.isEmpty { break }
                        guard attempt < maxAttempts else { throw PersonalDataKeyError.changing(table: "public_messages", id: id) }
                        row = try await sql.raw("""
                            SELECT id, tracking_number, sender_phone, sender_phone_hash FROM public_messages WHERE id = \(bind: id)
                            """).first()
                    }
                    last = id
                }
                counts.messages += rows.count
                if rows.count < batchSize { break }
            }
            return counts
        }
    }
}
