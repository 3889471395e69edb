import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// The figures against a count made by hand on a fixture, on the page, the API and the CLI.
@Suite("政民互动: figures in SQL match a hand count")
struct MessageFiguresTests {
    struct Row {
        let received: String
        let channel: String
        let status: MessageStatus
        var completed: String? = nil
        var rating: Satisfaction? = nil
        var rated: String? = nil
        var onTime: Bool? = nil
        var days: Int? = nil
        var bureau = false
    }

    /// Twelve messages; the comments say where each is counted.
    static let rows: [Row] = [
        .init(received: "2023-03-01", channel: "12345热线", status: .completed, completed: "2023-03-03", rating: .satisfied, rated: "2023-03-04", onTime: true, days: 2),
        .init(received: "2023-03-15", channel: "12345热线", status: .completed, completed: "2023-03-20", rating: .basicallySatisfied, rated: "2023-03-21", onTime: true, days: 3),
        .init(received: "2023-06-10", channel: "12345热线", status: .completed, completed: "2023-07-10", rating: .dissatisfied, rated: "2023-07-11", onTime: false, days: 21),
        // received in 2023, closed and rated in 2024: open at the end of 2023
        .init(received: "2023-12-30", channel: "12345热线", status: .completed, completed: "2024-01-03", rating: .satisfied, rated: "2024-01-04", onTime: true, days: 2),
        .init(received: "2023-12-31", channel: "12345热线", status: .accepted),
        .init(received: "2023-05-05", channel: "县长信箱", status: .completed, completed: "2023-05-10", onTime: true, days: 3),
        .init(received: "2023-08-08", channel: "县长信箱", status: .notAccepted, completed: "2023-08-09", onTime: true, days: 1),
        .init(received: "2023-09-09", channel: "政务服务网", status: .completed, completed: "2023-09-12", rating: .satisfied, rated: "2023-09-12", onTime: true, days: 1),
        // a disclosure request really: counted in table 三, not here
        .init(received: "2023-10-10", channel: "微信公众号", status: .convertedToRequest, completed: "2023-10-11"),
        // 2022 and 2024
        .init(received: "2022-12-31", channel: "12345热线", status: .completed, completed: "2023-01-02", onTime: true, days: 1),
        .init(received: "2024-01-01", channel: "政务服务网", status: .received),
        // handled by the bureau (transferred there): only in the subtree's figures
        .init(received: "2023-04-04", channel: "12345热线", status: .completed, completed: "2023-04-10", onTime: true, days: 4, bureau: true),
    ]

    static func load(_ county: County, on app: Application) async throws {
        let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
        _ = try await MessageChannels.list(agencyID: gov, on: app.db)
        for (i, r) in rows.enumerated() {
            let m = PublicMessage()
            m.version = 1
            m.$agency.id = r.bureau ? bureau : gov
            m.$transferredFrom.id = r.bureau ? gov : nil
            m.trackingNumber = "MBTEST-\(i)"
            m.source = .staff
            m.channelName = r.channel
            m.channelKind = .hotline12345
            m.kind = .help
            m.senderName = "某"
            m.senderPhone = "13800000000"
            m.subject = "第 \(i) 件"
            m.content = "内容"
            m.publicationAllowed = false
            let received = CivilDate(iso: r.received)!
            m.receivedOn = received
            m.receivedAt = AuditQuery.instant(startOf: received).addingTimeInterval(3600)
            m.timeLimitDays = 15
            m.timeLimitBasis = "测试"
            m.status = r.status
            m.assignedUnit = ""
            m.reply = ""
            m.completedOn = r.completed.flatMap(CivilDate.init(iso:))
            m.satisfaction = r.rating
            m.ratingSource = r.rating == nil ? nil : .sender
            m.ratedOn = r.rated.flatMap(CivilDate.init(iso:))
            m.onTime = r.onTime
            m.handlingDays = r.days
            m.publication = .notAllowed
            try await m.create(on: app.db)
        }
    }

    @Test func theYearOfOneAgencyByHand() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await Self.load(county, on: app)
            let f = try await MessageFigures.query(agencyIDs: [try county.government.requireID()], from: "2023-01-01", through: "2023-12-31", on: app.db)
            // counted by hand from the rows above
            #expect(f.byChannel == ["12345热线": 5, "县长信箱": 2, "政务服务网": 1, "微信公众号": 0, "电话": 0, "来信": 0, "来访": 0])
            let t = f.total
            #expect(t.received == 8 && t.completed == 6 && t.open == 2 && t.notAccepted == 1)
            #expect(t.rated == 4 && t.satisfied == 2 && t.basicallySatisfied == 1 && t.dissatisfied == 1)
            #expect(t.completionRate == 0.75 && t.satisfactionRate == 0.75)
            #expect(t.onTime == 5 && t.timed == 6 && t.handlingDaysTotal == 31)
            #expect(f.channels.map(\.name).prefix(3) == ["12345热线", "县长信箱", "政务服务网"])
            #expect(f.months.count == 12)
            #expect(f.months.map(\.received) == [0, 0, 2, 0, 1, 1, 0, 1, 1, 0, 0, 2])
            // of each month's messages, those completed by the year's end: the months add up to the totals
            #expect(f.months.map(\.completed) == [0, 0, 2, 0, 1, 1, 0, 1, 1, 0, 0, 0])
            #expect(f.months.map(\.received).reduce(0, +) == t.received && f.months.map(\.completed).reduce(0, +) == t.completed)
            // and the SQL says what the definition in GongkaiCore says
            let facts = try await PublicMessage.query(on: app.db).filter(\.$agency.$id == county.government.requireID()).all().map {
                MessageFact(channel: $0.channelName, status: $0.status, receivedOn: $0.receivedOn, completedOn: $0.completedOn,
                            satisfaction: $0.satisfaction, ratedOn: $0.ratedOn, onTime: $0.onTime, handlingDays: $0.handlingDays)
            }
            let pure = MessageTally.count(facts, in: MessagePeriod.year(2023)!)
            #expect(MessageTally.total(pure) == t)
            for channel in f.channels where channel.tally.received > 0 { #expect(pure[channel.name] == channel.tally) }
        }
    }

    @Test func aSubtreeCountsATransferredMessageOnceAndAPeriodMayCrossTheYear() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await Self.load(county, on: app)
            let ids = try await AgencyTree.subtreeIDs(of: [try county.government.requireID()], on: app.db)
            let subtree = try await MessageFigures.query(agencyIDs: ids, from: "2023-01-01", through: "2023-12-31", on: app.db)
            #expect(subtree.total.received == 9 && subtree.total.completed == 7 && subtree.byChannel["12345热线"] == 6)
            let winter = try await MessageFigures.query(agencyIDs: [try county.government.requireID()], from: "2023-12-01", through: "2024-01-31", on: app.db)
            #expect(winter.total.received == 3 && winter.total.completed == 1 && winter.total.open == 2 && winter.total.rated == 1)
            #expect(winter.byChannel["12345热线"] == 2 && winter.byChannel["政务服务网"] == 1)
            #expect(winter.months.map(\.month) == ["2023-12", "2024-01"])
            let none = try await MessageFigures.query(agencyIDs: [try county.township.requireID()], from: "2023-01-01", through: "2023-12-31", on: app.db)
            #expect(none.total.received == 0 && none.total.completionRate == nil && none.total.satisfactionRate == nil)
        }
    }

    @Test func thePageTheAPIAndTheCLIGiveTheHandCount() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            try await Self.load(county, on: app)
            let user = try await county.user("supervisor", [.supervisor], on: app)
            let browser = TestClient(app)
            try await browser.signIn("supervisor", County.password)
            let page = try await browser.get("/console/messages/figures?year=2023")
            #expect(page.status == .ok)
            #expect(page.body.contains("<dt>收到</dt><dd>8 件（各渠道之和）</dd>"))
            #expect(page.body.contains("<dt>办结率</dt><dd>75.00%</dd>"))
            #expect(page.body.contains("75.00%（已评价 4 件，占已办结的 66.67%：满意 2，基本满意 1，不满意 1）"))
            #expect(page.body.contains("<svg class=\"chart\""))
            #expect(page.body.contains("<td>2023-12</td><td>2</td><td>0</td>"))
            #expect(!page.body.contains("style="))
            let crossing = try await browser.get("/console/messages/figures?from=2023-12-01&through=2024-01-31")
            #expect(crossing.body.contains("<dt>收到</dt><dd>3 件（各渠道之和）</dd>"))
            #expect(try await browser.get("/console/messages/figures?from=2024-02-01&through=2024-01-01").status == .unprocessableEntity)
            // the API
            let (_, secret) = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            browser.bearer = secret
            let api = try await browser.api(.GET, "/api/v1/messages/figures?year=2023&subtree=true")
            #expect(api.status == .ok)
            let dto = try api.json(MessageFiguresDTO.self)
            #expect(dto.stats.received == 9 && dto.stats.completed == 7)
            // the CLI, on the same database
            let url: String
            switch app.settings.database {
            case .sqlite(let path): url = "sqlite://" + path
            case .postgres(let u): url = u
            }
            let run = try await CLITests().gongkai(["messages", "stats", "--agency", "t-gov", "--year", "2023", "--json"], database: url)
            #expect(run.status == 0, "\(run.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(Set(json.keys) == ["received", "completed", "open", "by_channel", "rated", "satisfied", "basically_satisfied", "dissatisfied",
                                      "completion_rate", "satisfaction_rate"])
            #expect(json["received"] as? Int == 8 && json["completed"] as? Int == 6 && json["open"] as? Int == 2)
            #expect((json["by_channel"] as? [String: Int])?["12345热线"] == 5)
            #expect(json["rated"] as? Int == 4 && json["satisfied"] as? Int == 2 && json["basically_satisfied"] as? Int == 1 && json["dissatisfied"] as? Int == 1)
            #expect(json["completion_rate"] as? Double == 0.75 && json["satisfaction_rate"] as? Double == 0.75)
            let empty = try await CLITests().gongkai(["messages", "stats", "--agency", "t-town", "--year", "2023", "--json"], database: url)
            let none = try #require(try JSONSerialization.jsonObject(with: Data(empty.stdout.utf8)) as? [String: Any])
            #expect(none["completion_rate"] is NSNull && none["satisfaction_rate"] is NSNull)
            let unknown = try await CLITests().gongkai(["messages", "stats", "--agency", "nowhere", "--year", "2023"], database: url)
            #expect(unknown.status == 1 && unknown.stderr.hasPrefix("错误：机构“nowhere”不存在") && unknown.stderr.split(separator: "\n").count == 1)
        }
    }
}
