import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Logging
import SQLKit
import Testing
import Vapor

/// Applicants' identity numbers and phones sealed at rest, found by keyed hashes, re-sealed
/// by a key rotation (issue #14). The stored columns are read with SQL, as an attacker holding
/// the database file or a dump would read them.
@Suite("Personal data: encrypted at rest")
struct PersonalDataEncryptionTests {
    static let keyA = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="  // 32 × "A"
    static let keyB = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI="  // 32 × "B"

    struct StoredRequest: Equatable {
        var id: Int
        var idNumber: String
        var idNumberHash: String
        var phone: String
    }

    static func storedRequests(on db: any Database) async throws -> [StoredRequest] {
        try await db.requireSQL().raw("SELECT id, id_number, id_number_hash, phone FROM disclosure_requests ORDER BY id").all().map {
            StoredRequest(id: try $0.decode(column: "id", as: Int.self), idNumber: try $0.decode(column: "id_number", as: String.self),
                          idNumberHash: try $0.decode(column: "id_number_hash", as: String.self), phone: try $0.decode(column: "phone", as: String.self))
        }
    }

    static func storedSenderPhones(on db: any Database) async throws -> [String] {
        try await db.requireSQL().raw("SELECT sender_phone FROM public_messages ORDER BY id").all().map {
            try $0.decode(column: "sender_phone", as: String.self)
        }
    }

    /// The plaintexts as the models read them, by request id.
    static func plaintexts(on db: any Database) async throws -> [Int: (idNumber: String, phone: String)] {
        Dictionary(uniqueKeysWithValues: try await DisclosureRequest.query(on: db).all().map { (try $0.requireID(), ($0.idNumber, $0.phone)) })
    }

    /// Sealed by this key, or empty (nothing recorded).
    static func sealed(_ stored: String, by key: PersonalDataKey) -> Bool {
        stored.isEmpty || SealedValue.keyID(of: stored) == key.id
    }

    static func loadDemo(_ app: Application) async throws {
        app.settings.fixedToday = PersonalDataTests.demoToday
        _ = try await DemoCounty.load(
            hasher: PasswordHasher(cost: 4, threadPool: app.threadPool), context: try await app.requestContext(), on: app.db)
    }

    /// An application on `location` with these keys (nil: the SQLite key file), migrated and
    /// prepared as every start prepares it.
    static func withKeys(_ location: DatabaseLocation, current: String?, previous: String? = nil,
                         _ body: (Application) async throws -> Void) async throws {
        var settings = Settings()
        settings.bcryptCost = 4
        settings.database = location
        settings.dataKey = current
        settings.dataKeyPrevious = previous
        let app = try await Application.make(.testing)
        var failure: (any Error)?
        do {
            try configure(app, settings: settings)
            try await prepareDatabase(app)
            try await body(app)
        } catch {
            failure = error
        }
        try? await app.asyncShutdown()
        if let failure { throw failure }
    }

    @Test func theStoredColumnsHoldNoPlaintextAndLookUpsStillFindThePerson() async throws {
        try await withTestApp { app in
            // given the demo county: requests and messages registered through the services
            try await Self.loadDemo(app)
            let keys = try app.db.personalDataKeys

            // then every stored identity number and phone is sealed, and none contains its plaintext
            let stored = try await Self.storedRequests(on: app.db)
            let plain = try await Self.plaintexts(on: app.db)
            #expect(stored.filter { !$0.idNumber.isEmpty }.count > 5)
            for row in stored {
                let (idNumber, phone) = try #require(plain[row.id])
                // nothing recorded stays empty (the synthetic history has requests without a number)
                #expect(idNumber.isEmpty == row.idNumber.isEmpty && phone.isEmpty == row.phone.isEmpty && idNumber.isEmpty == row.idNumberHash.isEmpty)
                #expect(!idNumber.hasPrefix(SealedValue.prefix) && !phone.hasPrefix(SealedValue.prefix))
                #expect(Self.sealed(row.idNumber, by: keys.current) && Self.sealed(row.phone, by: keys.current))
                #expect(idNumber.isEmpty || !row.idNumber.contains(idNumber))
                // seven digits, not four: four digits in a row turn up in random base64 a few times in a hundred
                #expect(phone.isEmpty || (!row.phone.contains(phone) && !row.phone.contains(String(phone.suffix(7)))))
                // round trip: the key opens what it sealed; the hash is the normalised value's
                #expect(try keys.open(row.idNumber, in: .requestIDNumber) == idNumber && keys.open(row.phone, in: .requestPhone) == phone)
                #expect(row.idNumberHash == keys.idNumberHash(idNumber) && (idNumber.isEmpty || row.idNumberHash.count == 64))
            }
            // equal plaintexts seal differently (a fresh nonce each), so the columns show no repeats
            let repeated = Dictionary(grouping: stored.filter { !$0.idNumber.isEmpty }, by: { plain[$0.id]!.idNumber }).values.first { $0.count > 1 }
            if let repeated { #expect(Set(repeated.map(\.idNumber)).count == repeated.count) }
            let phones = try await Self.storedSenderPhones(on: app.db).filter { !$0.isEmpty }
            #expect(phones.count > 5)
            #expect(phones.allSatisfy { $0.hasPrefix(SealedValue.prefix) })
            let dump = try await app.db.requireSQL().raw("SELECT sender_phone, sender_phone_hash FROM public_messages").all()
                .map { try $0.decode(column: "sender_phone", as: String.self) + $0.decode(column: "sender_phone_hash", as: String.self) }.joined()
            #expect(!dump.contains("13912340001"))

            // the duplicate-request check finds the earlier request, whatever the case of the X
            let earlier = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$idNumberHash != "").sort(\.$id).first())
            var again = RequestInput(repeating: earlier, on: PersonalDataTests.demoToday)
            again.idNumber = again.idNumber.lowercased()
            #expect(try await RequestIntake.possibleDuplicates(of: again, on: app.db).contains { $0.id == earlier.id })
            again.idNumber = "110105194912310037"
            #expect(try await RequestIntake.possibleDuplicates(of: again, on: app.db).isEmpty)

            // one person's export finds their requests by identity number and their messages by phone
            let message = try #require(try await PublicMessage.query(on: app.db).filter(\.$trackingNumber != nil).sort(\.$id).all()
                .first { !$0.senderPhone.isEmpty })
            let export = try await PersonalDataExport.collect(
                idNumber: " " + earlier.idNumber.lowercased(), phone: message.senderPhone, actor: .system, on: app.db)
            #expect(export.requests.contains { $0.trackingNumber == earlier.trackingNumber && $0.idNumber == earlier.idNumber })
            #expect(export.messages.map(\.trackingNumber) == [message.trackingNumber])

            // the tracking page's last four digits are checked against the opened phone
            let tracking = try #require(message.trackingNumber)
            #expect(try await PublicMessageStatus.message(trackingNumber: tracking, phoneLast4: String(message.senderPhone.suffix(4)), on: app.db) != nil)
            #expect(try await PublicMessageStatus.message(trackingNumber: tracking, phoneLast4: "0000", on: app.db) == nil)
            #expect(try await PublicRequestStatus.find(trackingNumber: earlier.trackingNumber, phoneLast4: String(earlier.phone.suffix(4)), on: app.db) != nil)

            // a save seals again (a new nonce) and the hash follows a changed value
            earlier.phone = "010-88886666"
            try await earlier.save(on: app.db)
            let saved = try #require(try await Self.storedRequests(on: app.db).first { $0.id == earlier.id })
            #expect(try keys.open(saved.phone, in: .requestPhone) == "010-88886666")
            #expect(try await DisclosureRequest.find(earlier.id, on: app.db)?.phone == "010-88886666")
        }
    }

    @Test func plaintextIsSealedAtStartAWrongKeyIsRefusedAndRotationReplacesTheKey() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        var original: [Int: (idNumber: String, phone: String)] = [:]
        var hashesA: [Int: String] = [:]
        var sealedMessages = 0

        // given the demo county sealed with key A, whose rows are then put back into plaintext as
        // an older version stored them
        try await Self.withKeys(database.location, current: Self.keyA) { app in
            try await Self.loadDemo(app)
            original = try await Self.plaintexts(on: app.db)
            hashesA = Dictionary(uniqueKeysWithValues: try await Self.storedRequests(on: app.db).map { ($0.id, $0.idNumberHash) })
            let sql = try app.db.requireSQL()
            for (id, values) in original {
                try await sql.raw("""
                    UPDATE disclosure_requests SET id_number = \(bind: values.idNumber), phone = \(bind: values.phone), id_number_hash = '' WHERE id = \(bind: id)
                    """).run()
            }
            try await sql.raw("UPDATE public_messages SET sender_phone = '138 0000 1111', sender_phone_hash = '' WHERE id = (SELECT MIN(id) FROM public_messages)").run()
        }
        #expect(original.count > 5)

        // when the application starts again with key A
        let keyA = try #require(PersonalDataKey(base64: Self.keyA)), keyB = try #require(PersonalDataKey(base64: Self.keyB))
        try await Self.withKeys(database.location, current: Self.keyA) { app in
            // then the plaintext is sealed, the hashes are back, and the values read as before
            let stored = try await Self.storedRequests(on: app.db)
            #expect(stored.allSatisfy { Self.sealed($0.idNumber, by: keyA) && Self.sealed($0.phone, by: keyA) })
            #expect(Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0.idNumberHash) }) == hashesA)
            #expect(try await Self.plaintexts(on: app.db).mapValues { "\($0.idNumber) \($0.phone)" } == original.mapValues { "\($0.idNumber) \($0.phone)" })
            let phones = try await Self.storedSenderPhones(on: app.db)
            sealedMessages = phones.filter { !$0.isEmpty }.count
            #expect(phones.filter { !$0.isEmpty }.allSatisfy { SealedValue.keyID(of: $0) == keyA.id })
            let first = try #require(try await PublicMessage.query(on: app.db).sort(\.$id).first())
            #expect(first.senderPhone == "138 0000 1111")
            #expect(first.senderPhoneHash == (try app.db.personalDataKeys).phoneHash("13800001111"))
        }

        // when it starts with key B alone, it refuses, naming the key the data needs
        await #expect {
            try await Self.withKeys(database.location, current: Self.keyB) { _ in }
        } throws: { error in
            "\(error)".contains(keyA.id) && "\(error)".contains("GONGKAI_DATA_KEY")
        }

        // when a value is damaged, a rotation is refused and changes nothing
        let before = try await BackupDatabase.with(database.location) { sql in
            let row = try #require(try await sql.raw("SELECT MAX(id) AS id FROM disclosure_requests WHERE phone <> ''").first()).decode(column: "id", as: Int.self)
            let value = try #require(try await sql.raw("SELECT phone FROM disclosure_requests WHERE id = \(bind: row)").first()).decode(column: "phone", as: String.self)
            // one base64 character in the middle changed: the GCM tag no longer matches
            var characters = Array(value)
            let middle = characters.count / 2 + 8
            characters[middle] = characters[middle] == "A" ? "B" : "A"
            let damaged = String(characters)
            try await sql.raw("UPDATE disclosure_requests SET phone = \(bind: damaged) WHERE id = \(bind: row)").run()
            return (row: row, value: value)
        }
        try await Self.withKeys(database.location, current: Self.keyB, previous: Self.keyA) { app in
            await #expect(throws: PersonalDataKeyError.self) { _ = try await PersonalDataEncryption.rotate(actor: .system, on: app.db) }
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "rotate_data_key").count() == 0)
            let stored = try await Self.storedRequests(on: app.db)
            #expect(stored.allSatisfy { Self.sealed($0.idNumber, by: keyA) })
            #expect(stored.contains { !$0.idNumber.isEmpty })
            #expect(Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0.idNumberHash) }) == hashesA)
        }
        try await BackupDatabase.with(database.location) { sql in
            try await sql.raw("UPDATE disclosure_requests SET phone = \(bind: before.value) WHERE id = \(bind: before.row)").run()
        }

        // when the key is rotated from A to B
        try await Self.withKeys(database.location, current: Self.keyB, previous: Self.keyA) { app in
            let counts = try await PersonalDataEncryption.rotate(actor: .system, on: app.db)
            #expect(counts.requests == original.values.filter { !$0.idNumber.isEmpty || !$0.phone.isEmpty }.count)
            #expect(counts.messages == sealedMessages && sealedMessages > 0)
            // audited: which key replaced which, and how many records
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "rotate_data_key").first())
            #expect(entry.entityID == keyB.id && entry.summary.contains(keyA.id))
        }

        // then key A is no longer needed: B alone starts, every value is sealed and hashed under B
        try await Self.withKeys(database.location, current: Self.keyB) { app in
            let keys = try app.db.personalDataKeys
            let stored = try await Self.storedRequests(on: app.db)
            #expect(stored.allSatisfy { Self.sealed($0.idNumber, by: keyB) && Self.sealed($0.phone, by: keyB) })
            #expect(stored.allSatisfy { $0.idNumberHash == keys.idNumberHash(original[$0.id]!.idNumber) })
            #expect(stored.allSatisfy { $0.idNumberHash.isEmpty || $0.idNumberHash != hashesA[$0.id] })
            #expect(stored.allSatisfy { $0.idNumber.isEmpty || (try? SealedValue.open($0.idNumber, with: keyA, in: .requestIDNumber)) == nil })
            #expect(try await Self.storedSenderPhones(on: app.db).filter { !$0.isEmpty }.allSatisfy { SealedValue.keyID(of: $0) == keyB.id })
            // and the duplicate check works under the new key
            let earlier = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$idNumberHash != "").sort(\.$id).first())
            #expect(earlier.idNumber == original[earlier.id!]!.idNumber)
            #expect(try await RequestIntake.possibleDuplicates(of: RequestInput(repeating: earlier, on: PersonalDataTests.demoToday), on: app.db)
                .contains { $0.id == earlier.id })
        }
    }

    @Test func keysComeFromTheEnvironmentOrAKeyFileBesideAnSQLiteDatabase() throws {
        let logger = Logger(label: "test")
        // PostgreSQL without GONGKAI_DATA_KEY: refused with the variable's name
        var settings = Settings()
        settings.database = .postgres(url: "postgres://gongkai@localhost:5432/gongkai")
        #expect {
            _ = try PersonalDataKeys.resolve(settings, logger: logger)
        } throws: { error in
            "\(error)".contains("GONGKAI_DATA_KEY") && "\(error)".contains("PostgreSQL")
        }
        // a key that is not 32 bytes of base64: refused with the variable's name
        settings.dataKey = "c2hvcnQ="
        #expect(throws: SettingsError.self) { _ = try PersonalDataKeys.resolve(settings, logger: logger) }
        settings.dataKey = Self.keyA
        #expect(try PersonalDataKeys.resolve(settings, logger: logger).current.id == PersonalDataKey(base64: Self.keyA)?.id)

        // SQLite without a key: a key file beside the database, readable by its owner only, kept
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-key-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path + ".key") }
        settings = Settings()
        settings.database = .sqlite(path: path)
        let first = try PersonalDataKeys.resolve(settings, logger: logger)
        let mode = try FileManager.default.attributesOfItem(atPath: path + ".key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try PersonalDataKeys.resolve(settings, logger: logger).current.id == first.current.id)
        #expect(PersonalDataKey(base64: Self.keyB)?.id != first.current.id)
        // a value sealed with one key does not open with another
        let sealed = first.seal("11010519491231002X", in: .requestIDNumber)
        let keyB = try #require(PersonalDataKey(base64: Self.keyB))
        #expect(throws: PersonalDataKeyError.self) { _ = try SealedValue.open(sealed, with: keyB, in: .requestIDNumber) }
    }

    @Test func theKeysCommandsGenerateAKeyAndRotateOnlyWithThePreviousOne() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        let cli = CLITests()
        // a generated key is one GONGKAI_DATA_KEY accepts, new each time
        let generated = try await cli.gongkai(["keys", "generate"], database: nil)
        #expect(generated.status == 0, "\(generated.stderr)")
        let key = generated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(PersonalDataKey(base64: key) != nil)
        #expect(try await cli.gongkai(["keys", "generate"], database: nil).stdout.trimmingCharacters(in: .whitespacesAndNewlines) != key)
        // a database sealed with key A (one request registered through the services)
        try await Self.withKeys(database.location, current: Self.keyA) { app in
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], in: county.bureau, on: app)
            let client = TestClient(app)
            try await client.signIn("officer", County.password)
            app.settings.fixedToday = "2024-03-04"
            try await RequestFixtures.register(client, RequestFixtures.registration(), agency: county.bureau)
            #expect(try await DisclosureRequest.query(on: app.db).count() == 1)
        }
        // rotating without the previous key is refused, naming the setting
        let refused = try await cli.gongkai(["keys", "rotate"], database: database.url, environment: ["GONGKAI_DATA_KEY": key])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("GONGKAI_DATA_KEY_PREVIOUS"), "\(refused.stderr)")
        // with it, every value is sealed again under the new key
        let rotated = try await cli.gongkai(
            ["keys", "rotate"], database: database.url,
            environment: ["GONGKAI_DATA_KEY": key, "GONGKAI_DATA_KEY_PREVIOUS": Self.keyA])
        #expect(rotated.status == 0, "\(rotated.stderr)")
        let newID = try #require(PersonalDataKey(base64: key)).id
        #expect(rotated.stdout.contains(newID) && rotated.stdout.contains("依申请公开 1 件"), "\(rotated.stdout)")
        let stored = try await BackupDatabase.with(database.location) { sql in
            try await sql.raw("SELECT id_number, phone FROM disclosure_requests").all().map {
                [try $0.decode(column: "id_number", as: String.self), try $0.decode(column: "phone", as: String.self)]
            }
        }
        #expect(stored.flatMap { $0 }.allSatisfy { SealedValue.keyID(of: $0) == newID })
        #expect(!stored.flatMap { $0 }.joined().contains(RequestFixtures.idNumber))
    }
}

/// #14 review 14e: a damaged value under a key that is set, and plaintexts that look like sealed
/// values in another case.
extension PersonalDataEncryptionTests {
    static func storedPhone(_ id: Int, on db: any Database) async throws -> String {
        try #require(try await db.requireSQL().raw("SELECT phone FROM disclosure_requests WHERE id = \(bind: id)").first())
            .decode(column: "phone", as: String.self)
    }

    static func firstRequestWithPhone(on db: any Database) async throws -> Int {
        try #require(try await db.requireSQL().raw("SELECT id FROM disclosure_requests WHERE phone <> '' ORDER BY id LIMIT 1").first())
            .decode(column: "id", as: Int.self)
    }

    /// A body that is not base64 under the current key's id is damaged: the refusal must not ask
    /// the operator to set "the key that sealed it", which is set.
    @Test func badBase64UnderAKnownKeyIsDamagedNotAnUnknownKey() throws {
        let a = try #require(PersonalDataKey(base64: Self.keyA))
        let keys = PersonalDataKeys(current: a, previous: nil)
        for body in ["%%%%", "!!not base64!!", "AAAA====", ""] {
            #expect(throws: PersonalDataKeyError.self) { try keys.open("gk2:\(a.id):\(body)", in: .requestPhone) }
            do {
                _ = try keys.open("gk2:\(a.id):\(body)", in: .requestPhone)
            } catch let error as PersonalDataKeyError {
                guard case .damaged(let id) = error else { Issue.record("\(body.debugDescription): \(error.description)"); continue }
                #expect(id == a.id)
                #expect(!error.description.contains("请设置"))
            }
        }
        // a key that is not set is still reported as such
        let b = try #require(PersonalDataKey(base64: Self.keyB))
        #expect { try keys.open("gk2:\(b.id):%%%%", in: .requestPhone) } throws: { error in
            if case .unknownKey(let id)? = error as? PersonalDataKeyError { return id == b.id }
            return false
        }
    }

    /// "GK1:…" is plaintext to Swift's `hasPrefix`; SQLite's LIKE took it for sealed and the start
    /// pass never sealed it.
    @Test func aPlaintextStartingWithUpperCaseGK1IsSealedAtStart() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        var id = 0
        try await Self.withKeys(database.location, current: Self.keyA) { app in
            try await Self.loadDemo(app)
            id = try await Self.firstRequestWithPhone(on: app.db)
            try await app.db.requireSQL().raw("UPDATE disclosure_requests SET phone = 'GK1:0591-87654321' WHERE id = \(bind: id)").run()
        }
        try await Self.withKeys(database.location, current: Self.keyA) { app in
            let stored = try await Self.storedPhone(id, on: app.db)
            #expect(stored.hasPrefix("gk2:"), "plaintext left at rest after the start pass: \(stored)")
            #expect(try #require(try await DisclosureRequest.find(id, on: app.db)).phone == "GK1:0591-87654321")
        }
    }

    /// "GK2:ABCDEF12:…" as plaintext must not stop the start as "sealed by key ABCDEF12"; it is sealed.
    @Test func aPlaintextLikeAnUpperCaseSealedValueDoesNotStopTheStart() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        var id = 0
        try await Self.withKeys(database.location, current: Self.keyA) { app in
            try await Self.loadDemo(app)
            id = try await Self.firstRequestWithPhone(on: app.db)
            try await app.db.requireSQL().raw("UPDATE disclosure_requests SET phone = 'GK2:ABCDEF12:8765' WHERE id = \(bind: id)").run()
        }
        try await Self.withKeys(database.location, current: Self.keyA) { app in
            let stored = try await Self.storedPhone(id, on: app.db)
            #expect(stored.hasPrefix("gk2:"), "plaintext left at rest after the start pass: \(stored)")
            #expect(try #require(try await DisclosureRequest.find(id, on: app.db)).phone == "GK2:ABCDEF12:8765")
        }
    }

    /// The predicate is the same text for both databases: a prefix compared byte-wise.
    @Test func theSealedPrefixIsComparedCaseSensitively() {
        #expect(PersonalDataEncryption.startsWith("phone", ["gk2:", "gk1:"]) == "substr(phone, 1, 4) IN ('gk2:', 'gk1:')")
    }
}
