import Foundation
import Logging
import GongkaiCore

/// Every setting of the platform, typed, in one place. Each has a default that makes
/// `swift run gongkai serve` work on a fresh machine and an environment variable that
/// overrides it (documented in .env.example).
public struct Settings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var database = DatabaseLocation.sqlite(path: "data/gongkai.sqlite")
    /// The address users reach the platform at, used in links printed on the console (setup link).
    public var publicURL: String?
    public var sessionIdleMinutes = 30
    public var sessionMaxHours = 12
    /// Failed sign-ins for one account from one address before each further attempt must wait
    /// (15 minutes); four times as many from anywhere slow the account down the same way. No
    /// account is ever locked by strangers.
    public var signInFailuresBeforeDelay = 5
    /// Sign-in attempts per minute from one client address.
    public var signInPerMinute = 20
    /// Status lookups per minute from one address, and failed lookups per tracking number per hour.
    public var trackingPerMinute = 10
    public var trackingFailuresPerHour = 10
    /// Online applications per hour from one address.
    public var applicationsPerHour = 10
    /// Sign-in attempts per minute from one network (an IPv4 /24, an IPv6 /48): a few addresses
    /// of one network count together. There is no budget for the whole site, which a flood from
    /// a handful of networks could spend for everyone: the bcrypt work queue (`WorkQueue`) bounds
    /// the processor instead.
    public var signInPerNetworkPerMinute = 60
    /// Addresses (or CIDR ranges) of the reverse proxies in front of the server. Only a request
    /// arriving from one of them may name the client, in `clientAddressHeader`.
    public var trustedProxies: [String] = []
    /// The header a trusted proxy names the client in: `X-Forwarded-For` (the default; nginx's
    /// `$proxy_add_x_forwarded_for`) or `Forwarded` (RFC 7239). Only that one is read: a proxy
    /// that sets one commonly passes the other on from the client as it came.
    public var clientAddressHeader = ClientAddressHeader.xForwardedFor
    /// Bearer token for /metrics; without it only loopback clients may read the metrics.
    public var metricsToken: String?

    /// Why /metrics may be open to strangers, logged at start: without a token it answers any
    /// loopback client, and a reverse proxy on the same machine that adds no forwarding header
    /// makes every stranger's request come from loopback. Nil when a token is set, or when the
    /// server listens on loopback with no proxy configured (nothing but the machine reaches it).
    public var metricsExposureWarning: String? {
        guard metricsToken == nil else { return nil }
        let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "localhost"]
        if !loopbackHosts.contains(host) {
            return "GONGKAI_METRICS_TOKEN is not set and the server listens on \(host): /metrics answers every loopback client; "
                + "behind a reverse proxy on this machine set GONGKAI_METRICS_TOKEN, or name the proxy in GONGKAI_TRUSTED_PROXIES"
        }
        if !trustedProxies.isEmpty || clientAddressHeader != .xForwardedFor {
            return "GONGKAI_METRICS_TOKEN is not set behind a reverse proxy: /metrics is refused to the proxies named in "
                + "GONGKAI_TRUSTED_PROXIES, but answers a loopback client that is not one of them; set GONGKAI_METRICS_TOKEN"
        }
        return nil
    }
    /// A connection idle this long is closed (slow clients cannot hold the server's connections).
    public var idleTimeoutSeconds: Int64 = 60
    /// A request's body must have arrived this long after its reading began, else 408: a body
    /// sent a byte at a time never goes idle, and once held an upload slot for ever. For a route
    /// taking more than 10 MB it grows in proportion (`BodyDeadline.seconds(forLimit:configured:)`).
    public var bodyDeadlineSeconds = 60
    /// Set when the platform is served over HTTPS so cookies are marked Secure.
    public var secureCookies = false
    public var bcryptCost = 12
    /// Who must sign in with a TOTP second factor (#14): system administrators, auditors and
    /// office heads by default; everyone with GONGKAI_REQUIRE_TOTP_FOR_ALL=true. `.nobody` is
    /// not reachable from the environment: it exists for test suites only.
    public var secondFactorPolicy = SecondFactorPolicy.privilegedRoles
    public var logLevel = "info"
    public var logFormat = LogFormat.text
    /// Statute §1.13 (UNCONFIRMED): whether the start day of a period counts.
    public var countingConvention = CountingConvention.startDayExcluded
    /// The largest body any route collects: attachments, uploaded reports (the report check's own
    /// 20 MB limit applies to files read from disk by the CLI).
    public var uploadMaxBytes = 10 * 1024 * 1024
    /// The largest body of every other route (forms, JSON): nothing else needs more.
    public var bodyMaxBytes = 64 * 1024
    /// Uploads (bodies allowed beyond `bodyMaxBytes`) received at the same time, in all; each
    /// client one at a time. More get 429 + Retry-After before their body is read.
    public var uploadConcurrency = 4
    /// Anonymous uploads (the public report check, portal and API) received at the same time, in
    /// all; each client one at a time. They have a gate of their own, so strangers' slow uploads
    /// never hold the slots of staff uploads (`uploadConcurrency`).
    public var publicUploadConcurrency = 4
    /// Uploaded reports read at the same time (each client one at a time).
    public var reportCheckConcurrency = 2
    /// Statute §3.4 (UNCONFIRMED): whether the reply period pauses while a fee is outstanding.
    public var feePausesClock = true
    /// Art. 30: whether a correction notice later than 7 working days (but within the reply
    /// period) is allowed with a warning (true) or refused.
    public var allowLateCorrectionNotice = true
    /// Calendar days a letter (a consultation letter, a fee notice) is taken to need at most by
    /// post: until its receipt is recorded, the reply clock waits no longer than the period
    /// counted from the sending day plus these days, then counts again and asks for the date.
    public var postalAllowanceDays = 7
    /// When annual reports are due, by kind and level of agency (provinces set their own).
    public var reportDeadlines = ReportDeadlineRules()
    /// A fixed "today" for training installations and tests; nil means the real date in Beijing.
    public var fixedToday: CivilDate?
    /// The Chromium that prints reports to PDF; nil looks for chromium, chromium-browser or
    /// google-chrome in the usual folders (`ReportPDF.locate`). Without one, PDF is not offered.
    public var chromiumPath: String?

    // 政民互动 (#12)
    /// Working days a message may take when the agency set no limit of its own (a 县长信箱's common promise).
    public var messageDefaultDays = 15
    /// Working days for a consultation (咨询) when the agency set no limit of its own.
    public var messageConsultationDays = 5
    /// "Due soon": due within this many working days.
    public var messageDueSoonDays = 2
    /// The public mailbox: letters accepted per client address per hour, and per phone number per day.
    public var mailboxPerAddressPerHour = 5
    public var mailboxPerPhonePerDay = 3
    /// A mailbox form sent back faster than this (seconds after it was served) is a robot's.
    public var mailboxMinSeconds = 3
    /// Tracking look-ups (number + last 4 digits) per client address per hour.
    public var messageLookupsPerHour = 30
    /// Signs the mailbox form's time token; random per process when unset (set it when several
    /// instances serve the portal, so a form served by one is accepted by another).
    public var formSecret: String?
    /// Where uploaded import files wait between the check and the import.
    public var importFolder = "data/imports"

    public var messageTimeLimits: MessageTimeLimits {
        MessageTimeLimits(defaultDays: messageDefaultDays, consultationDays: messageConsultationDays)
    }
    // Proactive disclosure and the portal (issue #11).
    /// Memory for rendered public pages, in MB; 0 turns the cache off.
    public var portalCacheMegabytes = 32
    /// How often an instance reads the portal's change counter while serving pages (changes made
    /// by another instance show after at most this long).
    public var portalCachePollMilliseconds = 1000
    /// Statute §5.1 (local rules; national limit UNCONFIRMED): an interpretation is on time up to
    /// this many working days after its policy.
    public var interpretationWorkingDays = InterpretationTimeliness.defaultWorkingDays
    /// How often scheduled publications are looked for, in seconds.
    public var publicationSchedulerSeconds = 60
    /// PostgreSQL: the longest a publication search may run, in milliseconds, before it is ended
    /// with a message (HTTP 503); 0: no limit. A search holds a database connection while it
    /// runs: a bound keeps a costly one from holding it for as long as it takes.
    public var searchTimeLimitMilliseconds = PublicationSearch.defaultTimeLimitMilliseconds
    /// Years after closure when the personal data of closed requests and messages is anonymised
    /// (GONGKAI_RETENTION_YEARS, issue #14). Off by default: no statute fixes the period, the
    /// installation sets it with its archives office (docs/operations.md, Personal data).
    public var retentionYears: Int?
    /// The key applicants' identity numbers and phones are sealed with (GONGKAI_DATA_KEY: base64
    /// of 32 random bytes, issue #14). Required on PostgreSQL; on SQLite, when unset, a key file
    /// beside the database is made on first start (docs/security.md).
    public var dataKey: String?
    /// The key being replaced, set only while `gongkai keys rotate` re-seals the data
    /// (GONGKAI_DATA_KEY_PREVIOUS).
    public var dataKeyPrevious: String?

    /// Today's statutory date.
    public var today: CivilDate { fixedToday ?? CivilDate.today() }

    public var clockRules: ClockRules {
        var rules = ClockRules()
        rules.pauseWhileFeeOutstanding = feePausesClock
        rules.allowLateCorrectionNotice = allowLateCorrectionNotice
        rules.postalAllowanceDays = postalAllowanceDays
        return rules
    }

    public enum LogFormat: String, Sendable { case text, json }

    public init() {}

    public var baseURL: String { publicURL ?? "http://\(host):\(port)" }

    /// Reads the environment over the defaults; a malformed value is an error naming the variable.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        var s = Settings()
        let reader = EnvironmentReader(env: env)
        s.host = reader.string("GONGKAI_HOST") ?? s.host
        s.port = try reader.int("GONGKAI_PORT", in: 1...65535) ?? s.port
        if let url = reader.string("DATABASE_URL") { s.database = try DatabaseLocation(url: url) }
        s.publicURL = reader.string("GONGKAI_PUBLIC_URL")
        s.sessionIdleMinutes = try reader.int("GONGKAI_SESSION_IDLE_MINUTES", in: 1...1440) ?? s.sessionIdleMinutes
        s.sessionMaxHours = try reader.int("GONGKAI_SESSION_MAX_HOURS", in: 1...168) ?? s.sessionMaxHours
        s.signInFailuresBeforeDelay = try reader.int("GONGKAI_SIGNIN_FAILURES_BEFORE_DELAY", in: 1...100) ?? s.signInFailuresBeforeDelay
        s.signInPerMinute = try reader.int("GONGKAI_SIGNIN_PER_MINUTE", in: 1...10_000) ?? s.signInPerMinute
        s.trackingPerMinute = try reader.int("GONGKAI_TRACKING_PER_MINUTE", in: 1...10_000) ?? s.trackingPerMinute
        s.trackingFailuresPerHour = try reader.int("GONGKAI_TRACKING_FAILURES_PER_HOUR", in: 1...10_000) ?? s.trackingFailuresPerHour
        s.applicationsPerHour = try reader.int("GONGKAI_APPLICATIONS_PER_HOUR", in: 1...10_000) ?? s.applicationsPerHour
        s.signInPerNetworkPerMinute = try reader.int("GONGKAI_SIGNIN_PER_NETWORK_PER_MINUTE", in: 1...100_000) ?? s.signInPerNetworkPerMinute
        if let header = reader.string("GONGKAI_CLIENT_ADDRESS_HEADER") {
            guard let h = ClientAddressHeader(rawValue: header.lowercased()) else {
                throw SettingsError(variable: "GONGKAI_CLIENT_ADDRESS_HEADER", message: "应为 x-forwarded-for 或 forwarded")
            }
            s.clientAddressHeader = h
        }
        if let text = reader.string("GONGKAI_TRUSTED_PROXIES") {
            let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let bad = list.first(where: { AddressRange($0) == nil }) {
                throw SettingsError(variable: "GONGKAI_TRUSTED_PROXIES", message: "应为以逗号分隔的 IP 地址或网段（如 10.0.0.5,10.1.0.0/16），“\(bad)”无效")
            }
            s.trustedProxies = list
        }
        s.metricsToken = reader.string("GONGKAI_METRICS_TOKEN")
        s.idleTimeoutSeconds = Int64(try reader.int("GONGKAI_IDLE_TIMEOUT_SECONDS", in: 5...3600) ?? Int(s.idleTimeoutSeconds))
        s.bodyDeadlineSeconds = try reader.int("GONGKAI_BODY_DEADLINE_SECONDS", in: 5...3600) ?? s.bodyDeadlineSeconds
        s.secureCookies = try reader.bool("GONGKAI_SECURE_COOKIES") ?? s.secureCookies
        s.bcryptCost = try reader.int("GONGKAI_BCRYPT_COST", in: 4...31) ?? s.bcryptCost
        if try reader.bool("GONGKAI_REQUIRE_TOTP_FOR_ALL") == true { s.secondFactorPolicy = .everyone }
        if let level = reader.string("GONGKAI_LOG_LEVEL") {
            guard Logger.Level(rawValue: level.lowercased()) != nil else {
                throw SettingsError(variable: "GONGKAI_LOG_LEVEL", message: "应为 trace、debug、info、notice、warning、error 或 critical")
            }
            s.logLevel = level.lowercased()
        }
        if let format = reader.string("GONGKAI_LOG_FORMAT") {
            guard let f = LogFormat(rawValue: format) else { throw SettingsError(variable: "GONGKAI_LOG_FORMAT", message: "应为 text 或 json") }
            s.logFormat = f
        }
        if let convention = reader.string("GONGKAI_COUNTING_CONVENTION") {
            guard let c = CountingConvention(rawValue: convention) else {
                throw SettingsError(variable: "GONGKAI_COUNTING_CONVENTION", message: "应为 start_day_excluded 或 start_day_included")
            }
            s.countingConvention = c
        }
        s.uploadMaxBytes = try reader.int("GONGKAI_UPLOAD_MAX_BYTES", in: 1024...(1 << 30)) ?? s.uploadMaxBytes
        s.bodyMaxBytes = try reader.int("GONGKAI_BODY_MAX_BYTES", in: 1024...(16 << 20)) ?? s.bodyMaxBytes
        s.uploadConcurrency = try reader.int("GONGKAI_UPLOAD_CONCURRENCY", in: 1...256) ?? s.uploadConcurrency
        s.publicUploadConcurrency = try reader.int("GONGKAI_PUBLIC_UPLOAD_CONCURRENCY", in: 1...256) ?? s.publicUploadConcurrency
        s.reportCheckConcurrency = try reader.int("GONGKAI_REPORT_CHECK_CONCURRENCY", in: 1...64) ?? s.reportCheckConcurrency
        s.feePausesClock = try reader.bool("GONGKAI_FEE_PAUSES_CLOCK") ?? s.feePausesClock
        s.allowLateCorrectionNotice = try reader.bool("GONGKAI_ALLOW_LATE_CORRECTION_NOTICE") ?? s.allowLateCorrectionNotice
        s.postalAllowanceDays = try reader.int("GONGKAI_POSTAL_ALLOWANCE_DAYS", in: 0...60) ?? s.postalAllowanceDays
        for (name, path) in [("GONGKAI_REPORT_DUE_DEPARTMENT", \ReportDeadlineRules.departmentsAndTownships),
                             ("GONGKAI_REPORT_DUE_COUNTY", \.county), ("GONGKAI_REPORT_DUE_PREFECTURE", \.prefecture),
                             ("GONGKAI_REPORT_DUE_PROVINCE", \.province)] {
            guard let text = reader.string(name) else { continue }
            guard let day = ReportDeadlineRules.MonthDay(text: text) else {
                throw SettingsError(variable: name, message: "应为报告年度次年的 MM-DD（如 01-31），实际为“\(text)”")
            }
            s.reportDeadlines[keyPath: path] = day
        }
        s.messageDefaultDays = try reader.int("GONGKAI_MESSAGE_DAYS", in: 1...100) ?? s.messageDefaultDays
        s.messageConsultationDays = try reader.int("GONGKAI_MESSAGE_CONSULTATION_DAYS", in: 1...100) ?? s.messageConsultationDays
        s.messageDueSoonDays = try reader.int("GONGKAI_MESSAGE_DUE_SOON_DAYS", in: 0...30) ?? s.messageDueSoonDays
        s.mailboxPerAddressPerHour = try reader.int("GONGKAI_MAILBOX_PER_ADDRESS_PER_HOUR", in: 1...10_000) ?? s.mailboxPerAddressPerHour
        s.mailboxPerPhonePerDay = try reader.int("GONGKAI_MAILBOX_PER_PHONE_PER_DAY", in: 1...1_000) ?? s.mailboxPerPhonePerDay
        s.mailboxMinSeconds = try reader.int("GONGKAI_MAILBOX_MIN_SECONDS", in: 0...600) ?? s.mailboxMinSeconds
        s.messageLookupsPerHour = try reader.int("GONGKAI_MESSAGE_LOOKUPS_PER_HOUR", in: 1...100_000) ?? s.messageLookupsPerHour
        s.formSecret = reader.string("GONGKAI_FORM_SECRET")
        s.importFolder = reader.string("GONGKAI_IMPORT_DIR") ?? s.importFolder
        s.chromiumPath = reader.string("GONGKAI_CHROMIUM")
        s.portalCacheMegabytes = try reader.int("GONGKAI_PORTAL_CACHE_MB", in: 0...4096) ?? s.portalCacheMegabytes
        s.portalCachePollMilliseconds = try reader.int("GONGKAI_PORTAL_CACHE_POLL_MS", in: 0...600_000) ?? s.portalCachePollMilliseconds
        s.interpretationWorkingDays = try reader.int("GONGKAI_INTERPRETATION_DAYS", in: 0...60) ?? s.interpretationWorkingDays
        s.publicationSchedulerSeconds = try reader.int("GONGKAI_PUBLICATION_SCHEDULER_SECONDS", in: 5...3600) ?? s.publicationSchedulerSeconds
        s.searchTimeLimitMilliseconds = try reader.int("GONGKAI_SEARCH_TIME_LIMIT_MS", in: 0...600_000) ?? s.searchTimeLimitMilliseconds
        s.retentionYears = try reader.int("GONGKAI_RETENTION_YEARS", in: 1...100) ?? s.retentionYears
        s.dataKey = reader.string("GONGKAI_DATA_KEY")
        s.dataKeyPrevious = reader.string("GONGKAI_DATA_KEY_PREVIOUS")
        if let today = reader.string("GONGKAI_TODAY") {
            guard let date = CivilDate(iso: today) else { throw SettingsError(variable: "GONGKAI_TODAY", message: "应为 YYYY-MM-DD") }
            s.fixedToday = date
        }
        return s
    }
}

/// The header a trusted proxy names the client in (GONGKAI_CLIENT_ADDRESS_HEADER).
public enum ClientAddressHeader: String, Sendable {
    case xForwardedFor = "x-forwarded-for"
    case forwarded
}

private struct EnvironmentReader {
    let env: [String: String]

    func string(_ name: String) -> String? {
        guard let value = env[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw SettingsError(variable: name, message: "应为 \(range.lowerBound)–\(range.upperBound) 之间的整数，实际为“\(text)”")
        }
        return value
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name)?.lowercased() else { return nil }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw SettingsError(variable: name, message: "应为 true 或 false，实际为“\(text)”")
        }
    }
}
