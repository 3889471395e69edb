import Vapor

/// A URL parameter: `.key` when registering the route, `.value` when building a link.
enum Parameter<Value: Sendable>: Sendable {
    case key
    case value(Value)
}

/// Every URL of the platform, used both to register routes (routes.swift) and to build links,
/// so a link can never point at a route that does not exist.
enum SiteURL: Sendable {
    // public portal
    case home
    case agencyHome(Parameter<String>)
    case reportCheck
    case asset(String)
    case healthz, readyz, metrics
    // first run and sign-in
    case setup(Parameter<String>)
    case login(next: String?)
    case logout
    // staff console
    case console
    case password
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
    case audit
    case calendar(year: Int?)
    case calendarYears
    case tokens
    case tokenRevoke(Parameter<Int>)
    case consoleReportCheck

    var path: String {
        "/" + pathComponents.map(\.description).joined(separator: "/") + query
    }

    private var query: String {
        switch self {
        case .login(let next?): return "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")
        case .calendar(let year?): return "?year=\(year)"
        default: return ""
        }
    }

    var pathComponents: [PathComponent] {
        switch self {
        case .home: return []
        case .agencyHome(let code): return ["agencies", code.component("code")]
        case .reportCheck: return ["check"]
        case .asset(let name): return ["assets", .constant(name)]
        case .healthz: return ["healthz"]
        case .readyz: return ["readyz"]
        case .metrics: return ["metrics"]
        case .setup(let token): return ["setup", token.component("token")]
        case .login: return ["login"]
        case .logout: return ["logout"]
        case .console: return ["console"]
        case .password: return ["console", "password"]
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
        case .audit: return ["console", "audit"]
        case .calendar: return ["console", "calendar"]
        case .calendarYears: return ["console", "calendar", "years"]
        case .tokens: return ["console", "tokens"]
        case .tokenRevoke(let id): return ["console", "tokens", id.component("id"), "revoke"]
        case .consoleReportCheck: return ["console", "check"]
        }
    }
}

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
        }
        return ["api", "v1"] + tail
    }

    var path: String { "/" + pathComponents.map(\.description).joined(separator: "/") }
}

private extension Parameter {
    func component(_ name: String) -> PathComponent {
        switch self {
        case .key: return .parameter(name)
        case .value(let v): return .constant("\(v)")
        }
    }
}

extension CharacterSet {
    static let urlQueryValueAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()
}
