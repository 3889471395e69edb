import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// A conversion to a disclosure request is a reclassification, not a step in time (issue #12,
/// review 12d H1–H3): a converted copy, or a converted message without copies, is left out of
/// the message figures of every period, whatever the conversion's date. So each item falls in
/// exactly one period of any partition of time, or in none when every copy was converted.
@Suite("Messages: conversions and periods")
struct MessageConversionCountingTests {
    static let header = MessageReviewFixesTests.header
    typealias F = MessageReviewFixesTests
    typealias R = Review12cTests

    static func year(_ app: Application, _ ids: [Int], _ y: Int) async throws -> MessageTally {
        try await MessageFigures.query(agencyIDs: ids, from: CivilDate(year: y, month: 1, day: 1)!, through: CivilDate(year: y, month: 12, day: 31)!,
                                       on: app.db).total
    }

    /// Turns `sourceID`'s copy in `agency` into a disclosure request through the console, as
    /// `officer`, with `extra` fields (the confirmed receipt date, say).
    static func convert(_ app: Application, _ officer: TestClient, _ sourceID: String, agency: Int,
                        extra: [(String, String)] = []) async throws {
        let copy = try await R.one(app, sourceID, agency: agency)
        let fields = RequestFixtures.registration(description: copy.content).filter {
            !["agency_id", "channel", "submitted_on", "received_on"].contains($0.0)
        }
        let converted = try await officer.post("/console/messages/\(try copy.requireID())/to-request",
                                               form: fields + extra + [("version", String(copy.version))])
        try #require(converted.status == .seeOther, "\(converted.body.prefix(300))")
    }

    /// Review 12d H1. The government receives RX-D1 on 2023-12-28 (open on 31 Dec: in the 2023
    /// figures) and turns it into a disclosure request on 2024-01-05; in March the hotline sends
    /// the item on to the bureau, which answers it. Before: counted in 2023 (the government's
    /// copy, open as of 31 Dec) and again in 2024 (the bureau's). Now the converted copy leaves
    /// every period: 2023 drops to 0 on 5 Jan (the item is a request, in table 三), and the
    /// bureau's copy brings the item back in 2024 only — one year.
    @Test func aConversionAfterTheYearEndThenALaterCopyElsewhereIsCountedInOneYear() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2023-12-31"
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            let all = [gov, bureau]
            try await F.importFile(app, agencyID: gov, Self.header + "RX-D1,12345热线,2023-12-28 10:00,申请公开预算,申请公开本年度部门预算表,,,,\r\n")
            let published = try await Self.year(app, all, 2023)
            #expect(published.received == 1 && published.open == 1)
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            app.settings.fixedToday = "2024-01-05"
            try await Self.convert(app, officer, "RX-D1", agency: gov)
            #expect(try await Self.year(app, all, 2023).received == 0, "a request now, counted in table 三")
            app.settings.fixedToday = "2024-03-10"
            try await F.importFile(app, agencyID: bureau,
                                   Self.header + "RX-D1,12345热线,2024-03-01 09:00,申请公开预算,申请公开本年度部门预算表,教育股,2024-03-08 10:00,已答复,满意\r\n")
            let y23 = try await Self.year(app, all, 2023), y24 = try await Self.year(app, all, 2024)
            #expect(y23.received == 0 && y24.received == 1 && y24.completed == 1 && y24.satisfied == 1, "2023 \(y23), 2024 \(y24)")
            #expect(try await Self.year(app, [bureau], 2024) == y24, "in the bureau's figures")
        }
    }

    /// Review 12d H3. A message without copies and a copy follow one rule: converted after the
    /// year's end, a 2023 message leaves the 2023 figures (it was left out by today's status
    /// already; copies were taken as of the period's end, so the two paths disagreed). The
    /// request keeps the message's receipt date, so the item is in table 三 of 2023 instead.
    @Test func aMessageWithoutCopiesConvertedAfterTheYearEndLeavesThe2023FiguresForTable3() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2023-12-31"
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "RX-D2,12345热线,2023-12-28 10:00,申请公开预算,申请公开本年度部门预算表,,,,\r\n")
            let published = try await Self.year(app, [gov], 2023)
            #expect(published.received == 1 && published.open == 1)
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            app.settings.fixedToday = "2024-01-05"
            // a hotline call is the channel 其他: its receipt is the day confirmed with the applicant (Art. 31)
            try await Self.convert(app, officer, "RX-D2", agency: gov, extra: [("received_on", "2023-12-28")])
            let after = try await Self.year(app, [gov], 2023)
            #expect(after.received == 0 && after.open == 0, "left the message figures: \(after)")
            let request = try #require(try await DisclosureRequest.query(on: app.db).first())
            #expect(request.submittedOn == "2023-12-28" && request.receivedOn == "2023-12-28",
                    "the request is received in 2023 (table 三 of 2023): \(request.submittedOn) / \(String(describing: request.receivedOn))")
            // a copy converted the same way follows the same rule
            try await F.importFile(app, agencyID: gov, Self.header + "RX-D4,12345热线,2023-12-28 10:00,申请公开决算,申请公开上年度决算表,,,,\r\n")
            try await F.importFile(app, agencyID: try county.bureau.requireID(),
                                   Self.header + "RX-D4,12345热线,2024-01-02 10:00,申请公开决算,申请公开上年度决算表,,,,\r\n")
            #expect(try await Self.year(app, [gov], 2023).received == 1)
            try await Self.convert(app, officer, "RX-D4", agency: gov, extra: [("received_on", "2023-12-28")])
            #expect(try await Self.year(app, [gov], 2023).received == 0, "the converted copy left 2023 as the message without copies did")
        }
    }

    /// Review 12d H2. The government receives RX-D3 on 2024-06-20 (open on 30 Jun), converts it on
    /// 2024-07-02; the bureau receives the hotline's copy on 2024-08-01 and answers it. The
    /// half-years add up to the year: the item is in the second half only.
    @Test func twoHalfYearsAddUpToTheYear() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-30"
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "RX-D3,12345热线,2024-06-20 10:00,申请公开预算,申请公开本年度部门预算表,,,,\r\n")
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            app.settings.fixedToday = "2024-07-02"
            try await Self.convert(app, officer, "RX-D3", agency: gov)
            app.settings.fixedToday = "2024-12-31"
            try await F.importFile(app, agencyID: bureau,
                                   Self.header + "RX-D3,12345热线,2024-08-01 09:00,申请公开预算,申请公开本年度部门预算表,教育股,2024-08-08 10:00,已答复,满意\r\n")
            let ids = [gov, bureau]
            let h1 = try await MessageFigures.query(agencyIDs: ids, from: "2024-01-01", through: "2024-06-30", on: app.db).total
            let h2 = try await MessageFigures.query(agencyIDs: ids, from: "2024-07-01", through: "2024-12-31", on: app.db).total
            let y = try await Self.year(app, ids, 2024)
            #expect(h1.received == 0 && h2.received == 1 && y.received == 1, "first half \(h1.received) + second half \(h2.received) vs the year \(y.received)")
        }
    }

    /// Review 12d: three copies received in three years (government 2023-12-20, bureau
    /// 2024-01-05, township 2025-01-03), answered and dismissed in different years, plus a second
    /// item whose third copy is converted after a year's end. Each item in exactly one year; in
    /// each year the subtree is the sum of its agencies; re-importing every export changes nothing.
    @Test func threeCopiesAcrossThreeYearsEachInOnePeriodAndOneAgency() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2023-12-31"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID(), town = try county.township.requireID()
            try await county.user("townofficer", [.caseOfficer], in: county.township, on: app)
            let g = Self.header + "RX-F1,12345热线,2023-12-20 10:00,路灯,路灯不亮,,,,\r\n" + "RX-F2,12345热线,2023-12-31 23:30,燃气,燃气泄漏,,,,\r\n"
            try await F.importFile(app, agencyID: gov, g)
            func snapshot() async throws -> [Int: [Int]] {
                var out: [Int: [Int]] = [:]
                for y in 2023...2025 {
                    var row: [Int] = []
                    for ids in [[gov], [bureau], [town], [gov, bureau, town]] { row.append(try await Self.year(app, ids, y).received) }
                    out[y] = row
                }
                return out
            }
            let published2023 = try await Self.year(app, [gov, bureau, town], 2023)
            #expect(published2023.received == 2 && published2023.open == 2)
            app.settings.fixedToday = "2024-01-05"
            try await F.act(app, try await R.one(app, "RX-F2", agency: gov).requireID(), .notAccept(reason: .duplicate, note: "重复。", on: "2024-01-02"))
            let b = Self.header + "RX-F1,12345热线,2024-01-05 09:00,路灯,路灯不亮,后勤股,2024-02-01 10:00,已修复,满意\r\n"
                + "RX-F2,12345热线,2024-01-02 09:00,燃气,燃气泄漏,,,,\r\n"
            app.settings.fixedToday = "2024-02-02"
            try await F.importFile(app, agencyID: bureau, b)
            app.settings.fixedToday = "2024-12-30"
            let t1 = Self.header + "RX-F2,12345热线,2024-12-30 09:00,燃气,燃气泄漏,,,,\r\n"
            try await F.importFile(app, agencyID: town, t1)
            app.settings.fixedToday = "2025-01-03"
            let townOfficer = TestClient(app)
            try await townOfficer.signIn("townofficer", County.password)
            try await Self.convert(app, townOfficer, "RX-F2", agency: town)
            app.settings.fixedToday = "2025-01-10"
            let t2 = Self.header + "RX-F1,12345热线,2025-01-03 09:00,路灯,路灯不亮,,,,\r\n"
            try await F.importFile(app, agencyID: town, t2)
            try await F.act(app, try await R.one(app, "RX-F1", agency: town).requireID(), .notAccept(reason: .duplicate, note: "重复。", on: "2025-01-04"))
            // the township's conversion leaves the government's 2023 copy standing: 2023 unchanged
            #expect(try await Self.year(app, [gov, bureau, town], 2023) == published2023, "the 2023 figures changed")
            let s = try await snapshot()
            for y in 2023...2025 {
                let r = try #require(s[y])
                #expect(r[0] + r[1] + r[2] == r[3], "\(y): agencies \(r[0...2]) vs subtree \(r[3])")
            }
            #expect((2023...2025).map { s[$0]![3] }.reduce(0, +) == 2, "two items over three years: \(s)")
            // every export again, in another order
            try await F.importFile(app, agencyID: town, t2)
            try await F.importFile(app, agencyID: bureau, b)
            try await F.importFile(app, agencyID: gov, g)
            try await F.importFile(app, agencyID: town, t1)
            #expect(try await R.one(app, "RX-F2", agency: town).status == .convertedToRequest)
            #expect(try await snapshot() == s)
            // the span across all three years counts each item once too
            let span = try await MessageFigures.query(agencyIDs: [gov, bureau, town], from: "2023-01-01", through: "2025-12-31", on: app.db).total
            #expect(span.received == 2, "\(span)")
        }
    }

    // MARK: - generated items

    /// A small deterministic generator (SplitMix64): the same items on every run and database.
    struct Dice {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    enum Fate: CaseIterable { case answered, open, dismissed, converted }

    struct Copy {
        var agency: Int  // index into the agencies
        var received: CivilDate
        var fate: Fate
        var closed: CivilDate  // answered, dismissed or converted on (unused when open)
        var rating: String
    }

    /// Whether the item is closed as of `day` by the rule: of its copies not converted and
    /// received by `day`, an answered one by then wins, else an open one, else a dismissed one.
    static func closed(_ copies: [Copy], asOf day: CivilDate) -> Bool {
        let standing = copies.filter { $0.fate != .converted && $0.received <= day }
        if standing.contains(where: { $0.fate == .answered && $0.closed <= day }) { return true }
        return standing.allSatisfy { $0.fate == .dismissed && $0.closed <= day }
    }

    /// For 40 generated hotline items of 1–3 copies in 2–3 agencies — receipts, answers (rated or
    /// not), dismissals and conversions across 2023–2024 — each item is in the year of the first
    /// receipt among its copies not converted (in no year when all were), so in at most one of
    /// 2023 and 2024, per item (`countedCopies`' source ids) and in total; the half-years and the
    /// quarters add up to the year; the subtree is the sum of its agencies in every period; the
    /// completed count as of each year's end follows the standing rule; and the copy marked today
    /// is never a converted one while another copy stands.
    @Test func generatedItemsFallInOnePeriodAndAddUp() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-12-31"
            let county = try await County.make(on: app)
            let agencies = [try county.government.requireID(), try county.bureau.requireID(), try county.township.requireID()]
            try await county.user("officer0", [.caseOfficer], on: app)
            try await county.user("officer1", [.caseOfficer], in: county.bureau, on: app)
            try await county.user("officer2", [.caseOfficer], in: county.township, on: app)
            var dice = Dice(state: 12_345)
            let first = CivilDate(year: 2023, month: 1, day: 1)!, last = CivilDate(year: 2024, month: 12, day: 31)!
            var items: [String: [Copy]] = [:]
            for n in 1...40 {
                let count = 1 + dice.below(3)
                var places = [0, 1, 2]
                var copies: [Copy] = []
                let hotline = first.adding(days: dice.below(700))  // up to early December 2024
                for _ in 0..<count {
                    let agency = places.remove(at: dice.below(places.count))
                    // a later copy: the hotline sends the item on up to 60 days later, across the year's end at times
                    let received = copies.isEmpty ? hotline : hotline.adding(days: dice.below(60))
                    let fate = Fate.allCases[dice.below(4)]
                    let closed = min(received.adding(days: dice.below(40)), last)
                    let rating = ["", "满意", "基本满意", "不满意"][dice.below(4)]
                    copies.append(Copy(agency: agency, received: min(received, last), fate: fate, closed: closed, rating: rating))
                }
                items["RX-P\(n)"] = copies
            }
            // one import per agency: answered copies carry their answer, the others are open
            for (index, agency) in agencies.enumerated() {
                var csv = Self.header
                for (id, copies) in items.sorted(by: { $0.key < $1.key }) {
                    for c in copies where c.agency == index {
                        let done = c.fate == .answered ? "办理股,\(c.closed.iso) 16:00,已办理,\(c.rating)" : ",,,"
                        csv += "\(id),12345热线,\(c.received.iso) 09:00,事项\(id),事项\(id)的内容,\(done)\r\n"
                    }
                }
                try await F.importFile(app, agencyID: agency, csv)
            }
            let officers = try await [0, 1, 2].asyncMap { i -> TestClient in
                let c = TestClient(app)
                try await c.signIn("officer\(i)", County.password)
                return c
            }
            // dismissals and conversions on their days
            for (id, copies) in items.sorted(by: { $0.key < $1.key }) {
                for c in copies {
                    switch c.fate {
                    case .dismissed:
                        try await F.act(app, try await R.one(app, id, agency: agencies[c.agency]).requireID(),
                                        .notAccept(reason: .duplicate, note: "重复。", on: c.closed))
                    case .converted:
                        app.settings.fixedToday = c.closed
                        try await Self.convert(app, officers[c.agency], id, agency: agencies[c.agency])
                        app.settings.fixedToday = "2024-12-31"
                    case .answered, .open: break
                    }
                }
            }
            // the rule, item by item
            // (an item with a converted copy whose other copies were all dismissed as 重复 is a
            // request: in no period — review 12e M2)
            func expectedYear(_ copies: [Copy]) -> Int? {
                let others = copies.filter { $0.fate != .converted }
                if others.count < copies.count && others.allSatisfy({ $0.fate == .dismissed }) { return nil }
                return others.map(\.received).min()?.year
            }
            // the generator makes the case of review 12e M2: converted, the other copies dismissed as 重复
            #expect(items.values.contains { $0.count > 1 && $0.contains { $0.fate == .dismissed } && expectedYear($0) == nil },
                    "no item converted and otherwise dismissed")
            let sql = try app.db.requireSQL()
            let bytes = sql.dialect.name == "postgresql" ? #" COLLATE "C""# : ""
            var perYear: [Int: Set<String>] = [:]
            for y in [2023, 2024] {
                let rows = try await sql.raw(
                    "SELECT source_id FROM (\(MessageDuplicates.countedCopies(agencyIDs: agencies, from: CivilDate(year: y, month: 1, day: 1)!, through: CivilDate(year: y, month: 12, day: 31)!, collate: bytes))) AS x"
                ).all()
                perYear[y] = Set(try rows.map { try $0.decode(column: "source_id", as: String.self) })
            }
            for (id, copies) in items where copies.count > 1 {
                let years = [2023, 2024].filter { perYear[$0]!.contains(id) }
                #expect(years.count <= 1, "\(id) counted in \(years): \(copies)")
                #expect(years.first == expectedYear(copies), "\(id) counted in \(years), expected \(String(describing: expectedYear(copies))): \(copies)")
            }
            for y in [2023, 2024] {
                let end = CivilDate(year: y, month: 12, day: 31)!
                let inYear = items.values.filter { expectedYear($0) == y }
                let total = try await Self.year(app, agencies, y)
                #expect(total.received == inYear.count, "\(y): \(total.received) received, the rule says \(inYear.count)")
                #expect(total.completed == inYear.filter { Self.closed($0, asOf: end) }.count, "\(y): completed \(total)")
                // the half-years and the quarters add up to the year; each is the sum of its agencies
                let bounds: [(Int, Int, Int, Int)] = [(1, 1, 6, 30), (7, 1, 12, 31), (1, 1, 3, 31), (4, 1, 6, 30), (7, 1, 9, 30), (10, 1, 12, 31), (1, 1, 12, 31)]
                var received: [Int] = []
                for (m1, d1, m2, d2) in bounds {
                    let from = CivilDate(year: y, month: m1, day: d1)!, through = CivilDate(year: y, month: m2, day: d2)!
                    let subtree = try await MessageFigures.query(agencyIDs: agencies, from: from, through: through, on: app.db).total
                    var sum = MessageTally()
                    for a in agencies {
                        sum = MessageCountingReviewTests.add(sum, try await MessageFigures.query(agencyIDs: [a], from: from, through: through, on: app.db).total)
                    }
                    #expect(sum == subtree, "\(from)…\(through): agencies \(sum) vs subtree \(subtree)")
                    received.append(subtree.received)
                }
                #expect(received[0] + received[1] == total.received, "\(y): halves \(received[0...1]) vs \(total.received)")
                #expect(received[2...5].reduce(0, +) == total.received, "\(y): quarters \(received[2...5]) vs \(total.received)")
            }
            let span = try await MessageFigures.query(agencyIDs: agencies, from: "2023-01-01", through: "2024-12-31", on: app.db).total
            #expect(span.received == items.values.filter { expectedYear($0) != nil }.count, "the span: \(span)")
            // the mark (today's counted copy) is never a converted copy while another stands
            for (id, copies) in items where copies.count > 1 && copies.contains(where: { $0.fate != .converted }) {
                let rows = try await F.message(app, sourceID: id)
                let marked = try #require(rows.first { $0.supersededByID == $0.id }, "\(id): no counted copy marked")
                #expect(marked.status != .convertedToRequest, "\(id): the marked copy is a converted one")
                #expect(rows.allSatisfy { $0.supersededByID == marked.id }, "\(id): the copies point to different rows")
            }
        }
    }

    static func toMessage(_ app: Application, _ officer: TestClient) async throws {
        let r = try #require(try await DisclosureRequest.query(on: app.db).first())
        let back = try await officer.post("/console/requests/\(try r.requireID())/to-message",
                                          form: [("version", String(r.version)), ("kind", "complaint"), ("service_method", "online")])
        try #require(back.status == .seeOther, "\(back.body.prefix(300))")
    }

    /// Review 12e M1. Message → request → message: a hotline item RX-R1 reaches the government
    /// (2024-03-01) and the bureau (2024-03-02); the government converts its copy (03-05), the
    /// request turns out to be a complaint and goes back to a message (03-06). The new message is
    /// again a copy of the item — its source id, channel and receipt — so the call stays one item
    /// in the 2024 figures; the converted copy stays, linked to the request.
    @Test func messageToRequestAndBackCountsTheHotlineItemOnce() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-03-02"
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "RX-R1,12345热线,2024-03-01 10:00,申请公开预算,申请公开本年度部门预算表,,,,\r\n")
            try await F.importFile(app, agencyID: bureau, Self.header + "RX-R1,12345热线,2024-03-02 10:00,申请公开预算,申请公开本年度部门预算表,,,,\r\n")
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            #expect(try await Self.year(app, [gov, bureau], 2024).received == 1)
            app.settings.fixedToday = "2024-03-05"
            try await Self.convert(app, officer, "RX-R1", agency: gov, extra: [("received_on", "2024-03-01")])
            #expect(try await Self.year(app, [gov, bureau], 2024).received == 1)
            app.settings.fixedToday = "2024-03-06"
            try await Self.toMessage(app, officer)
            let rows = try await F.message(app, sourceID: "RX-R1")
            #expect(rows.count == 3)
            let made = try #require(rows.first { $0.$fromRequest.id != nil })
            #expect(made.receivedOn == "2024-03-01" && made.channelKind == .hotline12345 && made.channelName == "12345热线" && made.importAgencyID == nil)
            #expect(rows.contains { $0.status == .convertedToRequest && $0.$toRequest.id != nil })
            #expect(rows.allSatisfy { $0.supersededByID != nil }, "the new copy settled with the others")
            let y = try await Self.year(app, [gov, bureau], 2024)
            #expect(y.received == 1, "one hotline call counted as \(y.received) messages")
            #expect(try await Self.year(app, [gov], 2024).received + (try await Self.year(app, [bureau], 2024).received) == 1)
        }
    }

    /// Review 12e LOW. One copy only, converted across a quarter's end and back: counted once,
    /// in the quarter of its receipt, and the quarters add up to the year.
    @Test func singleMessageToRequestAndBackOnceAcrossQuarters() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-03-30"
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "RX-R2,12345热线,2024-03-29 10:00,申请公开预算,申请公开本年度部门预算表,,,,\r\n")
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            app.settings.fixedToday = "2024-04-02"
            try await Self.convert(app, officer, "RX-R2", agency: gov, extra: [("received_on", "2024-03-29")])
            try await Self.toMessage(app, officer)
            let q1 = try await MessageFigures.query(agencyIDs: [gov], from: "2024-01-01", through: "2024-03-31", on: app.db).total
            let q2 = try await MessageFigures.query(agencyIDs: [gov], from: "2024-04-01", through: "2024-06-30", on: app.db).total
            let y = try await Self.year(app, [gov], 2024)
            #expect(q1.received == 1 && q2.received == 0 && y.received == 1, "q1 \(q1.received) q2 \(q2.received) year \(y.received)")
        }
    }

    /// A request registered on the platform (not from a message) turned into a message keeps
    /// today's behaviour: received today, no source id.
    @Test func aRequestNotFromAMessageBecomesAMessageReceivedToday() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-02")
            try await RequestFixtures.register(officer, RequestFixtures.registration(channel: "in_person", submittedOn: "2024-03-29",
                                                                                    description: "投诉县第二中学食堂卫生问题"), agency: county.bureau)
            try await Self.toMessage(app, officer)
            let m = try #require(try await PublicMessage.query(on: app.db).first())
            #expect(m.receivedOn == "2024-04-02" && m.sourceID == nil && m.supersededByID == nil && m.channelName == "来访")
        }
    }

    /// Review 12e M2. The hotline sends RX-T1 to the government (2024-05-06) and the bureau
    /// (05-07); the bureau closes its leftover copy as 不予受理 · 重复 (05-08); the government
    /// converts its copy (05-10). The item is a request (table 三): in no period's message
    /// figures — neither through the bureau's dismissal nor, before it, through its open copy.
    @Test func aDuplicateDismissalDoesNotKeepAConvertedItemInTheFigures() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-05-07"
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "RX-T1,12345热线,2024-05-06 10:00,申请公开预算,申请公开本年度部门预算表,,,,\r\n")
            try await F.importFile(app, agencyID: bureau, Self.header + "RX-T1,12345热线,2024-05-07 10:00,申请公开预算,申请公开本年度部门预算表,,,,\r\n")
            app.settings.fixedToday = "2024-05-08"
            try await F.act(app, try await R.one(app, "RX-T1", agency: bureau).requireID(), .notAccept(reason: .duplicate, note: "重复。", on: "2024-05-08"))
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            #expect(try await Self.year(app, [gov, bureau], 2024).received == 1, "not converted yet: counted")
            app.settings.fixedToday = "2024-05-10"
            try await Self.convert(app, officer, "RX-T1", agency: gov, extra: [("received_on", "2024-05-06")])
            let y = try await Self.year(app, [gov, bureau], 2024)
            #expect(y.received == 0, "a request (table 三) also counted as a message: \(y)")
            let upTo = try await MessageFigures.query(agencyIDs: [gov, bureau], from: "2024-01-01", through: "2024-05-07", on: app.db).total
            #expect(upTo.received == 0, "the bureau's copy, open on 05-07, keeps the item in that period: \(upTo)")
        }
    }

    /// The same with the bureau's copy dismissed for another reason (or answered): it stands,
    /// so the item is counted with it.
    @Test func aConvertedItemWithAnotherDismissalStaysCounted() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-05-08"
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "RX-T2,12345热线,2024-05-06 10:00,申请公开预算,申请公开本年度部门预算表,,,,\r\n")
            try await F.importFile(app, agencyID: bureau, Self.header + "RX-T2,12345热线,2024-05-07 10:00,申请公开预算,申请公开本年度部门预算表,,,,\r\n")
            try await F.act(app, try await R.one(app, "RX-T2", agency: bureau).requireID(), .notAccept(reason: .notOurDuty, note: "不属于本机关职责。", on: "2024-05-08"))
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            try await Self.convert(app, officer, "RX-T2", agency: gov, extra: [("received_on", "2024-05-06")])
            let y = try await Self.year(app, [gov, bureau], 2024)
            #expect(y.received == 1 && y.notAccepted == 1, "\(y)")
        }
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ f: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await f(e)) }
        return out
    }
}
