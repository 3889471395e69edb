import Fluent
import GongkaiCore
import Vapor

/// The public portal's home and agency pages: no sign-in, no JavaScript needed, served through
/// the page cache (`Request.portalPage`).
enum PortalController {
    static func home(req: Request) async throws -> Response {
        guard let root = try await Agency.query(on: req.db).filter(\.$parent.$id == nil).sort(\.$id).first() else {
            return .html(PortalWelcomePage.render())
        }
        return try await req.portalPage { _ in try await page(for: root, req: req, coversSubtree: true) }
    }

    static func agency(req: Request) async throws -> Response {
        let code = try req.parameters.require("code")
        return try await req.portalPage { _ in
            guard let agency = try await Agency.query(on: req.db).filter(\.$code == code).first() else { throw AppError.notFound("机构") }
            return try await page(for: agency, req: req, coversSubtree: agency.$parent.id == nil)
        }
    }

    static func guide(req: Request) async throws -> Response {
        let code = try req.parameters.require("code")
        return try await req.portalPage { _ in
            guard let agency = try await Agency.query(on: req.db).filter(\.$code == code).first() else { throw AppError.notFound("机构") }
            let model = PortalGuidePage.Model(
                agency: agency.portalSummary, display: DisplayMode.of(req),
                paragraphs: agency.guideText.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                officeHours: agency.officeHours, contactName: agency.contactName, contactPhone: agency.contactPhone)
            return PortalGuidePage.View(model: model).render()
        }
    }

    private static func page(for agency: Agency, req: Request, coversSubtree: Bool) async throws -> String {
        let agencyID = try agency.requireID()
        let today = req.application.settings.today
        let children = try await Agency.query(on: req.db).filter(\.$parent.$id == agencyID).sort(\.$name).all()
        let parent = try await agency.$parent.get(on: req.db)
        let scope: [Int]? = coversSubtree ? nil : [agencyID]
        let latest = try await PortalListQuery(agencyIDs: scope, pageSize: 10).run(today: today, on: req.db, counting: false).items
        var byCategory: [(PublicationCategory, [PortalListQuery.Item])] = []
        for category in PublicationCategory.allCases {
            byCategory.append((category, try await PortalListQuery(agencyIDs: scope, category: category, pageSize: 6)
                .run(today: today, on: req.db, counting: false).items))
        }
        let interpretations = try await PortalListQuery(agencyIDs: scope, interpretationsOnly: true, pageSize: 6)
            .run(today: today, on: req.db, counting: false).items
        let topicOwners = coversSubtree ? nil : [agencyID] + (parent?.id.map { [$0] } ?? [])
        let topicQuery = TopicColumn.query(on: req.db).filter(\.$closedOn == nil)
        if let topicOwners { topicQuery.filter(\.$agency.$id ~~ topicOwners) }
        let topics = try await topicQuery.sort(\.$openedOn, .descending).all().compactMap { t in t.id.map { ($0, t.name) } }
        let model = PortalHomePage.Model(
            agency: agency.portalSummary, display: DisplayMode.of(req), kind: agency.kind, officeHours: agency.officeHours,
            contactName: agency.contactName, contactPhone: agency.contactPhone, parent: parent.map { ($0.name, $0.code) },
            children: children.map { ($0.kind, $0.name, $0.code) }, latest: latest, byCategory: byCategory,
            interpretations: interpretations, topics: topics, coversSubtree: coversSubtree)
        return PortalHomePage.View(model: model).render()
    }

    /// 适老化: switches the large-text mode (a cookie for a year) and goes back where the visitor was.
    static func display(req: Request) async throws -> Response {
        let mode = DisplayMode(rawValue: req.query[String.self, at: "mode"] ?? "") ?? .standard
        let back = DisplayMode.returnPath(referer: req.headers.first(name: .referer), host: req.headers.first(name: .host))
        let response = req.redirect(to: back, redirectType: .normal)
        response.cookies[DisplayMode.cookieName] = HTTPCookies.Value(
            string: mode.rawValue, maxAge: mode == .large ? 365 * 24 * 3600 : 0, path: "/",
            isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }
}
