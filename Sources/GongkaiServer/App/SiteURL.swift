import Vapor


/// Every URL of the platform, used both to register routes (routes.swift) and to build links,
/// so a link can never point at a route that does not exist.
enum SiteURL: Sendable {
    // public portal
    case home
    case agencyHome(Parameter<String>)
    case reportCheck
    case apply(Parameter<String>)
    case track
    /// Published annual reports, by year and agency.
    case publicReports(year: Int?, agency: String?)
    /// A published report; `version` an earlier version than the latest.
    case publicReport(Parameter<String>, Parameter<Int>, version: Int?)
    /// A published report as a file (`ReportExport`).
    case publicReportDownload(Parameter<String>, Parameter<Int>, Parameter<String>, version: Int?)
    case asset(String)
    case healthz, readyz, metrics
    // first run and sign-in
    case setup(Parameter<String>)
    case login(next: String?)
    /// The second step of a sign-in: the TOTP code (#14).
    case loginSecondFactor
    case logout
    // staff console
    case console
    case password
    /// The user's own second factor: enrol, recovery codes, disable (#14).
    case secondFactor
    case agencies
    case agencyNew
    case agencyEdit(Parameter<Int>)
    case agency(Parameter<Int>)
    case users
    case userNew
    case userEdit(Parameter<Int>)
    case user(Parameter<Int>)
    case userUnlock(Parameter<Int>)
    case userResetPassword(Parameter<Int>)
    case userResetSecondFactor(Parameter<Int>)
    case audit
    case calendar(year: Int?)
    case calendarYears
    case tokens
    case sessions
    case sessionsEnd
    case personalDataExport
    case tokenRevoke(Parameter<Int>)
    case consoleReportCheck
    case requests
    case requestNew
    case request(Parameter<Int>)
    case requestActions(Parameter<Int>)
    case requestApprovals(Parameter<Int>)
    case requestReveal(Parameter<Int>)
    case requestLetter(Parameter<Int>)
    case requestFeeNotice(Parameter<Int>, Parameter<Int>)
    case requestAttachments(Parameter<Int>)
    case requestAttachment(Parameter<Int>, Parameter<Int>)
    case statistics(year: Int?)
    case challenges
    case challenge(Parameter<Int>)
    case challengeCoDefendant(Parameter<Int>)
    case reports(year: Int?)
    case reportRollup(year: Int?, agency: Int?)
    case reportFigureImport
    case report(Parameter<Int>)
    case reportSteps(Parameter<Int>)
    case reportFigures(Parameter<Int>)
    // 政民互动 (#12): console
    case messages
    case messageNew
    case messagesExport
    case message(Parameter<Int>)
    case messageActions(Parameter<Int>)
    case messageApprovals(Parameter<Int>)
    case messageReveal(Parameter<Int>)
    case messageToRequest(Parameter<Int>)
    case requestToMessage(Parameter<Int>)
    case messageFigures
    case messageImports
    case messageImport(Parameter<Int>)
    case messageImportRun(Parameter<Int>)
    case messageSettings
    // 政民互动 (#12): portal
    case mailbox(Parameter<String>)
    case messageTrack
    case messageRate
    case publishedReplies(Parameter<String>)
    case publishedReply(Parameter<String>, Parameter<Int>)
    // proactive disclosure and the portal (issue #11): public pages
    case guide(Parameter<String>)
    case portalPublications
    case portalPublication(Parameter<Int>)
    case portalAttachment(Parameter<Int>, Parameter<Int>)
    case search
    case normativeDocuments
    case standardCatalogues
    case portalTopic(Parameter<Int>)
    case agencyFeed(Parameter<String>)
    case sitemap
    case display
    // proactive disclosure: staff console
    case publications
    case publicationNew
    case publication(Parameter<Int>)
    case publicationEdit(Parameter<Int>)
    case publicationActions(Parameter<Int>)
    case publicationReview(Parameter<Int>)
    case publicationConfidentialityReview(Parameter<Int>)
    case publicationAttachments(Parameter<Int>)
    case publicationFile(Parameter<Int>, Parameter<Int>)
    case publicationFileRemoval(Parameter<Int>, Parameter<Int>)
    case publicationFileKeep(Parameter<Int>, Parameter<Int>)
    case topicColumns
    case catalogue
    case catalogueImport
    case publishingProfile(Parameter<Int>)

    var path: String {
        "/" + pathComponents.map(\.description).joined(separator: "/") + query
    }

    private var query: String {
        switch self {
        case .login(let next?): return "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")
        case .calendar(let year?), .statistics(let year?), .reports(let year?): return "?year=\(year)"
        case .reportRollup(let year, let agency):
            let items = [year.map { "year=\($0)" }, agency.map { "agency=\($0)" }].compactMap { $0 }
            return items.isEmpty ? "" : "?" + items.joined(separator: "&")
        case .publicReports(let year, let agency):
            let encoded = agency.map { $0.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "" }
            let items = [year.map { "year=\($0)" }, encoded.map { "agency=\($0)" }].compactMap { $0 }
            return items.isEmpty ? "" : "?" + items.joined(separator: "&")
        case .publicReport(_, _, let version?), .publicReportDownload(_, _, _, let version?): return "?version=\(version)"
        default: return ""
        }
    }

    var pathComponents: [PathComponent] {
        switch self {
        case .home: return []
        case .agencyHome(let code): return ["agencies", code.component("code")]
        case .reportCheck: return ["check"]
        case .apply(let code): return ["agencies", code.component("code"), "apply"]
        case .track: return ["track"]
        case .publicReports: return ["reports"]
        case .publicReport(let code, let year, _): return ["reports", code.component("code"), year.component("year")]
        case .publicReportDownload(let code, let year, let format, _):
            return ["reports", code.component("code"), year.component("year"), "download", format.component("format")]
        case .asset(let name): return ["assets", .constant(name)]
        case .healthz: return ["healthz"]
        case .readyz: return ["readyz"]
        case .metrics: return ["metrics"]
        case .setup(let token): return ["setup", token.component("token")]
        case .login: return ["login"]
        case .loginSecondFactor: return ["login", "second-factor"]
        case .logout: return ["logout"]
        case .console: return ["console"]
        case .password: return ["console", "password"]
        case .secondFactor: return ["console", "second-factor"]
        case .agencies: return ["console", "agencies"]
        case .agencyNew: return ["console", "agencies", "new"]
        case .agencyEdit(let id): return ["console", "agencies", id.component("id"), "edit"]
        case .agency(let id): return ["console", "agencies", id.component("id")]
        case .users: return ["console", "users"]
        case .userNew: return ["console", "users", "new"]
        case .userEdit(let id): return ["console", "users", id.component("id"), "edit"]
        case .user(let id): return ["console", "users", id.component("id")]
        case .userUnlock(let id): return ["console", "users", id.component("id"), "unlock"]
        case .userResetPassword(let id): return ["console", "users", id.component("id"), "reset-password"]
        case .userResetSecondFactor(let id): return ["console", "users", id.component("id"), "reset-second-factor"]
        case .audit: return ["console", "audit"]
        case .calendar: return ["console", "calendar"]
        case .calendarYears: return ["console", "calendar", "years"]
        case .tokens: return ["console", "tokens"]
        case .sessions: return ["console", "sessions"]
        case .sessionsEnd: return ["console", "sessions", "end"]
        case .personalDataExport: return ["console", "personal-data"]
        case .tokenRevoke(let id): return ["console", "tokens", id.component("id"), "revoke"]
        case .consoleReportCheck: return ["console", "check"]
        case .requests: return ["console", "requests"]
        case .requestNew: return ["console", "requests", "new"]
        case .request(let id): return ["console", "requests", id.component("id")]
        case .requestActions(let id): return ["console", "requests", id.component("id"), "actions"]
        case .requestApprovals(let id): return ["console", "requests", id.component("id"), "approvals"]
        case .requestReveal(let id): return ["console", "requests", id.component("id"), "reveal"]
        case .requestLetter(let id): return ["console", "requests", id.component("id"), "letter"]
        case .requestFeeNotice(let id, let fee): return ["console", "requests", id.component("id"), "fee-notices", fee.component("fee")]
        case .requestAttachments(let id): return ["console", "requests", id.component("id"), "attachments"]
        case .requestAttachment(let id, let file): return ["console", "requests", id.component("id"), "attachments", file.component("file")]
        case .statistics: return ["console", "statistics"]
        case .challenges: return ["console", "challenges"]
        case .challenge(let id): return ["console", "challenges", id.component("id")]
        case .challengeCoDefendant(let id): return ["console", "challenges", id.component("id"), "co-defendant"]
        case .reports: return ["console", "reports"]
        case .reportRollup: return ["console", "reports", "rollup"]
        case .reportFigureImport: return ["console", "reports", "figures"]
        case .report(let id): return ["console", "reports", id.component("id")]
        case .reportSteps(let id): return ["console", "reports", id.component("id"), "steps"]
        case .reportFigures(let id): return ["console", "reports", id.component("id"), "figures"]
        // 政民互动 (#12)
        case .messages: return ["console", "messages"]
        case .messageNew: return ["console", "messages", "new"]
        case .messagesExport: return ["console", "messages", "export"]
        case .message(let id): return ["console", "messages", id.component("id")]
        case .messageActions(let id): return ["console", "messages", id.component("id"), "actions"]
        case .messageApprovals(let id): return ["console", "messages", id.component("id"), "approvals"]
        case .messageReveal(let id): return ["console", "messages", id.component("id"), "reveal"]
        case .messageToRequest(let id): return ["console", "messages", id.component("id"), "to-request"]
        case .requestToMessage(let id): return ["console", "requests", id.component("id"), "to-message"]
        case .messageFigures: return ["console", "messages", "figures"]
        case .messageImports: return ["console", "messages", "imports"]
        case .messageImport(let id): return ["console", "messages", "imports", id.component("id")]
        case .messageImportRun(let id): return ["console", "messages", "imports", id.component("id"), "run"]
        case .messageSettings: return ["console", "messages", "settings"]
        case .mailbox(let code): return ["agencies", code.component("code"), "mailbox"]
        case .messageTrack: return ["mailbox", "track"]
        case .messageRate: return ["mailbox", "rate"]
        case .publishedReplies(let code): return ["agencies", code.component("code"), "replies"]
        case .publishedReply(let code, let id): return ["agencies", code.component("code"), "replies", id.component("id")]
        // proactive disclosure and the portal (issue #11)
        case .guide(let code): return ["agencies", code.component("code"), "guide"]
        case .portalPublications: return ["publications"]
        case .portalPublication(let id): return ["publications", id.component("id")]
        case .portalAttachment(let id, let file): return ["publications", id.component("id"), "attachments", file.component("file")]
        case .search: return ["search"]
        case .normativeDocuments: return ["normative-documents"]
        case .standardCatalogues: return ["catalogues"]
        case .portalTopic(let id): return ["topics", id.component("id")]
        case .agencyFeed(let code): return ["agencies", code.component("code"), "feed.atom"]
        case .sitemap: return ["sitemap.xml"]
        case .display: return ["display"]
        case .publications: return ["console", "publications"]
        case .publicationNew: return ["console", "publications", "new"]
        case .publication(let id): return ["console", "publications", id.component("id")]
        case .publicationEdit(let id): return ["console", "publications", id.component("id"), "edit"]
        case .publicationActions(let id): return ["console", "publications", id.component("id"), "actions"]
        case .publicationReview(let id): return ["console", "publications", id.component("id"), "review"]
        case .publicationConfidentialityReview(let id): return ["console", "publications", id.component("id"), "confidentiality-review"]
        case .publicationAttachments(let id): return ["console", "publications", id.component("id"), "attachments"]
        case .publicationFile(let id, let file): return ["console", "publications", id.component("id"), "attachments", file.component("file")]
        case .publicationFileRemoval(let id, let file):
            return ["console", "publications", id.component("id"), "attachments", file.component("file"), "remove"]
        case .publicationFileKeep(let id, let file): return ["console", "publications", id.component("id"), "attachments", file.component("file"), "keep"]
        case .topicColumns: return ["console", "topics"]
        case .catalogue: return ["console", "catalogue"]
        case .catalogueImport: return ["console", "catalogue", "import"]
        case .publishingProfile(let id): return ["console", "agencies", id.component("id"), "publishing"]
        }
    }
}
