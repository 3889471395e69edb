import Vapor

/// The JSON API under /api/v1; documented in Resources/openapi.json (checked by a test).
enum APIURL: Sendable {
    case openAPI
    case me
    case agencies
    case agency(Parameter<Int>)
    case users
    case user(Parameter<Int>)
    case audit
    case calendarDue
    case calendarWorkday
    case calendarYears
    case calendarYear(Parameter<Int>)
    case reportChecks
    case requests
    case request(Parameter<Int>)
    case requestActions(Parameter<Int>)
    case requestApprovals(Parameter<Int>)
    case requestLetter(Parameter<Int>)
    case statistics(Parameter<Int>)
    case challengeCases
    case challengeCase(Parameter<Int>)
    case challengeCoDefendant(Parameter<Int>)
    case agencyReports
    case agencyReport(Parameter<Int>)
    case agencyReportSteps(Parameter<Int>)
    case agencyReportFigures(Parameter<Int>)
    case feeQuote
    case publicRequests
    case publicRequestStatus
    // 政民互动 (#12)
    case messages
    case message(Parameter<Int>)
    case messageActions(Parameter<Int>)
    case messageApprovals(Parameter<Int>)
    case messageToRequest(Parameter<Int>)
    case requestToMessage(Parameter<Int>)
    case messageFigures
    /// Published annual reports (public).
    case publishedReports
    case publishedReport(Parameter<String>, Parameter<Int>)
    // proactive disclosure (issue #11)
    case publicationSearch
    case publications
    case publication(Parameter<Int>)
    case publicationActions(Parameter<Int>)
    case publicationReview(Parameter<Int>)
    case publicationConfidentialityReview(Parameter<Int>)
    case publicationAttachment(Parameter<Int>, Parameter<Int>)
    case publicationAttachmentKeep(Parameter<Int>, Parameter<Int>)
    case publicationFigures(Parameter<Int>)

    var pathComponents: [PathComponent] {
        let tail: [PathComponent]
        switch self {
        case .openAPI: tail = ["openapi.json"]
        case .me: tail = ["me"]
        case .agencies: tail = ["agencies"]
        case .agency(let id): tail = ["agencies", id.component("id")]
        case .users: tail = ["users"]
        case .user(let id): tail = ["users", id.component("id")]
        case .audit: tail = ["audit"]
        case .calendarDue: tail = ["calendar", "due"]
        case .calendarWorkday: tail = ["calendar", "workday"]
        case .calendarYears: tail = ["calendar", "years"]
        case .calendarYear(let year): tail = ["calendar", "years", year.component("year")]
        case .reportChecks: tail = ["report-checks"]
        case .requests: tail = ["requests"]
        case .request(let id): tail = ["requests", id.component("id")]
        case .requestActions(let id): tail = ["requests", id.component("id"), "actions"]
        case .requestApprovals(let id): tail = ["requests", id.component("id"), "approvals"]
        case .requestLetter(let id): tail = ["requests", id.component("id"), "reply-letter"]
        case .statistics(let year): tail = ["statistics", year.component("year")]
        case .challengeCases: tail = ["challenges"]
        case .challengeCase(let id): tail = ["challenges", id.component("id")]
        case .challengeCoDefendant(let id): tail = ["challenges", id.component("id"), "co-defendant"]
        case .agencyReports: tail = ["agency-reports"]
        case .agencyReport(let id): tail = ["agency-reports", id.component("id")]
        case .agencyReportSteps(let id): tail = ["agency-reports", id.component("id"), "steps"]
        case .agencyReportFigures(let id): tail = ["agency-reports", id.component("id"), "figures"]
        case .feeQuote: tail = ["fees", "quote"]
        case .publicRequests: tail = ["public", "requests"]
        case .publicRequestStatus: tail = ["public", "requests", "status"]
        // 政民互动 (#12)
        case .messages: tail = ["messages"]
        case .message(let id): tail = ["messages", id.component("id")]
        case .messageActions(let id): tail = ["messages", id.component("id"), "actions"]
        case .messageApprovals(let id): tail = ["messages", id.component("id"), "approvals"]
        case .messageToRequest(let id): tail = ["messages", id.component("id"), "to-request"]
        case .requestToMessage(let id): tail = ["requests", id.component("id"), "to-message"]
        case .messageFigures: tail = ["messages", "figures"]
        case .publishedReports: tail = ["reports"]
        case .publishedReport(let code, let year): tail = ["reports", code.component("agency_code"), year.component("year")]
        // proactive disclosure (issue #11)
        case .publicationSearch: tail = ["publications", "search"]
        case .publications: tail = ["publications"]
        case .publication(let id): tail = ["publications", id.component("id")]
        case .publicationActions(let id): tail = ["publications", id.component("id"), "actions"]
        case .publicationReview(let id): tail = ["publications", id.component("id"), "review"]
        case .publicationConfidentialityReview(let id): tail = ["publications", id.component("id"), "confidentiality-review"]
        case .publicationAttachment(let id, let file): tail = ["publications", id.component("id"), "attachments", file.component("file")]
        case .publicationAttachmentKeep(let id, let file): tail = ["publications", id.component("id"), "attachments", file.component("file"), "keep"]
        case .publicationFigures(let year): tail = ["publication-figures", year.component("year")]
        }
        return ["api", "v1"] + tail
    }

    var path: String { "/" + pathComponents.map(\.description).joined(separator: "/") }
}
