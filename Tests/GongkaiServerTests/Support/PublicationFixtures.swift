import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// Publications as the tests make them: the bureau's publisher, two reviewers and a
/// confidentiality reviewer, each signed in in his own browser; the draft form; the chain.
struct PublicationDesk {
    let app: Application
    let county: County
    let publisher: TestClient
    let reviewer: TestClient
    let secrecy: TestClient
    let head: TestClient
    var bureauID: Int { county.bureau.id! }

    /// The test county on `today` with the bureau's desk signed in.
    static func make(_ app: Application, today: String = "2024-03-12") async throws -> PublicationDesk {
        app.settings.fixedToday = CivilDate(iso: today)
        let county = try await County.make(on: app)
        try await county.user("pub", [.publisher], in: county.bureau, on: app)
        try await county.user("rev", [.reviewer], in: county.bureau, on: app)
        try await county.user("sec", [.confidentialityReviewer], in: county.bureau, on: app)
        try await county.user("head", [.reviewer], in: county.bureau, on: app)
        var clients: [TestClient] = []
        for name in ["pub", "rev", "sec", "head"] {
            let client = TestClient(app)
            try await client.signIn(name, County.password)
            clients.append(client)
        }
        return PublicationDesk(app: app, county: county, publisher: clients[0], reviewer: clients[1], secrecy: clients[2], head: clients[3])
    }

    static func form(title: String, body: String, agencyID: Int, formedOn: String = "2024-03-11",
                     extra: [(String, String)] = []) -> [(String, String)] {
        [("agency_id", String(agencyID)), ("title", title), ("body", body), ("formed_on", formedOn), ("written_on", formedOn),
         ("category", "catalogue"), ("genre", "notice"), ("subject", "scienceEducation"), ("disclosure", "proactive"),
         ("key_domains[]", "education")] + extra
    }

    /// Drafts through the console form; returns the new publication's id.
    func draft(_ title: String, body: String, extra: [(String, String)] = [], formedOn: String = "2024-03-11") async throws -> Int {
        try await publisher.get("/console/publications/new")
        let page = try await publisher.post("/console/publications", form: Self.form(title: title, body: body, agencyID: bureauID,
                                                                                    formedOn: formedOn, extra: extra))
        #expect(page.status == .seeOther, "draft refused: \(page.status) \(page.body.prefix(600))")
        return Int(try #require(page.location?.split(separator: "/").last.flatMap { Int($0) }))
    }

    /// A scheduled time `days` ahead of the real clock (the input is checked against it) in the
    /// form's format. A time in a year after the holiday calendar's last is refused, so the
    /// calendar is given the years up to it when it lacks them (one entry each).
    func scheduledTime(daysAhead days: Int = 30) async throws -> String {
        let value = ScheduledTime.inputValue(Date().addingTimeInterval(Double(days) * 86_400))
        let year = try #require(Int(value.prefix(4)))
        if let last = try await app.calendarStore.calendar(on: app.db).knownYears.last, year > last {
            for y in (last + 1)...year {
                let content = "\(y)-01-01\tholiday\t元旦\t通知\n"
                try await HolidayService.importYear(yearText: String(y), content: content, settings: app.settings, by: .system, on: app.db)
            }
        }
        return value
    }

    func version(_ id: Int) async throws -> Int {
        try #require(try await Publication.find(id, on: app.db)).version
    }

    /// A step through a console door, with the current version.
    @discardableResult
    func step(_ client: TestClient, _ id: Int, door: String, _ action: String, _ fields: [(String, String)] = []) async throws -> TestClient.Page {
        try await client.get("/console/publications/\(id)")
        return try await client.post("/console/publications/\(id)/\(door)",
                                     form: [("action", action), ("version", String(try await version(id)))] + fields)
    }

    /// Submitted, then 初审 / 保密审查 / 终审 by three people.
    func publish(_ id: Int) async throws {
        for (client, door, action) in [(publisher, "actions", "submit"), (reviewer, "review", "pass"), (secrecy, "confidentiality-review", "pass"),
                                       (head, "review", "pass")] {
            let page = try await step(client, id, door: door, action)
            #expect(page.status == .seeOther, "\(action) at \(door): \(page.status) \(page.body.prefix(800))")
        }
    }

    func publication(_ id: Int) async throws -> Publication {
        try #require(try await Publication.find(id, on: app.db))
    }
}

extension PublicationDesk {
    func principal(_ username: String) async throws -> StaffPrincipal {
        try await StaffPrincipal.load(try #require(try await StaffUser.query(on: app.db).filter(\.$username == username).first()), on: app.db)
    }

    /// Drafts and takes an item through the chain with the services (no pages), as many tests need.
    @discardableResult
    func published(_ title: String, body: String, fields extra: [String: [String]] = [:], agencyID: Int? = nil,
                   publisherName: String = "pub") async throws -> Publication {
        var values = Dictionary(uniqueKeysWithValues: PublicationDesk.form(title: title, body: body, agencyID: agencyID ?? bureauID)
            .map { ($0.0.replacingOccurrences(of: "[]", with: ""), [$0.1]) })
        for (key, value) in extra { values[key] = value }
        let context = try await app.publicationContext()
        let p = try await PublicationService.create(fields: FormFields(values), staff: try await principal(publisherName), actor: .system,
                                                    context: context, on: app.db)
        let id = try p.requireID()
        for (who, door, action) in [(publisherName, Permission.publish, "submit"), ("rev", .review, "pass"), ("sec", .confidentialityReview, "pass"),
                                    ("head", .review, "pass")] {
            try await PublicationService.perform(fields: FormFields(["action": [action], "version": [String(try await version(id))]]), door: door,
                                                 publicationID: id, staff: try await principal(who), actor: .system, context: context, on: app.db)
        }
        return try await publication(id)
    }
}
