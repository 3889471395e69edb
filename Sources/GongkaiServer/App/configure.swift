import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import GongkaiCore
import Vapor

/// Configures an application: database, migrations, middleware, routes.
/// The CLI and the tests both start from here.
public func configure(_ app: Application, settings: Settings) throws {
    app.settings = settings
    app.http.server.configuration.hostname = settings.host
    app.http.server.configuration.port = settings.port
    // Forms and JSON: small. The routes that take files raise it for themselves (BodyLimit).
    app.routes.defaultMaxBodySize = ByteCount(integerLiteral: settings.bodyMaxBytes)
    app.makeServices()
    app.makePortalCache()                            // proactive disclosure: rendered public pages
    app.makeMessageServices()  // 政民互动 (#12): rate limits, form tokens, import progress

    try useDatabase(settings.database, on: app)
    // Identity numbers and phones sealed at rest (#14); refused here, before anything is served, without a key.
    let keys = try PersonalDataKeys.resolve(settings, logger: app.logger)
    PersonalDataKeyRegistry.register(keys)
    app.databases.middleware.use(PersonalDataSealing(keys: keys))
    addMigrations(to: app)

    ContentConfiguration.global.use(encoder: JSONCoding.encoder(), for: .json)
    ContentConfiguration.global.use(decoder: JSONCoding.decoder(), for: .json)

    app.http.server.configuration.idleTimeout = .seconds(settings.idleTimeoutSeconds)  // slow clients cannot hold connections
    app.middleware = Middlewares()
    app.middleware.use(HeaderValidationMiddleware())   // outermost: no header leaves with a CR or LF
    app.middleware.use(SecurityHeadersMiddleware())    // around the error middleware: error pages carry them too
    app.middleware.use(RequestMetricsMiddleware(registry: app.metricsRegistry))
    app.middleware.use(GongkaiErrorMiddleware())
    app.middleware.use(BodyLimitMiddleware())  // a body larger than its route reads: 413 before anything reads it
    app.middleware.use(BrowserOnly(FlashMiddleware()))
    app.middleware.use(BrowserOnly(CSRFMiddleware()))
    app.middleware.use(BrowserOnly(SessionAuthenticator()))
    app.middleware.use(APIOnly(APITokenAuthenticator()))

    try routes(app)
}

/// Every migration, in the order it runs. Never edit one that has shipped: add a new one.
func addMigrations(to app: Application) {
    app.migrations.add(CreateAgencies())             // the agency tree
    app.migrations.add(CreateStaffUsers())           // staff accounts (bcrypt, lockout counters)
    app.migrations.add(CreateRoleAssignments())      // roles held per agency
    app.migrations.add(CreateStaffSessions())        // database-backed sessions (several instances)
    app.migrations.add(CreateAPITokens())            // bearer tokens for /api/v1
    app.migrations.add(CreateSetupTokens())          // the one-time first-run link
    app.migrations.add(CreateAuditEntries())         // the audit log
    app.migrations.add(ProtectAuditEntries())        // triggers: the audit log is append-only
    app.migrations.add(CreateHolidayScheduleYears()) // holiday schedules added by administrators
    app.migrations.add(AddRemediesToAgencies())      // where replies may be challenged (reply letters)
    app.migrations.add(CreateDisclosureRequests())   // 依申请公开: requests with their clock fields
    app.migrations.add(CreateRequestDetails())       // consultations, fee notices, history, attachments
    app.migrations.add(CreateReviewCases())          // reconsideration and litigation (table 四)
    app.migrations.add(RenameReviewCasesToChallengeCases()) // "review" is 审核: the register becomes challenge_cases
    app.migrations.add(AddReceiptDelayAndOrderedReplyToRequests()) // Art. 31 late confirmation; a reply's ordered date
    app.migrations.add(AddDecisionFactsToChallengeCases())  // decision received, ordered reply, co-defendant (table 四)
    app.migrations.add(IndexStatisticsWithoutReopenedRequests()) // table 三 leaves re-made replies out
    app.migrations.add(AddGovernmentLevelToAgencies()) // a government's level decides its report's due date
    app.migrations.add(CreateAnnualReports())        // annual reports: drafts, table 二 figures, history, published versions
    app.migrations.add(AddCorrectionLateReasonAndOrderedDays())  // Art. 30 late correction's reason; a decision's period in days
    app.migrations.add(CheckConclusionNotBeforeReceipt())  // a request cannot end before it was received (table 三, R1)
    // 政民互动 (#12)
    app.migrations.add(CreatePublicMessages())       // messages, history, channels, time limits, imports
    app.migrations.add(CreateServerSecrets())  // the installation's secrets (the CSRF tokens' key)
    app.migrations.add(ExpireUnlimitedAPITokens())  // tokens made without an expiry expire in 90 days
    // Proactive disclosure and the public portal (issue #11).
    app.migrations.add(CreateCatalogueItems())       // standard disclosure catalogues (公开事项标准目录)
    app.migrations.add(CreateTopicColumns())         // topic columns (专题专栏)
    app.migrations.add(CreatePublications())         // publications, review decisions, versions, attachments, index counters
    app.migrations.add(CreatePublicationSearch())    // Chinese search: FTS5 trigram + short grams / pg_trgm + gram GIN
    app.migrations.add(CreatePortalState())          // the portal's change counter (cache invalidation across instances)
    app.migrations.add(IndexInterpretationsWhereLinked())  // interpretations by policy: a partial index (NULL almost everywhere)
    app.migrations.add(AddSubmitterToPublications())  // who submitted the round: a reviser cannot pass their own revision
    // Public messages, after their review (issue #12).
    app.migrations.add(KeyImportedMessagesByImportingAgency()) // an import's identity survives a transfer
    app.migrations.add(CreateUsedFormTokens())       // a mailbox form token posts one letter
    // The annual report, after its review (issue #13).
    app.migrations.add(AddActorUserToReportEvents()) // a report step's user: the submitter cannot approve (#13 review)
    app.migrations.add(AddReviewWritersToPublications())  // every writer of a round kept from reviewing it; the rule snapshotted
    // Security (issue #8).
    app.migrations.add(AddAgencyToAuditEntries())    // an audit entry keeps its record's agency: auditors scoped by it
    // Operations (issue #14).
    app.migrations.add(CreateSecondFactors())        // TOTP keys, recovery codes, sign-ins awaiting their second factor (#14)
    // Security (issue #8, continued).
    app.migrations.add(CorrectTransferredMessageAuditAgencies())  // a transferred message's entries at the agency that held it then
    app.migrations.add(AddFormerAgencyToAuditEntries())  // a user moved: the entry in the old agency's log too
    // Public messages, second review (issue #12).
    app.migrations.add(MergeDuplicateImportedMessages()) // rows the first import key duplicated become one
    app.migrations.add(CountSharedImportsOnce())     // a hotline item imported by two agencies counted once
    app.migrations.add(AddPersonalDataLookupHashes()) // keyed hashes of sealed identity numbers and phones (#14)
    // Publications, follow-up (issue #11).
    app.migrations.add(AddRemovalPendingToPublicationAttachments())  // a public file removed by a revision goes when it passes
    app.migrations.add(NeverReuseAttachmentIDs())  // SQLite: a removed file's number (and address) never comes back
    // Security (issue #8, third review).
    app.migrations.add(AddAgencyPathsToAuditEntries())  // an entry keeps its agency's place in the tree: a moved agency leaves its history
    app.migrations.add(RemovePasswordFingerprintsFromAuditEntries())  // no value derived from a password hash in the log
    // Public messages (issue #12, review).
    app.migrations.add(CountCopiesAsOfPeriodEnd())   // a shared hotline item's counted copy chosen as of each period's end
    app.migrations.add(CoverDismissalReasonInCopiesIndex())  // an item converted and otherwise dismissed as 重复 is a request
    // Publication search (issue #11, review 11i).
    app.migrations.add(RaiseGramFunctionCost())  // PostgreSQL: the gram function priced so searches always use its index
    app.migrations.add(RebuildPublicationGramsByCodePoint())  // SQLite: grams of code points, Unicode case fold (review 11h H2, M1)
    app.migrations.add(IndexPublishedDocumentNumbers())  // PostgreSQL: the 文号 filter on a pg_trgm index
    app.migrations.add(IndexPublicationCodePoints())  // SQLite: a one-code-point term is one token (issue #11, “的” alone)
}

func useDatabase(_ location: DatabaseLocation, on app: Application) throws {
    switch location {
    case .sqlite(let path):
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(url.path), sqlLogLevel: .debug), as: .sqlite)
    case .postgres(let url):
        var config = try SQLPostgresConfiguration(url: url)
        config.searchPath = ["public"]
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 4, sqlLogLevel: .debug), as: .psql)
    }
}

/// Brings the database to the current schema. On SQLite also turns on write-ahead logging, so
/// readers do not wait for writers (the setting is stored in the file), and gives each connection
/// a busy timeout and `synchronous = FULL` (docs/operations.md, "Crash safety").
public func prepareDatabase(_ app: Application) async throws {
    if app.settings.database.isSQLite {
        _ = try await app.db.requireSQL().raw("PRAGMA journal_mode=WAL").all()
        try await setBusyTimeout(app)
    }
    try await app.autoMigrate()
    try await PersonalDataEncryption.prepare(app)  // seals what is still plaintext; refuses keys that cannot open the data
    try await app.loadCSRFKey()
}

/// How long an SQLite statement waits for another process's write (the `gongkai` command line
/// beside the server) before the database answers "busy" — then 503 with Retry-After
/// (GongkaiErrorMiddleware). SQLiteNIO's own handler retries without pause, holding a core.
let sqliteBusyTimeoutMilliseconds = 5000

/// fluent-sqlite-driver offers no hook when it opens a connection, and keeps one connection per
/// event loop: the PRAGMAs are run once on each loop's connection.
/// `synchronous = FULL`: in WAL mode every commit syncs the log before it returns, so a write
/// acknowledged to a client survives power loss as well as a crash of the process (NORMAL would
/// only survive the latter). Issue #14 asks that no acknowledged write be lost; a county's write
/// rate makes the extra fsync per commit cheap.
private func setBusyTimeout(_ app: Application) async throws {
    for loop in app.eventLoopGroup.makeIterator() {
        guard let db = app.databases.database(logger: app.logger, on: loop) as? any SQLDatabase else { continue }
        _ = try await db.raw("PRAGMA busy_timeout = \(unsafeRaw: String(sqliteBusyTimeoutMilliseconds))").all()
        _ = try await db.raw("PRAGMA synchronous = FULL").all()
    }
}
