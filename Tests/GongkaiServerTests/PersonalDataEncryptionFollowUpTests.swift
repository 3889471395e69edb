import Crypto
import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Logging
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// The cold review of personal data at rest (issue #14): the key file made once and never
/// readable by others, a damaged value that does not stop the start, full-width digits and the
/// country code in look-ups, rotation's refusals and look-ups under the previous key, values
/// bound to their column, no plaintext left in the SQLite file.
@Suite("Personal data at rest: the review's cases", .serialized)
struct PersonalDataEncryptionFollowUpTests {
    static let keyA = PersonalDataEncryptionTests.keyA
    static let keyB = PersonalDataEncryptionTests.keyB
    static let keyC = "Q0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0M="  // 32 × "C"

    static func freshSQLitePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-pdf-\(UUID().uuidString).sqlite").path
    }

    // MARK: the SQLite key file

    /// Two processes starting at once on a fresh SQLite database (systemd's `gongkai serve` and an
    /// operator's `gongkai setup-link`, or two `swift run`s) must end up with ONE key: the key each
    /// of them seals with must be the key on disk. Otherwise the loser seals rows with a key that
    /// is nowhere (the file was replaced by the other's key): those values are lost for good.
    @Test func twoStartsAtOnceOnAFreshSQLiteDatabaseSealWithTheKeyOnDisk() throws {
        let logger = Logger(label: "personal-data-test")
        var mismatches = 0, trials = 0, example = ""
        for _ in 0..<150 {
            let path = Self.freshSQLitePath()
            defer { try? FileManager.default.removeItem(atPath: path + ".key") }
            var settings = Settings()
            settings.database = .sqlite(path: path)
            let s = settings
            let ids = NIOLockedValueBox<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                if let keys = try? PersonalDataKeys.resolve(s, logger: logger) { ids.withLockedValue { $0.append(keys.current.id) } }
            }
            let text = try String(contentsOfFile: path + ".key", encoding: .utf8)
            let onDisk = try #require(PersonalDataKey(base64: text)).id
            trials += 1
            let got = ids.withLockedValue { $0 }
            if got != [onDisk, onDisk] { mismatches += 1; example = "processes sealed with \(got), the key file holds \(onDisk)" }
        }
        #expect(mismatches == 0, "in \(mismatches) of \(trials) simultaneous first starts, a process sealed with a key that is not the key file's; e.g. \(example)")
    }

    /// "Mode 0600 from the start: the key is never readable by others, not even for a moment"
    /// (PersonalDataKeys.keyFile). Foundation's createFile writes a temporary file with mode
    /// 0666 & ~umask, renames it into place and only then chmods it: another local user polling
    /// the path (or the temporary file) can read the key.
    @Test func theKeyFileIsNeverReadableByOthers() throws {
        let logger = Logger(label: "personal-data-test")
        let old = umask(0o022)
        defer { umask(old) }
        var exposed = 0
        for _ in 0..<300 {
            let path = Self.freshSQLitePath()
            defer { try? FileManager.default.removeItem(atPath: path + ".key") }
            var settings = Settings()
            settings.database = .sqlite(path: path)
            let stop = NIOLockedValueBox(false)
            let seen = NIOLockedValueBox<Set<UInt32>>([])
            let watcher = Thread {
                var st = stat()
                while !stop.withLockedValue({ $0 }) {
                    if stat(path + ".key", &st) == 0 { let mode = UInt32(st.st_mode) & 0o777; seen.withLockedValue { _ = $0.insert(mode) } }
                }
            }
            watcher.start()
            usleep(200)
            _ = try PersonalDataKeys.resolve(settings, logger: logger)
            usleep(200)
            stop.withLockedValue { $0 = true }
            usleep(1000)
            if seen.withLockedValue({ $0.contains { $0 & 0o077 != 0 } }) { exposed += 1 }
        }
        #expect(exposed == 0, "in \(exposed) of 300 first starts the key file was seen with group/other permission bits")
    }

    /// GONGKAI_DATA_KEY_PREVIOUS without GONGKAI_DATA_KEY is the operator's mistake (the new key
    /// forgotten): on SQLite the key file must not silently become the "new" key (#14 review 14d);
    /// refused with a message naming both settings, and no key file is made.
    @Test func onlyThePreviousKeyIsRefused() throws {
        var settings = Settings()
        let path = Self.freshSQLitePath()
        defer { try? FileManager.default.removeItem(atPath: path + ".key") }
        settings.database = .sqlite(path: path)
        settings.dataKey = nil
        settings.dataKeyPrevious = Self.keyA
        #expect {
            _ = try PersonalDataKeys.resolve(settings, logger: Logger(label: "personal-data-test"))
        } throws: { error in
            "\(error)".contains("GONGKAI_DATA_KEY_PREVIOUS") && "\(error)".contains("未设置 GONGKAI_DATA_KEY")
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".key"))
        // the previous key beside a current one is the rotation's setting, as before
        settings.dataKey = Self.keyB
        #expect(try PersonalDataKeys.resolve(settings, logger: Logger(label: "personal-data-test")).previous != nil)
    }

    // MARK: start-up with a damaged value

    /// A value that lost its tail (or was mangled by hand) must not stop the whole installation:
    /// the start-up check reads 8 characters after `gk1:` as a key id and refuses to start,
    /// naming a "key" that never existed. Expected: the start goes on, the page shows the value
    /// as unreadable (as it does for a value whose GCM tag fails).
    @Test func aTruncatedSealedValueDoesNotStopTheStart() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        var rowID = 0
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            try await PersonalDataEncryptionTests.loadDemo(app)
            let sql = try app.db.requireSQL()
            rowID = try #require(try await sql.raw("SELECT MAX(id) AS id FROM disclosure_requests WHERE phone <> ''").first()).decode(column: "id", as: Int.self)
            try await sql.raw("UPDATE disclosure_requests SET phone = substr(phone, 1, 9) WHERE id = \(bind: rowID)").run()
        }
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            let r = try #require(try await DisclosureRequest.find(rowID, on: app.db))
            #expect(r.phone == PersonalDataKeyRegistry.unreadable)
        }
    }

    /// The stored columns of one request: identity number, its hash, phone.
    static func storedRow(_ id: Int, on db: any Database) async throws -> [String] {
        let row = try #require(try await db.requireSQL().raw(
            "SELECT id_number, id_number_hash, phone FROM disclosure_requests WHERE id = \(bind: id)").first())
        return try ["id_number", "id_number_hash", "phone"].map { try row.decode(column: $0, as: String.self) }
    }

    /// A `gk2` value cut short inside its key id (`gk2:` and 4 more characters, no second colon)
    /// is no plaintext (#14 review 14d): `keys rotate` is refused, naming the record, and the
    /// value stays unreadable rather than being sealed as the phone.
    @Test func rotationDoesNotSealATruncatedValueAsPlaintext() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        var rowID = 0
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            try await PersonalDataEncryptionTests.loadDemo(app)
            let sql = try app.db.requireSQL()
            rowID = try #require(try await sql.raw("SELECT MAX(id) AS id FROM disclosure_requests WHERE phone <> ''").first())
                .decode(column: "id", as: Int.self)
            try await sql.raw("UPDATE disclosure_requests SET phone = substr(phone, 1, 8) WHERE id = \(bind: rowID)").run()
        }
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyB, previous: Self.keyA) { app in
            let before = try await Self.storedRow(rowID, on: app.db)
            #expect(try #require(try await DisclosureRequest.find(rowID, on: app.db)).phone == PersonalDataKeyRegistry.unreadable)
            do {
                _ = try await PersonalDataEncryption.rotate(actor: .system, on: app.db)
                Issue.record("keys rotate went through with a value cut short")
            } catch {
                let text = "\(error)"
                #expect(text.contains("\(rowID)") && text.contains("phone"), "the refusal does not name the record: \(text)")
            }
            #expect(try await Self.storedRow(rowID, on: app.db) == before)
            #expect(try #require(try await DisclosureRequest.find(rowID, on: app.db)).phone == PersonalDataKeyRegistry.unreadable)
        }
    }

    /// At start, a row selected because its phone is plaintext also has its identity number
    /// opened: one cut short is left as it is, with its (correct) stored hash (#14 review 14d:
    /// it was sealed as plaintext and its hash replaced by the hash of "GK2:…").
    @Test func theStartDoesNotSealATruncatedValueBesideAPlaintextOne() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        var rowID = 0
        var truncated = "", hash = ""
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            try await PersonalDataEncryptionTests.loadDemo(app)
            let sql = try app.db.requireSQL()
            rowID = try #require(try await sql.raw(
                "SELECT MAX(id) AS id FROM disclosure_requests WHERE phone <> '' AND id_number <> ''").first()).decode(column: "id", as: Int.self)
            let stored = try await Self.storedRow(rowID, on: app.db)
            (truncated, hash) = (String(stored[0].prefix(8)), stored[1])
            try await sql.raw("""
                UPDATE disclosure_requests SET id_number = \(bind: truncated), phone = '13800001111' WHERE id = \(bind: rowID)
                """).run()
        }
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            let r = try #require(try await DisclosureRequest.find(rowID, on: app.db))
            #expect(r.phone == "13800001111")
            #expect(r.idNumber == PersonalDataKeyRegistry.unreadable, "the truncated identity number now reads as \(r.idNumber)")
            let stored = try await Self.storedRow(rowID, on: app.db)
            #expect(stored[0] == truncated && stored[1] == hash, "the identity number or its look-up hash was replaced")
            #expect(stored[2].hasPrefix(SealedValue.prefix), "the plaintext phone beside it was not sealed")
        }
    }

    /// PostgreSQL (READ COMMITTED): `keys rotate` reads a batch, then writes each row. A write
    /// committed in between by a server still serving (the retention run blanking a phone) must
    /// not be overwritten with the value read (#14 review 14d): each UPDATE holds only if the row
    /// is as read, and a row changed meanwhile is read again. Timing-based: the blanking write is
    /// sent at several delays after the rotation starts; none may be undone.
    @Test(.enabled(if: TestDatabase.isPostgres)) func aRotationDoesNotUndoAConcurrentWrite() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        var rowID = 0
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            try await PersonalDataEncryptionTests.loadDemo(app)
            rowID = try #require(try await app.db.requireSQL().raw("SELECT MAX(id) AS id FROM disclosure_requests WHERE phone <> ''").first())
                .decode(column: "id", as: Int.self)
        }
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyB, previous: Self.keyA) { app in
            var lost: [Int] = []
            for delay in [0, 2, 5, 10, 20, 40, 80] {
                let r = try #require(try await DisclosureRequest.find(rowID, on: app.db))
                r.phone = "13900000000"
                try await r.save(on: app.db)
                let db = app.db
                let rotation = Task { try await PersonalDataEncryption.rotate(actor: .system, on: db) }
                try await Task.sleep(for: .milliseconds(delay))
                try await app.db.requireSQL().raw("UPDATE disclosure_requests SET phone = '' WHERE id = \(bind: rowID)").run()
                _ = try await rotation.value
                if try #require(try await DisclosureRequest.find(rowID, on: app.db)).phone != "" { lost.append(delay) }
            }
            #expect(lost.isEmpty, "the rotation put back the phone blanked while it ran (delays in ms: \(lost))")
        }
    }

    /// When `keys rotate` is refused because one value is damaged, the operator has to find that
    /// value: the message names the record (table, id and tracking number) and the field.
    @Test func aRotationRefusedForADamagedValueNamesTheRecord() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        var tracking = ""
        var rowID = 0
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            try await PersonalDataEncryptionTests.loadDemo(app)
            let sql = try app.db.requireSQL()
            let row = try #require(try await sql.raw("SELECT id, tracking_number, phone FROM disclosure_requests WHERE phone <> '' ORDER BY id DESC").first())
            rowID = try row.decode(column: "id", as: Int.self)
            tracking = try row.decode(column: "tracking_number", as: String.self)
            var c = Array(try row.decode(column: "phone", as: String.self))
            let middle = c.count / 2 + 8
            c[middle] = c[middle] == "A" ? "B" : "A"
            try await sql.raw("UPDATE disclosure_requests SET phone = \(bind: String(c)) WHERE id = \(bind: rowID)").run()
        }
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyB, previous: Self.keyA) { app in
            do {
                _ = try await PersonalDataEncryption.rotate(actor: .system, on: app.db)
                Issue.record("the rotation went through with a damaged value")
            } catch {
                let text = "\(error)"
                #expect(text.contains(tracking) || text.contains("\(rowID)"), "the refusal does not say which record: \(text)")
                #expect(text.contains("disclosure_requests") && text.contains("phone"), "the refusal does not name the table and field: \(text)")
            }
        }
    }

    // MARK: normalisation of the look-up hashes

    /// The same identity number typed with full-width characters (a Chinese IME's default) or
    /// lower case x and spaces must hash the same: the duplicate check and the export compare hashes.
    @Test func identityNumberHashesFoldFullWidthCharacters() throws {
        let keys = PersonalDataKeys(current: try #require(PersonalDataKey(base64: Self.keyA)), previous: nil)
        let ascii = keys.idNumberHash("11010519491231002X")
        #expect(keys.idNumberHash(" 110105 19491231002x ") == ascii)
        #expect(keys.idNumberHash("１１０１０５１９４９１２３１００２Ｘ") == ascii, "full-width digits/letters hash differently")
        #expect(keys.idNumberHash("１１０１０５１９４９１２３１００２ｘ") == ascii)
    }

    /// Phones: digits only, separators ignored — but full-width digits are DROPPED (a non-empty
    /// phone gets an empty hash, i.e. "nothing recorded"), and +86 / 0086 is kept, so the same
    /// mobile number does not match.
    @Test func phoneHashesFoldFullWidthDigitsAndTheCountryCode() throws {
        let keys = PersonalDataKeys(current: try #require(PersonalDataKey(base64: Self.keyA)), previous: nil)
        let ascii = keys.phoneHash("13912340007")
        #expect(keys.phoneHash("139-1234 0007") == ascii)
        #expect(!keys.phoneHash("１３９１２３４０００７").isEmpty, "a full-width phone gets the empty hash of 'nothing recorded'")
        #expect(keys.phoneHash("１３９１２３４０００７") == ascii)
        #expect(keys.phoneHash("+86 139-1234-0007") == ascii, "+86 is part of the hashed digits")
        #expect(keys.phoneHash("0086 13912340007") == ascii)
    }

    /// End to end: a letter whose sender typed the phone in full-width digits (accepted by the
    /// form: `filter(\.isNumber)` counts them) is not found by the person's export by phone, and
    /// its tracking page refuses the last four digits typed on an ordinary keypad.
    @Test func aFullWidthPhoneIsFoundByTheExportAndTheTrackingPage() async throws {
        try await withTestApp { app in
            try await PersonalDataEncryptionTests.loadDemo(app)
            let m = try #require(try await PublicMessage.query(on: app.db).filter(\.$trackingNumber != nil).sort(\.$id).first())
            m.senderPhone = "１３７００００９９９９"
            try await m.save(on: app.db)
            let export = try await PersonalDataExport.collect(idNumber: "110105194912310037", phone: "13700009999", actor: .system, on: app.db)
            #expect(export.messages.map(\.trackingNumber).contains(m.trackingNumber), "the export by phone misses the full-width letter")
            #expect(try await PublicMessageStatus.message(trackingNumber: m.trackingNumber!, phoneLast4: "9999", on: app.db) != nil,
                    "the tracking page refuses the ASCII last four digits")

            let r = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$idNumberHash != "").sort(\.$id).first())
            r.phone = "１３８００００１２３４"
            try await r.save(on: app.db)
            #expect(try await PublicRequestStatus.find(trackingNumber: r.trackingNumber, phoneLast4: "1234", on: app.db) != nil,
                    "the request tracking page refuses the ASCII last four digits")
        }
    }

    /// A resident ID typed with a Chinese input method (full-width digits and Ｘ) is taken at
    /// registration, stored as the number itself, and is the same applicant as the number typed
    /// in ASCII (the duplicate check).
    @Test func aFullWidthResidentIDIsTakenAndStoredAsTheNumber() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            try await RequestFixtures.register(officer, RequestFixtures.registration(submittedOn: "2024-03-01"), agency: county.bureau)
            let fullWidth = RequestFixtures.registration(submittedOn: "2024-03-04").map {
                $0.0 == "id_number" ? ($0.0, "１１０１０５１９４９１２３１００２ｘ") : $0
            }
            try await RequestFixtures.register(officer, fullWidth, agency: county.bureau)
            let rows = try await DisclosureRequest.query(on: app.db).sort(\.$id).all()
            #expect(rows.count == 2, "the full-width number was refused")
            #expect(rows.map(\.idNumber) == [RequestFixtures.idNumber, RequestFixtures.idNumber])
            #expect(Set(rows.map(\.idNumberHash)).count == 1, "one applicant, one hash")
            let input = RequestInput(repeating: rows[1], on: "2024-03-04")
            #expect(try await RequestIntake.possibleDuplicates(of: input, on: app.db).contains { $0.id == rows[0].id })
        }
    }

    // MARK: rotation

    /// Between setting the new key and running `keys rotate` (or with one instance not yet
    /// rotated), a server with both keys starts and serves: its look-ups must match the hashes
    /// made under either key, or the duplicate check misses the applicant's earlier requests
    /// (Art. 36(六)), the fee pieces restart at zero and the export misses records.
    @Test func theDuplicateCheckFindsRequestsStillHashedUnderThePreviousKey() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            try await PersonalDataEncryptionTests.loadDemo(app)
        }
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyB, previous: Self.keyA) { app in
            let earlier = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$idNumberHash != "").sort(\.$id).first())
            #expect(try await RequestIntake.possibleDuplicates(of: RequestInput(repeating: earlier, on: PersonalDataTests.demoToday), on: app.db)
                .contains { $0.id == earlier.id })
            let message = try #require(try await PublicMessage.query(on: app.db).filter(\.$senderPhoneHash != "").sort(\.$id).first())
            let export = try await PersonalDataExport.collect(idNumber: earlier.idNumber, phone: message.senderPhone, actor: .system, on: app.db)
            #expect(export.requests.contains { $0.trackingNumber == earlier.trackingNumber })
            #expect(export.messages.contains { $0.trackingNumber == message.trackingNumber && $0.senderPhone == message.senderPhone })
        }
    }

    /// Held-or-not checks: a rotation run twice, with a wrong previous key, and with values under
    /// a third key. Each must either complete with every value readable, or change nothing.
    @Test func rotationTwiceWrongPreviousAndAThirdKey() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        var original: [Int: String] = [:]
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            try await PersonalDataEncryptionTests.loadDemo(app)
            original = try await PersonalDataEncryptionTests.plaintexts(on: app.db).mapValues { $0.idNumber + "|" + $0.phone }
        }
        // A → B, then the same command again (PREVIOUS still set): both succeed, nothing lost
        for _ in 0..<2 {
            try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyB, previous: Self.keyA) { app in
                _ = try await PersonalDataEncryption.rotate(actor: .system, on: app.db)
                #expect(try await PersonalDataEncryptionTests.plaintexts(on: app.db).mapValues { $0.idNumber + "|" + $0.phone } == original)
            }
        }
        // B → C with a wrong previous key (A): all data is under B, so the start is refused, nothing changes
        await #expect(throws: (any Error).self) {
            try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyC, previous: Self.keyA) { _ in }
        }
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyB) { app in
            let now = try await PersonalDataEncryptionTests.plaintexts(on: app.db).mapValues { $0.idNumber + "|" + $0.phone }
            #expect(now == original)
        }
        let keyC = try #require(PersonalDataKey(base64: Self.keyC))
        try await BackupDatabase.with(database.location) { sql in
            let sealed = SealedValue.seal("13800000000", with: keyC, in: .messageSenderPhone)
            try await sql.raw("UPDATE public_messages SET sender_phone = \(bind: sealed) WHERE id = (SELECT MIN(id) FROM public_messages)").run()
        }
        await #expect {
            try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyB) { _ in }
        } throws: { "\($0)".contains(keyC.id) }
    }

    // MARK: masking

    /// An unreadable value must not be shown half-masked as if it were a phone, and the API
    /// must not fail: the DTO masks what it has.
    @Test func anUnreadableValueIsShownAsUnreadableNotMaskedGarbage() throws {
        let masked = Masking.phone(PersonalDataKeyRegistry.unreadable)
        #expect(masked == PersonalDataKeyRegistry.unreadable || !masked.contains("*"), "masked as: \(masked)")
    }

    // MARK: binding a sealed value to its place

    /// Values are sealed with their table and column as AES-GCM associated data (`gk2:`): a
    /// sealed identity number copied into a phone column, or a request's phone copied into a
    /// message, no longer opens there (by anyone who can write the database, or a botched manual
    /// fix). The record id is NOT bound (a record created through Fluent has no id when it is
    /// sealed): a value copied into the same column of another record still opens, as
    /// docs/security.md says; that case is asserted here so the document stays true.
    @Test func aSealedValueMovedToAnotherColumnDoesNotOpen() async throws {
        try await withTestApp { app in
            try await PersonalDataEncryptionTests.loadDemo(app)
            let sql = try app.db.requireSQL()
            let all = try await sql.raw("""
                SELECT id, id_number, id_number_hash, phone FROM disclosure_requests WHERE id_number <> '' AND phone <> '' ORDER BY id
                """).all()
            let hashA = try all[0].decode(column: "id_number_hash", as: String.self)
            let other = try #require(try all.first { try $0.decode(column: "id_number_hash", as: String.self) != hashA })
            let (a, b) = (try all[0].decode(column: "id", as: Int.self), try other.decode(column: "id", as: Int.self))
            let sealedA = try all[0].decode(column: "id_number", as: String.self)
            let sealedPhoneA = try all[0].decode(column: "phone", as: String.self)
            #expect(sealedA.hasPrefix("gk2:"))
            try await sql.raw("UPDATE disclosure_requests SET id_number = \(bind: sealedA), phone = \(bind: sealedA) WHERE id = \(bind: b)").run()
            let ra = try #require(try await DisclosureRequest.find(a, on: app.db)), rb = try #require(try await DisclosureRequest.find(b, on: app.db))
            #expect(ra.idNumber != PersonalDataKeyRegistry.unreadable)
            #expect(rb.phone == PersonalDataKeyRegistry.unreadable,
                    "a sealed identity number moved into the phone column opens as the phone: \(rb.phone)")
            // not prevented (docs/security.md): the same column of another record
            #expect(rb.idNumber == ra.idNumber)

            // a request's phone moved into a message's sender phone does not open there either
            let m = try #require(try await PublicMessage.query(on: app.db).sort(\.$id).first())
            try await sql.raw("UPDATE public_messages SET sender_phone = \(bind: sealedPhoneA) WHERE id = \(bind: m.requireID())").run()
            #expect(try await PublicMessage.find(m.requireID(), on: app.db)?.senderPhone == PersonalDataKeyRegistry.unreadable)
        }
    }

    /// Values sealed before associated data (`gk1:`, no associated data) still open; the next
    /// start seals those of the current key again as `gk2:`, and `keys rotate` those of the
    /// previous key, with the same plaintexts and hashes.
    @Test func valuesSealedWithoutAssociatedDataStillOpenAndAreSealedAgain() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        let keyA = try #require(PersonalDataKey(base64: Self.keyA)), keyB = try #require(PersonalDataKey(base64: Self.keyB))
        /// A value as the version before associated data sealed it.
        func legacy(_ plain: String, _ key: PersonalDataKey) throws -> String {
            "gk1:" + key.id + ":" + (try AES.GCM.seal(Data(plain.utf8), using: key.sealing)).combined!.base64EncodedString()
        }
        func storedRow(_ id: Int, on db: any Database) async throws -> [String] {
            let row = try #require(
                try await db.requireSQL().raw("SELECT id_number, id_number_hash, phone FROM disclosure_requests WHERE id = \(bind: id)").first())
            return try ["id_number", "id_number_hash", "phone"].map { try row.decode(column: $0, as: String.self) }
        }
        func storedMessage(_ id: Int, on db: any Database) async throws -> [String] {
            let row = try #require(
                try await db.requireSQL().raw("SELECT sender_phone, sender_phone_hash FROM public_messages WHERE id = \(bind: id)").first())
            return try ["sender_phone", "sender_phone_hash"].map { try row.decode(column: $0, as: String.self) }
        }
        var (requestID, messageID) = (0, 0)
        var (idNumber, phone, senderPhone, hash, senderHash) = ("", "", "", "", "")
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            try await PersonalDataEncryptionTests.loadDemo(app)
            let sql = try app.db.requireSQL()
            let r = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$idNumberHash != "").sort(\.$id).first())
            let m = try #require(try await PublicMessage.query(on: app.db).filter(\.$senderPhoneHash != "").sort(\.$id).first())
            (requestID, messageID) = (try r.requireID(), try m.requireID())
            (idNumber, phone, senderPhone, hash, senderHash) = (r.idNumber, r.phone, m.senderPhone, r.idNumberHash, m.senderPhoneHash)
            #expect(!phone.isEmpty)
            try await sql.raw("""
                UPDATE disclosure_requests SET id_number = \(bind: try legacy(idNumber, keyA)), phone = \(bind: try legacy(phone, keyA)) WHERE id = \(bind: requestID)
                """).run()
            // the message's phone under the key that becomes the previous one: left for the rotation
            try await sql.raw("UPDATE public_messages SET sender_phone = \(bind: try legacy(senderPhone, keyA)) WHERE id = \(bind: messageID)").run()
            let again = try #require(try await DisclosureRequest.find(requestID, on: app.db))
            #expect(again.idNumber == idNumber && again.phone == phone, "a gk1 value does not open")
        }
        // the next start seals the current key's gk1 values again, bound to their column
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            let stored = try await storedRow(requestID, on: app.db)
            #expect(stored[0].hasPrefix("gk2:\(keyA.id):") && stored[2].hasPrefix("gk2:\(keyA.id):"), "\(stored)")
            #expect(stored[1] == hash)
            #expect(try SealedValue.open(stored[0], with: keyA, in: .requestIDNumber) == idNumber)
            #expect(try SealedValue.open(stored[2], with: keyA, in: .requestPhone) == phone)
            #expect(try await storedMessage(messageID, on: app.db)[0].hasPrefix("gk2:"))
            // back to gk1 under A for the rotation's part
            let again = try legacy(senderPhone, keyA)
            try await app.db.requireSQL().raw("UPDATE public_messages SET sender_phone = \(bind: again) WHERE id = \(bind: messageID)").run()
        }
        // with B current and A previous, the start leaves A's gk1 value to the rotation, which seals it as gk2 under B
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyB, previous: Self.keyA) { app in
            #expect(try await storedMessage(messageID, on: app.db)[0].hasPrefix("gk1:\(keyA.id):"))
            #expect(try await PublicMessage.find(messageID, on: app.db)?.senderPhone == senderPhone)
            _ = try await PersonalDataEncryption.rotate(actor: .system, on: app.db)
            let message = try await storedMessage(messageID, on: app.db)
            #expect(message[0].hasPrefix("gk2:\(keyB.id):"))
            #expect(try SealedValue.open(message[0], with: keyB, in: .messageSenderPhone) == senderPhone)
            #expect(message[1] == PersonalDataKeys(current: keyB, previous: nil).phoneHash(senderPhone))
            #expect(message[1] != senderHash)
            let legacyLeft = try await app.db.requireSQL().raw("""
                SELECT COUNT(*) AS n FROM disclosure_requests WHERE id_number LIKE 'gk1:%' OR phone LIKE 'gk1:%'
                """).first()!.decode(column: "n", as: Int.self)
            #expect(legacyLeft == 0)
        }
    }

    // MARK: plaintext left in the database file after the start-up sealing

    /// The first start after the upgrade seals the plaintext rows with UPDATEs; SQLite (without
    /// `secure_delete`) leaves the old cells in the pages' free space and in the WAL, so the
    /// database file still holds every identity number in plaintext. Expected: none is left
    /// (secure_delete during the sealing, or a VACUUM after it). SQLite only.
    @Test(.enabled(if: !TestDatabase.isPostgres)) func noPlaintextIsLeftInTheSQLiteFileAfterTheStartUpSealing() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        guard case .sqlite(let path) = database.location else { return }
        var plain: [String] = []
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            try await PersonalDataEncryptionTests.loadDemo(app)
            let original = try await PersonalDataEncryptionTests.plaintexts(on: app.db)
            let sql = try app.db.requireSQL()
            for (id, v) in original where !v.idNumber.isEmpty {
                let marker = "PLAINTEXTMARK\(100000 + id)"
                try await sql.raw("UPDATE disclosure_requests SET id_number = \(bind: marker), phone = \(bind: v.phone), id_number_hash = '' WHERE id = \(bind: id)").run()
                plain.append(marker)
            }
        }
        try await PersonalDataEncryptionTests.withKeys(database.location, current: Self.keyA) { app in
            try await app.db.requireSQL().raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal")) { bytes.append(wal) }
        #expect(plain.count > 3)
        let left = plain.filter { bytes.range(of: Data($0.utf8)) != nil }
        #expect(left.isEmpty, "\(left.count) of \(plain.count) identity numbers still readable in the database file, e.g. \(left.first ?? "")")
    }
}
