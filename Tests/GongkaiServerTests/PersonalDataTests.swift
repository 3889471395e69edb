import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Personal data past its retention period, and one person's export (issue #14).
@Suite("Personal data: retention and export")
struct PersonalDataTests {
    static let demoToday = CivilDate(iso: "2025-06-16")!

    struct Figures: Equatable {
        var requests: RequestYearCounts
        var challenges: ChallengeYearCounts
        var report: AnnualReport
        var messages: String
    }

    /// Tables 三 and 四 of every agency (and of all together) and year, and the message figures.
    static func figures(on db: any Database) async throws -> [Figures] {
        let ids = try await Agency.query(on: db).sort(\.$id).all().map { try $0.requireID() }
        var out: [Figures] = []
        let encoder = JSONCoding.encoder()
        for year in 2023...2026 {
            for scope in ids.map({ [$0] }) + [ids] {
                let requests = try await RequestStatistics.yearCounts(agencyIDs: scope, year: year, on: db)
                let challenges = try await RequestStatistics.challengeCounts(agencyIDs: scope, year: year, on: db)
                let report = try await RequestStatistics.report(agencyIDs: scope, year: year, on: db)
                let messages = try await MessageFigures.query(
                    agencyIDs: scope, from: CivilDate(year: year, month: 1, day: 1)!, through: CivilDate(year: year, month: 12, day: 31)!, on: db)
                out.append(
                    Figures(
                        requests: requests, challenges: challenges, report: report,
                        messages: String(decoding: try encoder.encode(messages), as: UTF8.self)))
            }
        }
        return out
    }

    @Test func retentionAnonymisesClosedRecordsAndLeavesEveryFigureAsItWas() async throws {
        try await withTestApp { app in
            // given the demo county: requests at every stage with letters, messages open and closed
            app.settings.fixedToday = Self.demoToday
            _ = try await DemoCounty.load(
                hasher: PasswordHasher(cost: 4, threadPool: app.threadPool), context: try await app.requestContext(), on: app.db)
            let before = try await Self.figures(on: app.db)
            #expect(before.contains { $0.report.cells.values.contains { $0 > 0 } }, "the figures compared are not all zero")
            let requestsBefore = try await DisclosureRequest.query(on: app.db).all()
            let concluded = requestsBefore.filter { $0.status == .concluded }
            let open = requestsBefore.filter { $0.status != .concluded }
            let closedMessages = try await PublicMessage.query(on: app.db).all().filter { $0.status.isClosed || $0.status == .convertedToRequest }
            let pending = Set(try await ChallengeCase.query(on: app.db).filter(\.$decidedOn == nil).all().compactMap { $0.$request.id })
            #expect(concluded.count > 5 && !open.isEmpty && closedMessages.count > 5)
            let expected = concluded.filter { !pending.contains($0.id!) }
            let later = CivilDate(iso: "2031-01-01")!
            let historyBefore = try await RequestEvent.query(on: app.db).count() + MessageEvent.query(on: app.db).count()
            #expect(historyBefore > 0)

            // when a dry run counts, nothing changes
            let dry = try await RetentionRun.run(years: 5, today: later, dryRun: true, actor: .system, on: app.db)
            #expect(dry.requests == expected.count)
            #expect(dry.messages == closedMessages.count)
            #expect(try await DisclosureRequest.query(on: app.db).filter(\.$applicantName == PersonalDataRetention.placeholder).count() == 0)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "anonymise").count() == 0)

            // when the period has not passed for anything, nothing is selected
            let early = try await RetentionRun.run(years: 10, today: later, dryRun: false, actor: .system, on: app.db)
            #expect(early == RetentionRun.Counts())

            // when the job runs
            let counts = try await RetentionRun.run(years: 5, today: later, dryRun: false, actor: .system, on: app.db)
            #expect(counts == dry)
            #expect(counts.letters > 0)

            // then every figure is identical
            let after = try await Self.figures(on: app.db)
            #expect(after == before)
            // and the closed requests hold no personal data, their letters neither, open ones untouched
            for original in expected {
                let r = try #require(try await DisclosureRequest.find(original.id, on: app.db))
                #expect(r.applicantName == PersonalDataRetention.placeholder)
                let cleared = [r.idNumber, r.phone, r.email, r.address, r.contactPerson].allSatisfy { $0.isEmpty }
                #expect(cleared)
                #expect(r.trackingNumber == original.trackingNumber && r.letterNumber == original.letterNumber)
                #expect(r.outcome == original.outcome && r.concludedOn == original.concludedOn)
                if r.replyLetterJSON != nil {
                    let letter = try r.issuedLetter()
                    #expect(letter.applicantName == PersonalDataRetention.placeholder)
                    #expect(letter.letterNumber == original.letterNumber)
                }
                #expect(try await RequestAttachment.query(on: app.db).filter(\.$request.$id == original.id!).count() == 0)
                let events = try await RequestEvent.query(on: app.db).filter(\.$request.$id == original.id!).all()
                if original.applicantName.count >= 2 {
                    #expect(!events.contains { $0.summary.contains(original.applicantName) })
                }
            }
            for original in open {
                let r = try #require(try await DisclosureRequest.find(original.id, on: app.db))
                #expect(r.applicantName == original.applicantName && r.idNumber == original.idNumber && r.phone == original.phone)
            }
            for original in closedMessages {
                let m = try #require(try await PublicMessage.find(original.id, on: app.db))
                #expect(m.senderName == PersonalDataRetention.placeholder && m.senderPhone.isEmpty)
                #expect(m.status == original.status && m.satisfaction == original.satisfaction && m.completedOn == original.completedOn)
            }
            // and every history line stays
            #expect(try await RequestEvent.query(on: app.db).count() + MessageEvent.query(on: app.db).count() == historyBefore)
            // and one audit entry records the run with its counts
            let entries = try await AuditEntry.query(on: app.db).filter(\.$action == "anonymise").all()
            #expect(entries.count == 1)
            #expect(entries.first?.entityType == "personal_data")
            #expect(entries.first?.afterJSON?.contains("\"requests\":\"\(counts.requests)\"") == true)
            #expect(entries.first?.afterJSON?.contains("\"messages\":\"\(counts.messages)\"") == true)

            // when it runs again: nothing to do, no second entry, figures still the same
            let again = try await RetentionRun.run(years: 5, today: later, dryRun: false, actor: .system, on: app.db)
            #expect(again == RetentionRun.Counts())
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "anonymise").count() == 1)
            #expect(try await Self.figures(on: app.db) == before)
        }
    }

    @Test func exportFindsEveryRequestOfOneIDNumberAndMessagesByPhoneAndIsAudited() async throws {
        try await withTestApp { app in
            // given the demo county, and one applicant's requests
            app.settings.fixedToday = Self.demoToday
            _ = try await DemoCounty.load(
                hasher: PasswordHasher(cost: 4, threadPool: app.threadPool), context: try await app.requestContext(), on: app.db)
            let all = try await DisclosureRequest.query(on: app.db).all()
            let person = try #require(all.first { $0.idNumber.count == 18 })
            let theirs = all.filter { $0.idNumber.uppercased() == person.idNumber.uppercased() }
            let message = try #require(try await PublicMessage.query(on: app.db).filter(\.$senderPhoneHash != "").first())
            let theirMessages = try await PublicMessage.query(on: app.db).all()
                .filter { PersonalDataRetention.normalisedPhone($0.senderPhone) == PersonalDataRetention.normalisedPhone(message.senderPhone) }

            // when exported with the number typed in lower case with spaces
            let typed = person.idNumber.lowercased().enumerated().map { $0.offset == 6 ? " \($0.element)" : "\($0.element)" }.joined()
            let export = try await PersonalDataExport.collect(
                idNumber: typed, phone: message.senderPhone, actor: AuditActor(userID: nil, name: "测试管理员", requestID: "t", ipAddress: ""), on: app.db)

            // then every request of that number is there in full, with its history
            #expect(Set(export.requests.map(\.trackingNumber)) == Set(theirs.map(\.trackingNumber)))
            #expect(export.requests.allSatisfy { $0.idNumber.uppercased() == person.idNumber.uppercased() && !$0.history.isEmpty })
            #expect(export.requests.first { $0.trackingNumber == person.trackingNumber }?.applicantName == person.applicantName)
            #expect(export.messages.count == theirMessages.count && !export.messages.isEmpty)
            // and the audit log says who exported whose data, masked, one entry per agency whose
            // records were taken, each with that agency's tracking numbers only
            let entries = try await AuditEntry.query(on: app.db).filter(\.$action == "export_personal_data").all()
            #expect(Set(entries.compactMap(\.agencyID)) == Set(theirs.map(\.$agency.id) + theirMessages.map(\.$agency.id)))
            #expect(entries.count == Set(entries.compactMap(\.agencyID)).count)
            for entry in entries {
                #expect(entry.actorName == "测试管理员")
                #expect(entry.entityID == Masking.idNumber(person.idNumber.uppercased()))
                #expect(entry.afterJSON?.contains(person.idNumber) == false)
                let numbers = AuditEntry.fields(entry.afterJSON)["tracking_numbers"].map { $0.split(separator: ",").map(String.init) } ?? []
                #expect(Set(numbers) == Set(theirs.filter { $0.$agency.id == entry.agencyID }.map(\.trackingNumber)))
            }
            let counted = entries.compactMap { AuditEntry.fields($0.afterJSON)["requests"].flatMap { Int($0) } }
            #expect(counted.reduce(0, +) == theirs.count)

            // what registration could not have stored is refused (#14 review 14e: a short number it can)
            for refused in [String(repeating: "1", count: 41), "1101\u{200B}05", ""] {
                await #expect(throws: AppError.self) {
                    _ = try await PersonalDataExport.collect(idNumber: refused, phone: nil, actor: .system, on: app.db)
                }
            }
        }
    }

    /// Review 8d (issue #8): an export's entry is read by the auditors of the agency whose records
    /// it took, not by a township's auditor, who would read another agency's tracking number; an
    /// export that found nothing is the installation's, read by the auditors who reach every agency.
    @Test func anExportEntryDoesNotShowOtherAgenciesTrackingNumbersToATownshipAuditor() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-01")
            try await RequestFixtures.register(officer, RequestFixtures.registration(), agency: county.bureau)
            let request = try #require(try await DisclosureRequest.query(on: app.db).first())
            try await county.user("town.aud", [.auditor], in: county.township, on: app)
            try await county.user("edu.aud", [.auditor], in: county.bureau, on: app)
            try await county.user("gov.aud", [.auditor], in: county.government, on: app)
            _ = try await PersonalDataExport.collect(idNumber: RequestFixtures.idNumber, phone: nil, actor: .system, on: app.db)
            let text = { (entries: [AuditEntryDTO]) in
                entries.map { $0.summary + ($0.after ?? [:]).values.joined(separator: " ") }.joined(separator: "\n")
            }
            let townSees = try await AuditHistoryTests.seen(by: "town.aud", on: app)
            #expect(!text(townSees).contains(request.trackingNumber), "a township auditor reads the bureau's tracking number")
            let exports = { (who: String) in try await AuditHistoryTests.seen(by: who, query: "action=export_personal_data", on: app) }
            let eduExports = try await exports("edu.aud")
            #expect(eduExports.count == 1 && text(eduExports).contains(request.trackingNumber))
            #expect(try await exports("gov.aud").count == 1)
            #expect(try await exports("town.aud").isEmpty)
            // an export that found nothing: no agency, the county's auditor alone reads it
            _ = try await PersonalDataExport.collect(idNumber: "110105199001010000", phone: nil, actor: .system, on: app.db)
            #expect(try await exports("gov.aud").count == 2)
            #expect(try await exports("edu.aud").count == 1)
            #expect(try await exports("town.aud").isEmpty)
        }
    }

    @Test func theCommandsPrintCountsAndJSONAndRefuseWithoutAPeriod() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        var person = ""
        try await withApp(on: database.location) { app in
            app.settings.fixedToday = Self.demoToday
            _ = try await DemoCounty.load(
                hasher: PasswordHasher(cost: 4, threadPool: app.threadPool), context: try await app.requestContext(), on: app.db)
            person = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$idNumberHash != "").first()).idNumber
        }
        let cli = CLITests()
        // without a period: refused with the setting's name, non-zero
        let refused = try await cli.gongkai(["retention", "run"], database: database.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("GONGKAI_RETENTION_YEARS"), "\(refused.stderr)")
        // the export prints JSON holding the person's requests
        let export = try await cli.gongkai(["personal-data", "export", "--id-number", person], database: database.url)
        #expect(export.status == 0, "\(export.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
        #expect((object["requests"] as? [Any])?.isEmpty == false)
        // a dry run counts, the run does the same number, a second run finds nothing
        let dry = try await cli.gongkai(["retention", "run", "--years", "1", "--dry-run"], database: database.url)
        #expect(dry.status == 0, "\(dry.stderr)")
        let dryCount = try #require(dry.stdout.firstMatch(of: /requests (\d+)/)).1
        #expect(Int(dryCount)! > 0)
        let run = try await cli.gongkai(["retention", "run", "--years", "1"], database: database.url)
        #expect(run.stdout.firstMatch(of: /requests (\d+)/)?.1 == dryCount)
        let again = try await cli.gongkai(["retention", "run", "--years", "1"], database: database.url)
        #expect(again.stdout.contains("requests 0\n") && again.stdout.contains("messages 0\n"), "\(again.stdout)")
    }
}

/// #14 review 14e: the export finds what the intake takes.
extension PersonalDataTests {
    /// Registration takes, for a passport or another document, any 1–40 characters
    /// (`IdentityNumberRule`); the export looks for exactly those, so the person's access request
    /// (PIPL Art. 45) can be answered by the console and the command.
    @Test func theExportFindsEveryIdentityNumberRegistrationAccepts() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            for (type, number) in [("other", "军字第2001988号"), ("passport", "E1234"), ("other", "AB/123/456"), ("passport", "x")] {
                var form = RequestFixtures.registration().filter { !["id_type", "id_number"].contains($0.0) }
                form += [("id_type", type), ("id_number", number)]
                let registered = try await RequestFixtures.register(officer, form, agency: county.bureau)
                #expect(registered.status == .seeOther, "registration refuses \(number): \(registered.body.prefix(300))")
                let r = try #require(try await DisclosureRequest.query(on: app.db).sort(\.$id, .descending).first())
                let export = try await PersonalDataExport.collect(idNumber: number, phone: nil, actor: .system, on: app.db)
                #expect(export.requests.map(\.trackingNumber) == [r.trackingNumber], "\(number): not found")
            }
            // and what registration refuses for them, the export refuses with the same words
            var form = RequestFixtures.registration().filter { !["id_type", "id_number"].contains($0.0) }
            form += [("id_type", "passport"), ("id_number", "E12\u{200B}34")]
            let refused = try await RequestFixtures.register(officer, form, agency: county.bureau)
            #expect(refused.status == .unprocessableEntity && refused.body.contains("证件号码不能含控制字符或格式字符（U+200B"))
            await #expect { try await PersonalDataExport.collect(idNumber: "E12\u{200B}34", phone: nil, actor: .system, on: app.db) } throws: {
                ($0 as? AppError)?.fields["id_number"]?.contains("U+200B") == true
            }
        }
    }

    /// The mailbox and registration took phones in Chinese numerals, circled or Arabic-Indic
    /// digits, which the look-ups read as no digits at all (hashed as "nothing recorded"): they
    /// are refused with a message; a full-width phone is taken and found by its ASCII digits.
    @Test func aPhoneTheMailboxAcceptsIsOneTheLookUpsRead() async throws {
        let keys = PersonalDataKeys(current: try #require(PersonalDataKey(base64: PersonalDataEncryptionTests.keyA)), previous: nil)
        for phone in ["一三八一二三四五六七八", "①③⑧①②③④⑤⑥⑦⑧", "١٣٨١٢٣٤٥٦٧٨"] {
            let fields = FormFields(["sender_phone": [phone], "subject": ["路灯不亮"], "content": ["人民路路灯坏了三天"], "kind": ["complaint"]])
            #expect { try MessageIntake.Letter(fields: fields, nameRequired: false) } throws: {
                ($0 as? AppError)?.fields["sender_phone"]?.contains("不是阿拉伯数字") == true
            }
            var input = RequestInput(
                agencyID: 1, channel: .inPerson, submittedOn: "2024-03-04", receivedOn: "2024-03-04", applicantKind: .naturalPerson,
                applicantName: "王小明", idType: .passport, idNumber: "E1234", contactPerson: "", phone: phone, email: "", address: "",
                description: "城区道路改造立项批复", documentNumber: "", provisionForm: .electronic, deliveryMethod: .email, caseOfficerID: nil,
                relatedRequestID: nil)
            #expect(input.problems(today: "2024-03-04")["phone"]?.contains("不是阿拉伯数字") == true, "\(phone)")
            input.phone = "１３８１２３４５６７８"
            #expect(input.problems(today: "2024-03-04")["phone"] == nil)
        }
        let wide = FormFields(["sender_phone": ["１３８ １２３４ ５６７８"], "subject": ["路灯不亮"], "content": ["人民路路灯坏了三天"], "kind": ["complaint"]])
        let letter = try MessageIntake.Letter(fields: wide, nameRequired: false)
        #expect(keys.phoneHash(letter.senderPhone) == keys.phoneHash("13812345678"))
        #expect(PersonalDataRetention.phoneLastFour(letter.senderPhone) == "5678")
        #expect(throws: Never.self) { try PersonalDataExport.validate(idNumber: "11010519491231002X", phone: letter.senderPhone) }
    }
}
