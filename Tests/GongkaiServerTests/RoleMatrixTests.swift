import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

@Suite("Role matrix: every staff route × every role")
struct RoleMatrixTests {
    /// What each staff route requires, written out here (not read from the routes) so that a
    /// route registered without its permission, or with the wrong one, fails this test.
    static let expected: [String: Permission] = [
        "GET /console": .viewConsole,
        "GET /console/password": .viewConsole,
        "POST /console/password": .viewConsole,
        "GET /console/second-factor": .viewConsole,
        "POST /console/second-factor": .viewConsole,
        "GET /console/agencies": .viewAgencies,
        "GET /console/agencies/new": .manageAgencies,
        "POST /console/agencies": .manageAgencies,
        "GET /console/agencies/:id/edit": .manageAgencies,
        "POST /console/agencies/:id": .manageAgencies,
        "GET /console/users": .manageUsers,
        "GET /console/users/new": .manageUsers,
        "POST /console/users": .manageUsers,
        "GET /console/users/:id/edit": .manageUsers,
        "POST /console/users/:id": .manageUsers,
        "POST /console/users/:id/unlock": .manageUsers,
        "POST /console/users/:id/reset-password": .manageUsers,
        "POST /console/users/:id/reset-second-factor": .manageUsers,
        "GET /console/audit": .readAuditLog,
        "GET /console/calendar": .viewConsole,
        "POST /console/calendar/years": .manageCalendar,
        "GET /console/tokens": .viewConsole,
        "POST /console/tokens": .viewConsole,
        "POST /console/tokens/:id/revoke": .viewConsole,
        "GET /console/sessions": .viewConsole,
        "POST /console/sessions/end": .viewConsole,
        "GET /console/personal-data": .exportPersonalData,
        "POST /console/personal-data": .exportPersonalData,
        "GET /console/check": .viewConsole,
        "POST /console/check": .viewConsole,
        "GET /console/requests": .viewRequests,
        "GET /console/requests/new": .handleRequests,
        "POST /console/requests": .handleRequests,
        "GET /console/requests/:id": .viewRequests,
        "POST /console/requests/:id/actions": .handleRequests,
        "POST /console/requests/:id/approvals": .approveExtensionsAndFees,
        "POST /console/requests/:id/reveal": .handleRequests,
        "GET /console/requests/:id/letter": .viewRequests,
        "GET /console/requests/:id/fee-notices/:fee": .viewRequests,
        "POST /console/requests/:id/attachments": .handleRequests,
        "GET /console/requests/:id/attachments/:file": .viewRequests,
        "GET /console/statistics": .viewRequests,
        "GET /console/challenges": .viewRequests,
        "POST /console/challenges": .handleRequests,
        "POST /console/challenges/:id": .handleRequests,
        "POST /console/challenges/:id/co-defendant": .handleRequests,
        // 政民互动 (#12)
        "GET /console/messages": .viewMessages,
        "GET /console/messages/new": .handleMessages,
        "GET /console/messages/export": .viewMessages,
        "POST /console/messages": .handleMessages,
        "GET /console/messages/:id": .viewMessages,
        "POST /console/messages/:id/actions": .handleMessages,
        "POST /console/messages/:id/approvals": .approveMessageReplies,
        "POST /console/messages/:id/reveal": .handleMessages,
        "GET /console/messages/:id/to-request": .handleMessages,
        "POST /console/messages/:id/to-request": .handleMessages,
        "POST /console/requests/:id/to-message": .handleRequests,
        "GET /console/messages/figures": .viewMessages,
        "GET /console/messages/settings": .viewMessages,
        "POST /console/messages/settings": .handleMessages,
        "GET /console/messages/imports": .handleMessages,
        "POST /console/messages/imports": .handleMessages,
        "GET /console/messages/imports/:id": .handleMessages,
        "POST /console/messages/imports/:id/run": .handleMessages,
        "GET /api/v1/me": .viewConsole,
        "GET /api/v1/agencies": .viewAgencies,
        "POST /api/v1/agencies": .manageAgencies,
        "GET /api/v1/agencies/:id": .viewAgencies,
        "PUT /api/v1/agencies/:id": .manageAgencies,
        "GET /api/v1/users": .manageUsers,
        "POST /api/v1/users": .manageUsers,
        "GET /api/v1/users/:id": .manageUsers,
        "GET /api/v1/audit": .readAuditLog,
        "PUT /api/v1/calendar/years/:year": .manageCalendar,
        "GET /api/v1/requests": .viewRequests,
        "POST /api/v1/requests": .handleRequests,
        "GET /api/v1/requests/:id": .viewRequests,
        "POST /api/v1/requests/:id/actions": .handleRequests,
        "POST /api/v1/requests/:id/approvals": .approveExtensionsAndFees,
        "GET /api/v1/requests/:id/reply-letter": .viewRequests,
        "GET /api/v1/statistics/:year": .viewRequests,
        "GET /api/v1/challenges": .viewRequests,
        "POST /api/v1/challenges": .handleRequests,
        "PUT /api/v1/challenges/:id": .handleRequests,
        "PUT /api/v1/challenges/:id/co-defendant": .handleRequests,
        // Annual reports: the route asks for the console; the handler checks the duty in the
        // report's agency (write, sign off, or review from above), see ReportWorkflowTests.
        "GET /console/reports": .viewConsole,
        "POST /console/reports": .prepareReports,
        "GET /console/reports/rollup": .reviewReports,
        "POST /console/reports/figures": .prepareReports,
        "GET /console/reports/:id": .viewConsole,
        "POST /console/reports/:id": .prepareReports,
        "POST /console/reports/:id/steps": .viewConsole,
        "POST /console/reports/:id/figures": .prepareReports,
        "GET /api/v1/agency-reports": .viewConsole,
        "POST /api/v1/agency-reports": .prepareReports,
        "GET /api/v1/agency-reports/:id": .viewConsole,
        "PUT /api/v1/agency-reports/:id": .prepareReports,
        "POST /api/v1/agency-reports/:id/steps": .viewConsole,
        "PUT /api/v1/agency-reports/:id/figures": .prepareReports,
        // 政民互动 (#12)
        "GET /api/v1/messages": .viewMessages,
        "POST /api/v1/messages": .handleMessages,
        "GET /api/v1/messages/figures": .viewMessages,
        "GET /api/v1/messages/:id": .viewMessages,
        "POST /api/v1/messages/:id/actions": .handleMessages,
        "POST /api/v1/messages/:id/approvals": .approveMessageReplies,
        "POST /api/v1/messages/:id/to-request": .handleMessages,
        "POST /api/v1/requests/:id/to-message": .handleRequests,
        // proactive disclosure (issue #11)
        "GET /console/publications": .viewPublications,
        "GET /console/publications/new": .publish,
        "POST /console/publications": .publish,
        "GET /console/publications/:id": .viewPublications,
        "GET /console/publications/:id/edit": .publish,
        "POST /console/publications/:id": .publish,
        "POST /console/publications/:id/actions": .publish,
        "POST /console/publications/:id/review": .review,
        "POST /console/publications/:id/confidentiality-review": .confidentialityReview,
        "POST /console/publications/:id/attachments": .publish,
        "GET /console/publications/:id/attachments/:file": .viewPublications,
        "POST /console/publications/:id/attachments/:file/remove": .publish,
        "POST /console/publications/:id/attachments/:file/keep": .publish,
        "GET /console/topics": .viewPublications,
        "POST /console/topics": .publish,
        "GET /console/catalogue": .viewPublications,
        "GET /console/catalogue/import": .publish,
        "POST /console/catalogue/import": .publish,
        "GET /console/agencies/:id/publishing": .manageAgencies,
        "POST /console/agencies/:id/publishing": .manageAgencies,
        "GET /api/v1/publications": .viewPublications,
        "POST /api/v1/publications": .publish,
        "GET /api/v1/publications/:id": .viewPublications,
        "PUT /api/v1/publications/:id": .publish,
        "POST /api/v1/publications/:id/actions": .publish,
        "POST /api/v1/publications/:id/review": .review,
        "POST /api/v1/publications/:id/confidentiality-review": .confidentialityReview,
        "DELETE /api/v1/publications/:id/attachments/:file": .publish,
        "POST /api/v1/publications/:id/attachments/:file/keep": .publish,
        "GET /api/v1/publication-figures/:year": .viewPublications,
    ]

    static let publicRoutes: Set<String> = [
        "GET /api/v1/openapi.json", "GET /api/v1/calendar/due", "GET /api/v1/calendar/workday", "GET /api/v1/calendar/years",
        "POST /api/v1/report-checks", "GET /api/v1/fees/quote", "POST /api/v1/public/requests", "POST /api/v1/public/requests/status",
        "GET /api/v1/reports", "GET /api/v1/reports/:agency_code/:year",
        "GET /api/v1/publications/search",
    ]

    /// Addresses that moved, answered with 308 to the new one (method kept).
    static let legacyRedirects: [String: String] = [
        "GET /console/reviews": "/console/challenges",
        "POST /console/reviews": "/console/challenges",
        "POST /console/reviews/:id": "/console/challenges/7",
        "GET /api/v1/review-cases": "/api/v1/challenges",
        "POST /api/v1/review-cases": "/api/v1/challenges",
        "PUT /api/v1/review-cases/:id": "/api/v1/challenges/7",
    ]

    @Test func everyStaffRouteIsInTheMatrix() async throws {
        try await withTestApp { app in
            let registered = Set(app.routes.all.map { "\($0.method.rawValue) /\($0.path.map(\.description).joined(separator: "/"))" }
                .filter { $0.contains(" /console") || $0.contains(" /api/") })
            #expect(registered == Set(Self.expected.keys).union(Self.publicRoutes).union(Self.legacyRedirects.keys))
        }
    }

    @Test func movedAddressesRedirectKeepingTheMethod() async throws {
        try await withTestApp { app in
            let client = TestClient(app)
            try await client.get("/login")  // a CSRF token for the console forms
            for (route, target) in Self.legacyRedirects {
                let parts = route.split(separator: " ")
                let path = parts[1].replacingOccurrences(of: ":id", with: "7") + "?year=2024"
                let response = parts[0] == "POST" && path.hasPrefix("/console")
                    ? try await client.post(path)
                    : try await client.sendRaw(HTTPMethod(rawValue: String(parts[0])), path, headers: [:], body: nil)
                #expect(response.status == .permanentRedirect, "\(route)")
                #expect(response.headers.first(name: .location) == target + "?year=2024", "\(route)")
            }
        }
    }

    @Test("each role reaches exactly the routes its permissions allow", arguments: Role.allCases)
    func matrix(_ role: Role) async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let user = try await county.user("matrix.user", [role], on: app)
            let target = try await county.user("target.user", [.publisher], on: app)
            let govID = try county.government.requireID()
            let browser = TestClient(app)
            try await browser.signIn("matrix.user", County.password)
            let (_, secret) = try await APITokenService.create(name: "matrix", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            browser.bearer = secret
            let (spare, _) = try await APITokenService.create(name: "spare", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            for (route, permission) in Self.expected.sorted(by: { $0.key < $1.key }) {
                let parts = route.split(separator: " ")
                let path = String(parts[1])
                    .replacingOccurrences(of: ":id/revoke", with: "\(try spare.requireID())/revoke")
                    .replacingOccurrences(of: "users/:id", with: "users/\(try target.requireID())")
                    .replacingOccurrences(of: ":id", with: "\(govID)")
                    .replacingOccurrences(of: ":year", with: "2030")
                    .replacingOccurrences(of: ":fee", with: "1").replacingOccurrences(of: ":file", with: "1")
                let response: TestClient.Page
                if path.hasPrefix("/api/") {
                    response = try await browser.api(HTTPMethod(rawValue: String(parts[0])), path, json: parts[0] == "GET" ? nil : ["probe": "1"])
                } else if parts[0] == "GET" {
                    response = try await browser.get(path)
                } else {
                    response = try await browser.post(path)
                }
                let allowed = role.permissions.contains(permission)
                if allowed {
                    // Reached: anything but a refusal, and never a server error (probes carry
                    // nonsense on purpose, so 4xx answers are expected).
                    #expect(response.status != .forbidden && response.status != .unauthorized && response.status.code < 500,
                            "\(role) should reach \(route), got \(response.status)")
                } else {
                    #expect(response.status == .forbidden, "\(role) must not reach \(route), got \(response.status)")
                }
            }
        }
    }
}
