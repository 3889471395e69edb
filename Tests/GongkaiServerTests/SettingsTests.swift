import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing

/// Settings from the environment (.env.example names every variable) and DATABASE_URL.
@Suite("Settings and database URL")
struct SettingsTests {
    /// The error a bad environment gives, or nil.
    static func error(_ env: [String: String]) -> SettingsError? {
        do {
            _ = try Settings.fromEnvironment(env)
            return nil
        } catch let error as SettingsError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    /// Every variable of .env.example, each set to a value that is not its default.
    static let everyVariable: [String: String] = [
        "GONGKAI_HOST": "0.0.0.0", "GONGKAI_PORT": "9090", "DATABASE_URL": "postgres://gk:secret@db.internal:5432/gongkai",
        "GONGKAI_PUBLIC_URL": "https://gk.example.gov.cn", "GONGKAI_SESSION_IDLE_MINUTES": "45", "GONGKAI_SESSION_MAX_HOURS": "8",
        "GONGKAI_SIGNIN_FAILURES_BEFORE_DELAY": "3", "GONGKAI_SIGNIN_PER_MINUTE": "7", "GONGKAI_TRACKING_PER_MINUTE": "4",
        "GONGKAI_TRACKING_FAILURES_PER_HOUR": "6", "GONGKAI_APPLICATIONS_PER_HOUR": "2", "GONGKAI_IDLE_TIMEOUT_SECONDS": "30",
        "GONGKAI_BODY_DEADLINE_SECONDS": "90",
        "GONGKAI_METRICS_TOKEN": "monitor-1", "GONGKAI_SECURE_COOKIES": "true",
        "GONGKAI_BCRYPT_COST": "10", "GONGKAI_LOG_LEVEL": "debug", "GONGKAI_LOG_FORMAT": "json",
        "GONGKAI_COUNTING_CONVENTION": "start_day_included", "GONGKAI_UPLOAD_MAX_BYTES": "2048", "GONGKAI_REPORT_CHECK_CONCURRENCY": "4",
        "GONGKAI_FEE_PAUSES_CLOCK": "false", "GONGKAI_ALLOW_LATE_CORRECTION_NOTICE": "false", "GONGKAI_POSTAL_ALLOWANCE_DAYS": "3",
        "GONGKAI_REPORT_DUE_DEPARTMENT": "01-25", "GONGKAI_REPORT_DUE_COUNTY": "02-15", "GONGKAI_REPORT_DUE_PREFECTURE": "03-05",
        "GONGKAI_REPORT_DUE_PROVINCE": "03-20",
        "GONGKAI_MESSAGE_DAYS": "10", "GONGKAI_MESSAGE_CONSULTATION_DAYS": "3", "GONGKAI_MESSAGE_DUE_SOON_DAYS": "1",
        "GONGKAI_MAILBOX_PER_ADDRESS_PER_HOUR": "4", "GONGKAI_MAILBOX_PER_PHONE_PER_DAY": "2", "GONGKAI_MAILBOX_MIN_SECONDS": "5",
        "GONGKAI_MESSAGE_LOOKUPS_PER_HOUR": "12", "GONGKAI_FORM_SECRET": "form-key-1", "GONGKAI_IMPORT_DIR": "/var/lib/gongkai/imports",
        "GONGKAI_TODAY": "2023-12-15", "GONGKAI_SIGNIN_PER_NETWORK_PER_MINUTE": "90", "GONGKAI_CLIENT_ADDRESS_HEADER": "Forwarded", "GONGKAI_TRUSTED_PROXIES": "10.0.0.5,10.1.0.0/16",
        "GONGKAI_BODY_MAX_BYTES": "32768", "GONGKAI_UPLOAD_CONCURRENCY": "3", "GONGKAI_PUBLIC_UPLOAD_CONCURRENCY": "2",
        "GONGKAI_PORTAL_CACHE_MB": "64", "GONGKAI_PORTAL_CACHE_POLL_MS": "250", "GONGKAI_INTERPRETATION_DAYS": "5",
        "GONGKAI_PUBLICATION_SCHEDULER_SECONDS": "30", "GONGKAI_SEARCH_TIME_LIMIT_MS": "1500", "GONGKAI_REQUIRE_TOTP_FOR_ALL": "true",
        "GONGKAI_RETENTION_YEARS": "7",
        "GONGKAI_DATA_KEY": "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=", "GONGKAI_DATA_KEY_PREVIOUS": "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=",
        "GONGKAI_CHROMIUM": "/opt/chromium/chrome",
    ]

    @Test func theExampleFileNamesExactlyTheVariablesRead() throws {
        // given the variables .env.example documents (set or commented out)
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".env.example")
        let text = try String(contentsOf: url, encoding: .utf8)
        let documented = Set(text.matches(of: /(?m)^#?\s*((?:GONGKAI_[A-Z_]+|DATABASE_URL))=/).map { String($0.output.1) })
        // then they are the ones this suite sets (and checks below), so a new setting gets a test
        #expect(documented == Set(Self.everyVariable.keys))
    }

    @Test func anEmptyEnvironmentGivesTheDefaults() throws {
        // given no variable, when read
        let s = try Settings.fromEnvironment([:])
        // then `gongkai serve` works on a fresh machine with a local SQLite file
        #expect(s.host == "127.0.0.1")
        #expect(s.port == 8080)
        #expect(s.database == .sqlite(path: "data/gongkai.sqlite"))
        #expect(s.publicURL == nil)
        #expect(s.baseURL == "http://127.0.0.1:8080")
        #expect(s.sessionIdleMinutes == 30)
        #expect(s.sessionMaxHours == 12)
        #expect(s.signInFailuresBeforeDelay == 5)
        #expect(s.signInPerMinute == 20)
        #expect(s.trackingPerMinute == 10)
        #expect(s.trackingFailuresPerHour == 10)
        #expect(s.applicationsPerHour == 10)
        #expect(s.idleTimeoutSeconds == 60)
        #expect(s.bodyDeadlineSeconds == 60)
        #expect(s.metricsToken == nil)
        #expect(s.secureCookies == false)
        #expect(s.bcryptCost == 12)
        #expect(s.logLevel == "info")
        #expect(s.logFormat == .text)
        #expect(s.countingConvention == .startDayExcluded)
        #expect(s.uploadMaxBytes == 10_485_760)
        #expect(s.reportCheckConcurrency == 2)
        #expect(s.feePausesClock)
        #expect(s.allowLateCorrectionNotice)
        #expect(s.postalAllowanceDays == 7)
        #expect(s.clockRules == ClockRules())
        #expect(s.fixedToday == nil)
        #expect(s.reportDeadlines == ReportDeadlineRules())
        #expect(s.messageDefaultDays == 15)
        #expect(s.messageConsultationDays == 5)
        #expect(s.messageDueSoonDays == 2)
        #expect(s.mailboxPerAddressPerHour == 5)
        #expect(s.mailboxPerPhonePerDay == 3)
        #expect(s.mailboxMinSeconds == 3)
        #expect(s.messageLookupsPerHour == 30)
        #expect(s.formSecret == nil)
        #expect(s.importFolder == "data/imports")
        #expect(s.signInPerNetworkPerMinute == 60)
        #expect(s.clientAddressHeader == .xForwardedFor)
        #expect(s.publicUploadConcurrency == 4)
        #expect(s.trustedProxies.isEmpty)
        #expect(s.bodyMaxBytes == 65536)
        #expect(s.uploadConcurrency == 4)
        #expect(s.chromiumPath == nil)
        #expect(s.portalCacheMegabytes == 32)
        #expect(s.portalCachePollMilliseconds == 1000)
        #expect(s.interpretationWorkingDays == 3)
        #expect(s.publicationSchedulerSeconds == 60)
        #expect(s.searchTimeLimitMilliseconds == 5000)
        #expect(s.retentionYears == nil, "no statute fixes a period: off unless chosen")
        #expect(s.dataKey == nil, "SQLite then uses a key file beside the database")
    }

    @Test func everyVariableOverridesItsDefault() throws {
        // given every variable of .env.example set to a non-default value
        let s = try Settings.fromEnvironment(Self.everyVariable)
        // then each is read
        #expect(s.host == "0.0.0.0")
        #expect(s.port == 9090)
        #expect(s.database == .postgres(url: "postgres://gk:secret@db.internal:5432/gongkai"))
        #expect(s.baseURL == "https://gk.example.gov.cn")
        #expect(s.sessionIdleMinutes == 45)
        #expect(s.sessionMaxHours == 8)
        #expect(s.signInFailuresBeforeDelay == 3)
        #expect(s.signInPerMinute == 7)
        #expect(s.trackingPerMinute == 4)
        #expect(s.trackingFailuresPerHour == 6)
        #expect(s.applicationsPerHour == 2)
        #expect(s.idleTimeoutSeconds == 30)
        #expect(s.bodyDeadlineSeconds == 90)
        #expect(s.metricsToken == "monitor-1")
        #expect(s.secureCookies)
        #expect(s.bcryptCost == 10)
        #expect(s.logLevel == "debug")
        #expect(s.logFormat == .json)
        #expect(s.countingConvention == .startDayIncluded)
        #expect(s.uploadMaxBytes == 2048)
        #expect(s.reportCheckConcurrency == 4)
        #expect(!s.feePausesClock)
        #expect(!s.clockRules.pauseWhileFeeOutstanding)
        #expect(!s.allowLateCorrectionNotice)
        #expect(!s.clockRules.allowLateCorrectionNotice)
        #expect(s.postalAllowanceDays == 3)
        #expect(s.clockRules.postalAllowanceDays == 3)
        #expect(s.reportDeadlines.dueOn(reportYear: 2025, kind: .township, level: .county) == CivilDate(year: 2026, month: 1, day: 25))
        #expect(s.reportDeadlines.dueOn(reportYear: 2025, kind: .government, level: .county) == CivilDate(year: 2026, month: 2, day: 15))
        #expect(s.reportDeadlines.dueOn(reportYear: 2025, kind: .government, level: .prefecture) == CivilDate(year: 2026, month: 3, day: 5))
        #expect(s.reportDeadlines.dueOn(reportYear: 2025, kind: .government, level: .province) == CivilDate(year: 2026, month: 3, day: 20))
        #expect(s.messageDefaultDays == 10)
        #expect(s.messageConsultationDays == 3)
        #expect(s.messageDueSoonDays == 1)
        #expect(s.mailboxPerAddressPerHour == 4)
        #expect(s.mailboxPerPhonePerDay == 2)
        #expect(s.mailboxMinSeconds == 5)
        #expect(s.messageLookupsPerHour == 12)
        #expect(s.formSecret == "form-key-1")
        #expect(s.importFolder == "/var/lib/gongkai/imports")
        #expect(s.fixedToday == CivilDate(year: 2023, month: 12, day: 15))
        #expect(s.today == CivilDate(year: 2023, month: 12, day: 15))
        #expect(s.signInPerNetworkPerMinute == 90)
        #expect(s.clientAddressHeader == .forwarded)
        #expect(s.publicUploadConcurrency == 2)
        #expect(s.trustedProxies == ["10.0.0.5", "10.1.0.0/16"])
        #expect(s.bodyMaxBytes == 32768)
        #expect(s.uploadConcurrency == 3)
        #expect(s.chromiumPath == "/opt/chromium/chrome")
        #expect(s.portalCacheMegabytes == 64)
        #expect(s.portalCachePollMilliseconds == 250)
        #expect(s.interpretationWorkingDays == 5)
        #expect(s.publicationSchedulerSeconds == 30)
        #expect(s.searchTimeLimitMilliseconds == 1500)
        #expect(s.secondFactorPolicy == .everyone)
        #expect(s.retentionYears == 7)
        #expect(s.dataKey == "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=")
        #expect(s.dataKeyPrevious == "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=")
    }

    @Test func aReportDueDateMustBeADayOfEveryYear() {
        #expect(Self.error(["GONGKAI_REPORT_DUE_COUNTY": "2-20"])?.variable == "GONGKAI_REPORT_DUE_COUNTY")
        #expect(Self.error(["GONGKAI_REPORT_DUE_COUNTY": "02-30"])?.message == "应为报告年度次年的 MM-DD（如 01-31），实际为“02-30”")
        #expect(Self.error(["GONGKAI_REPORT_DUE_PROVINCE": "02-29"])?.variable == "GONGKAI_REPORT_DUE_PROVINCE")
        #expect(Self.error(["GONGKAI_REPORT_DUE_DEPARTMENT": "12-31"]) == nil)
    }

    @Test func blankValuesMeanTheDefaultAndValuesAreTrimmed() throws {
        let s = try Settings.fromEnvironment([
            "GONGKAI_PORT": "  ", "GONGKAI_HOST": "", "GONGKAI_BCRYPT_COST": " 11 ", "GONGKAI_TODAY": " 2024-01-02",
        ])
        #expect(s.port == 8080)
        #expect(s.host == "127.0.0.1")
        #expect(s.bcryptCost == 11)
        #expect(s.fixedToday == CivilDate(year: 2024, month: 1, day: 2))
    }

    @Test func booleansAcceptTheUsualSpellingsInAnyCase() throws {
        for yes in ["1", "true", "TRUE", "yes", "On"] {
            #expect(try Settings.fromEnvironment(["GONGKAI_SECURE_COOKIES": yes]).secureCookies, "\(yes)")
        }
        for no in ["0", "false", "No", "off"] { #expect(try !Settings.fromEnvironment(["GONGKAI_SECURE_COOKIES": no]).secureCookies, "\(no)") }
    }

    @Test func aNumberThatIsNotOneNamesTheVariableAndTheValue() {
        // given a port with a typing error
        let error = Self.error(["GONGKAI_PORT": "80a"])
        // then the error names the variable, the range and what was given
        #expect(error?.variable == "GONGKAI_PORT")
        #expect(error?.localizedDescription == "环境变量 GONGKAI_PORT 无效：应为 1–65535 之间的整数，实际为“80a”")
    }

    @Test func numbersOutsideTheirRangeAreRefused() {
        #expect(Self.error(["GONGKAI_PORT": "0"])?.variable == "GONGKAI_PORT")
        #expect(Self.error(["GONGKAI_PORT": "65536"])?.variable == "GONGKAI_PORT")
        #expect(Self.error(["GONGKAI_PORT": "65535"]) == nil)
        #expect(Self.error(["GONGKAI_BCRYPT_COST": "3"])?.message == "应为 4–31 之间的整数，实际为“3”")
        #expect(Self.error(["GONGKAI_SESSION_IDLE_MINUTES": "1441"])?.variable == "GONGKAI_SESSION_IDLE_MINUTES")
        #expect(Self.error(["GONGKAI_SESSION_MAX_HOURS": "169"])?.variable == "GONGKAI_SESSION_MAX_HOURS")
        #expect(Self.error(["GONGKAI_SIGNIN_FAILURES_BEFORE_DELAY": "0"])?.variable == "GONGKAI_SIGNIN_FAILURES_BEFORE_DELAY")
        #expect(Self.error(["GONGKAI_IDLE_TIMEOUT_SECONDS": "-5"])?.variable == "GONGKAI_IDLE_TIMEOUT_SECONDS")
        #expect(Self.error(["GONGKAI_UPLOAD_MAX_BYTES": "1023"])?.variable == "GONGKAI_UPLOAD_MAX_BYTES")
        #expect(Self.error(["GONGKAI_UPLOAD_MAX_BYTES": "10 MB"])?.variable == "GONGKAI_UPLOAD_MAX_BYTES")
        #expect(Self.error(["GONGKAI_REPORT_CHECK_CONCURRENCY": "0"])?.variable == "GONGKAI_REPORT_CHECK_CONCURRENCY")
        #expect(Self.error(["GONGKAI_REPORT_CHECK_CONCURRENCY": "65"])?.variable == "GONGKAI_REPORT_CHECK_CONCURRENCY")
    }

    @Test func wordsOutsideTheirVocabularyAreRefusedWithTheChoices() {
        #expect(Self.error(["GONGKAI_SECURE_COOKIES": "maybe"])?.message == "应为 true 或 false，实际为“maybe”")
        #expect(Self.error(["GONGKAI_FEE_PAUSES_CLOCK": "2"])?.variable == "GONGKAI_FEE_PAUSES_CLOCK")
        #expect(Self.error(["GONGKAI_LOG_FORMAT": "xml"])?.message == "应为 text 或 json")
        #expect(Self.error(["GONGKAI_COUNTING_CONVENTION": "inclusive"])?.message == "应为 start_day_excluded 或 start_day_included")
        #expect(Self.error(["GONGKAI_TODAY": "2024-02-30"])?.message == "应为 YYYY-MM-DD")
        #expect(Self.error(["GONGKAI_TODAY": "2024/01/02"])?.variable == "GONGKAI_TODAY")
    }

    @Test func anUnknownLogLevelIsRefused() {
        // Settings promises "a malformed value is an error naming the variable"; the log level is
        // read as any text and an unknown one silently becomes info (Operations).
        #expect(Self.error(["GONGKAI_LOG_LEVEL": "verbose"])?.variable == "GONGKAI_LOG_LEVEL")
    }

    // MARK: DATABASE_URL

    @Test func sqliteURLsNameAFile() throws {
        #expect(try DatabaseLocation(url: "sqlite:///var/lib/gongkai/gongkai.sqlite") == .sqlite(path: "/var/lib/gongkai/gongkai.sqlite"))
        #expect(try DatabaseLocation(url: "sqlite://data/test.sqlite") == .sqlite(path: "data/test.sqlite"))
        #expect(try DatabaseLocation(url: "sqlite://data/test.sqlite").isSQLite)
    }

    @Test func postgresURLsNeedAHostAndADatabase() throws {
        let url = "postgres://gongkai:secret@127.0.0.1:5432/gongkai?sslmode=disable"
        #expect(try DatabaseLocation(url: url) == .postgres(url: url))
        #expect(try DatabaseLocation(url: "postgresql://db/gongkai") == .postgres(url: "postgresql://db/gongkai"))
        #expect(try !DatabaseLocation(url: url).isSQLite)
    }

    @Test func badDatabaseURLsSayWhatIsExpected() {
        func message(_ url: String) -> String? {
            do { _ = try DatabaseLocation(url: url); return nil } catch let e as SettingsError { return e.localizedDescription } catch {
                return "\(error)"
            }
        }
        #expect(message("sqlite://") == "环境变量 DATABASE_URL 无效：sqlite:// 后缺少文件路径")
        #expect(message("postgres://db.internal") == "环境变量 DATABASE_URL 无效：应为 postgres://用户:密码@主机:端口/数据库")
        #expect(message("postgres://db.internal/") == "环境变量 DATABASE_URL 无效：应为 postgres://用户:密码@主机:端口/数据库")
        #expect(message("postgres:///gongkai") == "环境变量 DATABASE_URL 无效：应为 postgres://用户:密码@主机:端口/数据库")
        #expect(message("mysql://db/gongkai") == "环境变量 DATABASE_URL 无效：只支持 sqlite:// 或 postgres:// 开头的地址，实际为“mysql://db/gongkai”")
        #expect(message("data/gongkai.sqlite")?.contains("只支持 sqlite:// 或 postgres://") == true)
        // and through the environment
        #expect(Self.error(["DATABASE_URL": "mysql://db/gongkai"])?.variable == "DATABASE_URL")
    }

    @Test func theLoggedLocationHidesThePassword() throws {
        #expect(try DatabaseLocation(url: "postgres://gk:secret@db:5432/gongkai").description == "postgres://gk:***@db:5432/gongkai")
        #expect(try DatabaseLocation(url: "postgres://gk@db/gongkai").description == "postgres://gk@db/gongkai")
        #expect(DatabaseLocation.sqlite(path: "data/x.sqlite").description == "sqlite://data/x.sqlite")
    }
}
