import Fluent
import Foundation
import GongkaiCore
import Logging
import Vapor

/// What the command-line interface can ask of the platform. The CLI parses arguments and prints;
/// everything else happens here, through the same services as the web console, so a rule holds
/// whichever door a change comes through.
public enum Operations {
    /// Sets up process-wide logging once, at the level and format of the settings.
    public static func bootstrapLogging(_ settings: Settings, level override: Logger.Level? = nil) {
        let level = override ?? Logger.Level(rawValue: settings.logLevel.lowercased()) ?? .info
        switch settings.logFormat {
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return SafeLogHandler(wrapped: handler)
            }
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        }
    }

    /// Migrates, prints the first-run link when nobody can sign in yet, and serves until stopped.
    public static func serve(_ settings: Settings) async throws {
        let claim = try claimServer(settings)  // SQLite: one server per file (Operations+Instances)
        let app = try await Application.make(Environment(name: "production", arguments: ["gongkai", "serve"]))
        do {
            try configure(app, settings: settings)
            try await prepareDatabase(app)
            if let token = try await SetupService.issueLinkIfNeeded(on: app.db) {
                announceSetupLink(token, settings: settings, logger: app.logger)
            }
            if let warning = settings.metricsExposureWarning { app.logger.warning("\(warning)") }
            app.lifecycle.use(ClockRefresher())
            app.lifecycle.use(PublicationScheduler())  // scheduled publications (issue #11)
            if settings.retentionYears != nil { app.lifecycle.use(RetentionJob()) }  // personal data past its period (#14)
            announceStarted(settings)
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        withExtendedLifetime(claim) {}
    }

    /// Brings the database to the current schema; returns the migrations that ran.
    public static func migrate(_ settings: Settings) async throws {
        try await withApplication(settings) { _ in }
    }

    public struct AgencyListing: Codable, Sendable {
        public let code: String
        public let name: String
        public let kind: AgencyKind
        public let parent: String?
        public let creditCode: String?
    }

    public static func listAgencies(_ settings: Settings) async throws -> [AgencyListing] {
        try await withApplication(settings) { app in
            let outline = try await AgencyTree.outline(of: try await Agency.query(on: app.db).filter(\.$parent.$id == nil).all().map { try $0.requireID() }, on: app.db)
            let codes = Dictionary(uniqueKeysWithValues: outline.compactMap { item in item.agency.id.map { ($0, item.agency.code) } })
            return outline.map { item in
                AgencyListing(code: item.agency.code, name: item.agency.name, kind: item.agency.kind,
                              parent: item.agency.$parent.id.flatMap { codes[$0] }, creditCode: item.agency.creditCode)
            }
        }
    }

    /// Imports agencies from CSV text, all or nothing; returns how many were created.
    public static func importAgencies(_ settings: Settings, csv: String) async throws -> Int {
        try await withApplication(settings) { app in
            do {
                return try await AgencyImportService.importCSV(csv, by: .commandLine("agency import"), on: app.db).count
            } catch let problem as AgencyImportService.Problem {
                throw CommandError(problem.description)
            }
        }
    }

    /// Creates a user in the agency with the given code. Without a password a temporary one is
    /// generated and returned (to be changed at first sign-in).
    public static func createUser(
        _ settings: Settings, agencyCode: String, username: String, displayName: String, roles: Set<Role>, password: String?
    ) async throws -> String? {
        try await withApplication(settings) { app in
            guard let agency = try await Agency.query(on: app.db).filter(\.$code == agencyCode.lowercased()).first() else {
                let known = try await Agency.query(on: app.db).sort(\.$code).all().map(\.code)
                throw CommandError(known.isEmpty
                    ? "机构“\(agencyCode)”不存在：数据库中还没有机构，请先用 gongkai agency import 导入或完成网页初始化"
                    : "机构“\(agencyCode)”不存在（已有：\(known.prefix(8).joined(separator: "、"))\(known.count > 8 ? "…" : "")）")
            }
            let input = UserInput(username: username.lowercased(), displayName: displayName, agencyID: try agency.requireID(), roles: roles)
            do {
                return try await UserService.create(input, password: password, hasher: app.passwordHasher,
                                                    by: .commandLine("user create"), on: app.db).temporaryPassword
            } catch let error as AppError {
                throw CommandError(error.fields.isEmpty ? error.message : error.fields.sorted { $0.key < $1.key }.map(\.value).joined(separator: "；"))
            }
        }
    }

    /// The operator's password reset (any account, auditors included: SeparationOfDuties).
    public static func resetPassword(_ settings: Settings, username: String) async throws -> String {
        try await withApplication(settings) { app in
            guard let user = try await StaffUser.query(on: app.db).filter(\.$username == username.lowercased()).first() else {
                throw CommandError("用户“\(username)”不存在")
            }
            return try await UserService.resetPassword(
                try user.requireID(), hasher: app.passwordHasher, by: .commandLine("user reset-password"),
                on: app.db)
        }
    }

    /// The operator's reset of a second factor (#14): the only one an auditor's account may get.
    public static func resetSecondFactor(_ settings: Settings, username: String) async throws {
        try await withApplication(settings) { app in
            guard let user = try await StaffUser.query(on: app.db).filter(\.$username == username.lowercased()).first() else {
                throw CommandError("用户“\(username)”不存在")
            }
            try await SecondFactorService.reset(try user.requireID(), staff: nil, by: .commandLine("user reset-second-factor"), on: app.db)
        }
    }

    public struct DemoSummary: Sendable {
        public let agencies: Int
        public let users: [(username: String, name: String, agency: String, roles: [Role])]
        public let password: String
        public let requests: Int
        public let challengeCases: Int
        /// Proactive disclosure (issue #11): published items, and drafts in the review chain.
        public let publications: Int
        public let drafts: Int
    }

    public static func loadDemo(_ settings: Settings) async throws -> DemoSummary {
        try await withApplication(settings) { app in
            do {
                let password = try await DemoCounty.load(hasher: app.passwordHasher, context: try await app.requestContext(), on: app.db)
                let names = Dictionary(uniqueKeysWithValues: DemoCounty.agencies.map { ($0.code, $0.name) })
                return DemoSummary(
                    agencies: DemoCounty.agencies.count,
                    users: DemoCounty.users.map { ($0.username, $0.name, names[$0.agency] ?? $0.agency, $0.roles.sorted()) },
                    password: password,
                    requests: try await DisclosureRequest.query(on: app.db).count(),
                    challengeCases: try await ChallengeCase.query(on: app.db).count(),
                    publications: try await Publication.query(on: app.db).filter(\.$status == .published).count(),
                    drafts: try await Publication.query(on: app.db).filter(\.$status ~~ [.draft, .inReview]).count())
            } catch let error as AppError {
                throw CommandError(error.message)
            }
        }
    }

    /// The working-day calendar in force: bundled data plus years added to the database.
    /// A fresh SQLite installation (no file yet) uses the bundled data without creating one.
    public static func calendar(_ settings: Settings) async throws -> WorkingDayCalendar {
        if case .sqlite(let path) = settings.database, !FileManager.default.fileExists(atPath: path) {
            return WorkingDayCalendar(convention: settings.countingConvention)
        }
        return try await withApplication(settings) { app in try await app.calendarStore.calendar(on: app.db) }
    }

    public static func importHolidayYear(_ settings: Settings, year: String, content: String) async throws -> Int {
        try await withApplication(settings) { app in
            do {
                return try await HolidayService.importYear(yearText: year, content: content, settings: settings, by: .commandLine("calendar import"), on: app.db)
            } catch let error as AppError {
                throw CommandError(error.fields.sorted { $0.key < $1.key }.map(\.value).first ?? error.message)
            }
        }
    }

    /// Runs `body` with a configured, migrated application that is shut down afterwards.
    static func withApplication<T: Sendable>(_ settings: Settings, _ body: @Sendable (Application) async throws -> T) async throws -> T {
        let app = try await Application.make(Environment(name: "production", arguments: ["gongkai"]))
        do {
            try configure(app, settings: settings)
            try await prepareDatabase(app)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
