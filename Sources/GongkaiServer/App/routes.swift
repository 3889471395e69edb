import GongkaiCore
import Vapor

/// Every route of the platform, grouped by who may use it. A staff route names the permission
/// it needs; handlers check the agency-level reach of that permission. Bodies are limited to
/// `Settings.bodyMaxBytes` unless the route says otherwise: `small` for the anonymous short forms,
/// `longText` for the staff forms of long text, `upload` for the few that take files (BodyLimit).
func routes(_ app: Application) throws {
    let uploadLimit = app.settings.uploadMaxBytes
    /// A year's holiday schedule is a few KB of text.
    let holidayFileLimit = 1 << 20
    // Operations: no session, no CSRF.
    app.get(SiteURL.healthz.pathComponents, use: OperationsController.healthz)
    app.get(SiteURL.readyz.pathComponents, use: OperationsController.readyz)
    app.get(SiteURL.metrics.pathComponents, use: OperationsController.metrics)
    app.get(["assets", ":name"], use: OperationsController.asset)

    // Public portal.
    app.get(SiteURL.home.pathComponents, use: PortalController.home)
    app.get(SiteURL.agencyHome(.key).pathComponents, use: PortalController.agency)
    app.get(SiteURL.reportCheck.pathComponents, use: ReportCheckController.portalForm)
    app.upload(.POST, SiteURL.reportCheck.pathComponents, limit: uploadLimit, isPublic: true, use: ReportCheckController.portalCheck)
    app.get(SiteURL.apply(.key).pathComponents, use: PortalRequestController.form)
    app.post(SiteURL.apply(.key).pathComponents, use: PortalRequestController.apply)
    app.get(SiteURL.track.pathComponents, use: PortalRequestController.trackForm)
    app.small(.POST, SiteURL.track.pathComponents, use: PortalRequestController.track)
    // 政民互动 (#12): the mailbox, reading and rating replies, published replies.
    app.get(SiteURL.mailbox(.key).pathComponents, use: PortalMessageController.form)
    app.post(SiteURL.mailbox(.key).pathComponents, use: PortalMessageController.submit)
    app.get(SiteURL.messageTrack.pathComponents, use: PortalMessageController.trackForm)
    app.small(.POST, SiteURL.messageTrack.pathComponents, use: PortalMessageController.track)
    app.small(.POST, SiteURL.messageRate.pathComponents, use: PortalMessageController.rate)
    app.get(SiteURL.publishedReplies(.key).pathComponents, use: PortalMessageController.replies)
    app.get(SiteURL.publishedReply(.key, .key).pathComponents, use: PortalMessageController.reply)
    app.get(SiteURL.publicReports(year: nil, agency: nil).pathComponents, use: PortalReportController.index)
    app.get(SiteURL.publicReport(.key, .key, version: nil).pathComponents, use: PortalReportController.show)
    app.get(SiteURL.publicReportDownload(.key, .key, .key, version: nil).pathComponents, use: PortalReportController.download)
    // Proactive disclosure on the portal (issue #11): cached pages, search, feeds.
    app.get(SiteURL.guide(.key).pathComponents, use: PortalController.guide)
    app.get(SiteURL.display.pathComponents, use: PortalController.display)
    app.get(SiteURL.portalPublications.pathComponents, use: PortalPublicationController.catalogue)
    app.get(SiteURL.portalPublication(.key).pathComponents, use: PortalPublicationController.show)
    app.get(SiteURL.portalAttachment(.key, .key).pathComponents, use: PortalPublicationController.attachment)
    app.get(SiteURL.search.pathComponents, use: PortalPublicationController.search)
    app.get(SiteURL.normativeDocuments.pathComponents, use: PortalPublicationController.normative)
    app.get(SiteURL.standardCatalogues.pathComponents, use: PortalPublicationController.standardCatalogues)
    app.get(SiteURL.portalTopic(.key).pathComponents, use: PortalPublicationController.topic)
    app.get(SiteURL.agencyFeed(.key).pathComponents, use: PortalPublicationController.feed)
    app.get(SiteURL.sitemap.pathComponents, use: PortalPublicationController.sitemap)

    // First run and sign-in.
    app.get(SiteURL.setup(.key).pathComponents, use: SetupController.show)
    app.small(.POST, SiteURL.setup(.key).pathComponents, use: SetupController.submit)
    app.get(SiteURL.login(next: nil).pathComponents, use: SessionController.show)
    app.small(.POST, SiteURL.login(next: nil).pathComponents, use: SessionController.signIn)
    app.get(SiteURL.loginSecondFactor.pathComponents, use: SessionController.showSecondFactor)
    app.small(.POST, SiteURL.loginSecondFactor.pathComponents, use: SessionController.submitSecondFactor)
    app.small(.POST, SiteURL.logout.pathComponents, use: SessionController.signOut)

    // Staff console: signed-in staff, each route behind its permission.
    let console = app.grouped(RequireStaff())
    func route(
        _ method: HTTPMethod, _ url: SiteURL, _ permission: Permission, upload limit: Int? = nil, longText: Bool = false,
        _ handler: @escaping @Sendable (Request) async throws -> Response
    ) {
        let group = console.grouped(RequirePermission(permission: permission))
        if let limit {
            group.upload(method, url.pathComponents, limit: limit, use: handler)
        } else if longText {
            group.limited(method, url.pathComponents, limit: BodyLimit.longText, use: handler)
        } else {
            group.on(method, url.pathComponents, use: handler)
        }
    }
    route(.GET, .console, .viewConsole, DashboardController.show)
    route(.GET, .password, .viewConsole, PasswordController.show)
    route(.POST, .password, .viewConsole, PasswordController.update)
    route(.GET, .secondFactor, .viewConsole, SecondFactorController.show)
    route(.POST, .secondFactor, .viewConsole, SecondFactorController.submit)
    route(.GET, .agencies, .viewAgencies, AgencyController.index)
    route(.GET, .agencyNew, .manageAgencies, AgencyController.new)
    route(.POST, .agencies, .manageAgencies, longText: true, AgencyController.create)
    route(.GET, .agencyEdit(.key), .manageAgencies, AgencyController.edit)
    route(.POST, .agency(.key), .manageAgencies, longText: true, AgencyController.update)
    route(.GET, .users, .manageUsers, UserController.index)
    route(.GET, .userNew, .manageUsers, UserController.new)
    route(.POST, .users, .manageUsers, UserController.create)
    route(.GET, .userEdit(.key), .manageUsers, UserController.edit)
    route(.POST, .user(.key), .manageUsers, UserController.update)
    route(.POST, .userUnlock(.key), .manageUsers, UserController.unlock)
    route(.POST, .userResetPassword(.key), .manageUsers, UserController.resetPassword)
    route(.POST, .userResetSecondFactor(.key), .manageUsers, UserController.resetSecondFactor)
    route(.GET, .audit, .readAuditLog, AuditController.index)
    route(.GET, .calendar(year: nil), .viewConsole, CalendarController.show)
    route(.POST, .calendarYears, .manageCalendar, upload: holidayFileLimit, CalendarController.importYear)
    route(.GET, .tokens, .viewConsole, TokenController.index)
    route(.POST, .tokens, .viewConsole, TokenController.create)
    route(.GET, .sessions, .viewConsole, SessionIndexController.index)
    route(.POST, .sessionsEnd, .viewConsole, SessionIndexController.end)
    route(.GET, .personalDataExport, .exportPersonalData, PersonalDataExportController.show)
    route(.POST, .personalDataExport, .exportPersonalData, PersonalDataExportController.export)
    route(.POST, .tokenRevoke(.key), .viewConsole, TokenController.revoke)
    route(.GET, .consoleReportCheck, .viewConsole, ReportCheckController.consoleForm)
    route(.POST, .consoleReportCheck, .viewConsole, upload: uploadLimit, ReportCheckController.consoleCheck)
    route(.GET, .requests, .viewRequests, RequestController.index)
    route(.GET, .requestNew, .handleRequests, RequestController.new)
    route(.POST, .requests, .handleRequests, RequestController.create)
    route(.GET, .request(.key), .viewRequests, RequestController.show)
    route(.POST, .requestActions(.key), .handleRequests, RequestController.act)
    route(.POST, .requestApprovals(.key), .approveExtensionsAndFees, RequestController.approve)
    route(.POST, .requestReveal(.key), .handleRequests, RequestController.reveal)
    route(.GET, .requestLetter(.key), .viewRequests, RequestController.letter)
    route(.GET, .requestFeeNotice(.key, .key), .viewRequests, RequestController.feeNotice)
    route(.GET, .requestAttachment(.key, .key), .viewRequests, RequestController.download)
    route(.GET, .statistics(year: nil), .viewRequests, StatisticsController.show)
    route(.GET, .challenges, .viewRequests, ChallengeController.index)
    route(.POST, .challenges, .handleRequests, ChallengeController.create)
    route(.POST, .challenge(.key), .handleRequests, ChallengeController.decide)
    route(.POST, .challengeCoDefendant(.key), .handleRequests, ChallengeController.correctCoDefendant)
    route(.POST, .requestAttachments(.key), .handleRequests, upload: uploadLimit, RequestController.upload)
    route(.GET, .reports(year: nil), .viewConsole, ReportController.index)
    route(.POST, .reports(year: nil), .prepareReports, ReportController.start)
    route(.GET, .reportRollup(year: nil, agency: nil), .reviewReports, ReportController.rollup)
    route(.POST, .reportFigureImport, .prepareReports, upload: uploadLimit, ReportController.importFigures)
    route(.GET, .report(.key), .viewConsole, ReportController.show)
    route(.POST, .report(.key), .prepareReports, longText: true, ReportController.update)
    route(.POST, .reportSteps(.key), .viewConsole, ReportController.step)
    route(.POST, .reportFigures(.key), .prepareReports, longText: true, ReportController.saveFigures)
    // 政民互动 (#12)
    route(.GET, .messages, .viewMessages, MessageController.index)
    route(.GET, .messageNew, .handleMessages, MessageController.new)
    route(.GET, .messagesExport, .viewMessages, MessageController.export)
    route(.POST, .messages, .handleMessages, MessageController.create)
    route(.GET, .message(.key), .viewMessages, MessageController.show)
    route(.POST, .messageActions(.key), .handleMessages, MessageController.act)
    route(.POST, .messageApprovals(.key), .approveMessageReplies, longText: true, MessageController.approve)
    route(.POST, .messageReveal(.key), .handleMessages, MessageController.reveal)
    route(.GET, .messageToRequest(.key), .handleMessages, MessageConversionController.form)
    route(.POST, .messageToRequest(.key), .handleMessages, MessageConversionController.convert)
    route(.POST, .requestToMessage(.key), .handleRequests, MessageConversionController.fromRequest)
    route(.GET, .messageFigures, .viewMessages, MessageFiguresController.show)
    route(.GET, .messageSettings, .viewMessages, MessageSettingsController.show)
    route(.POST, .messageSettings, .handleMessages, MessageSettingsController.update)
    route(.GET, .messageImports, .handleMessages, MessageImportController.index)
    route(.POST, .messageImports, .handleMessages, upload: uploadLimit, MessageImportController.upload)
    route(.GET, .messageImport(.key), .handleMessages, MessageImportController.show)
    route(.POST, .messageImportRun(.key), .handleMessages, MessageImportController.run)
    // Proactive disclosure (issue #11): drafting, the review chain (a door per step permission), catalogues, settings.
    route(.GET, .publications, .viewPublications, PublicationController.index)
    route(.GET, .publicationNew, .publish, PublicationController.new)
    route(.POST, .publications, .publish, longText: true, PublicationController.create)
    route(.GET, .publication(.key), .viewPublications, PublicationController.show)
    route(.GET, .publicationEdit(.key), .publish, PublicationController.edit)
    route(.POST, .publication(.key), .publish, longText: true, PublicationController.update)
    route(.POST, .publicationActions(.key), .publish, PublicationController.act)
    route(.POST, .publicationReview(.key), .review, PublicationController.review)
    route(.POST, .publicationConfidentialityReview(.key), .confidentialityReview, PublicationController.confidentialityReview)
    route(.POST, .publicationAttachments(.key), .publish, upload: uploadLimit, PublicationController.upload)
    route(.GET, .publicationFile(.key, .key), .viewPublications, PublicationController.download)
    route(.POST, .publicationFileRemoval(.key, .key), .publish, PublicationController.removeAttachment)
    route(.POST, .publicationFileKeep(.key, .key), .publish, PublicationController.keepAttachment)
    route(.GET, .topicColumns, .viewPublications, TopicColumnController.index)
    route(.POST, .topicColumns, .publish, TopicColumnController.create)
    route(.GET, .catalogue, .viewPublications, CatalogueController.index)
    route(.GET, .catalogueImport, .publish, CatalogueController.importForm)
    route(.POST, .catalogueImport, .publish, upload: uploadLimit, CatalogueController.importFile)
    route(.GET, .publishingProfile(.key), .manageAgencies, PublishingProfileController.edit)
    route(.POST, .publishingProfile(.key), .manageAgencies, PublishingProfileController.update)

    // The challenge register was first published under "reviews" (see RenameReviewCasesToChallengeCases).
    for method in [HTTPMethod.GET, .POST] {
        LegacyRedirect.register(app, method: method, from: ["console", "reviews"]) { _ in SiteURL.challenges.path }
    }
    LegacyRedirect.register(app, method: .POST, from: ["console", "reviews", ":id"]) { req in
        SiteURL.challenge(.value(try req.parameters.require("id", as: Int.self))).path
    }
    for method in [HTTPMethod.GET, .POST] {
        LegacyRedirect.register(app, method: method, from: ["api", "v1", "review-cases"]) { _ in APIURL.challengeCases.path }
    }
    LegacyRedirect.register(app, method: .PUT, from: ["api", "v1", "review-cases", ":id"]) { req in
        APIURL.challengeCase(.value(try req.parameters.require("id", as: Int.self))).path
    }

    // JSON API, documented in Resources/openapi.json.
    app.get(APIURL.openAPI.pathComponents, use: OpenAPIDocument.serve)
    app.get(APIURL.calendarDue.pathComponents, use: CalendarAPI.due)
    app.get(APIURL.calendarWorkday.pathComponents, use: CalendarAPI.workday)
    app.get(APIURL.calendarYears.pathComponents, use: CalendarAPI.years)
    app.upload(.POST, APIURL.reportChecks.pathComponents, limit: uploadLimit, isPublic: true, use: ReportCheckController.api)
    app.get(APIURL.feeQuote.pathComponents, use: PublicRequestAPI.feeQuote)
    app.post(APIURL.publicRequests.pathComponents, use: PublicRequestAPI.apply)
    app.small(.POST, APIURL.publicRequestStatus.pathComponents, use: PublicRequestAPI.status)
    app.get(APIURL.publishedReports.pathComponents, use: PublishedReportAPI.index)
    app.get(APIURL.publishedReport(.key, .key).pathComponents, use: PublishedReportAPI.show)
    app.get(APIURL.publicationSearch.pathComponents, use: PublicationSearchAPI.search)  // issue #11
    let api = app.grouped(RequireStaff())
    func apiRoute<R: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ url: APIURL, _ permission: Permission, upload limit: Int? = nil, longText: Bool = false,
        _ handler: @escaping @Sendable (Request) async throws -> R
    ) {
        let group = api.grouped(RequirePermission(permission: permission))
        if let limit {
            group.upload(method, url.pathComponents, limit: limit, use: handler)
        } else if longText {
            group.limited(method, url.pathComponents, limit: BodyLimit.longText, use: handler)
        } else {
            group.on(method, url.pathComponents, use: handler)
        }
    }
    apiRoute(.GET, .me, .viewConsole, UserAPI.me)
    apiRoute(.GET, .agencies, .viewAgencies, AgencyAPI.index)
    apiRoute(.POST, .agencies, .manageAgencies, longText: true, AgencyAPI.create)
    apiRoute(.GET, .agency(.key), .viewAgencies, AgencyAPI.show)
    apiRoute(.PUT, .agency(.key), .manageAgencies, longText: true, AgencyAPI.update)
    apiRoute(.GET, .users, .manageUsers, UserAPI.index)
    apiRoute(.POST, .users, .manageUsers, UserAPI.create)
    apiRoute(.GET, .user(.key), .manageUsers, UserAPI.show)
    apiRoute(.GET, .audit, .readAuditLog, AuditAPI.index)
    apiRoute(.PUT, .calendarYear(.key), .manageCalendar, upload: holidayFileLimit, CalendarAPI.importYear)
    apiRoute(.GET, .requests, .viewRequests, RequestAPI.index)
    apiRoute(.POST, .requests, .handleRequests, RequestAPI.create)
    apiRoute(.GET, .request(.key), .viewRequests, RequestAPI.show)
    apiRoute(.POST, .requestActions(.key), .handleRequests, RequestAPI.act)
    apiRoute(.POST, .requestApprovals(.key), .approveExtensionsAndFees, RequestAPI.approve)
    apiRoute(.GET, .requestLetter(.key), .viewRequests, RequestAPI.letter)
    apiRoute(.GET, .statistics(.key), .viewRequests, StatisticsAPI.show)
    apiRoute(.GET, .challengeCases, .viewRequests, ChallengeAPI.index)
    apiRoute(.POST, .challengeCases, .handleRequests, ChallengeAPI.create)
    apiRoute(.PUT, .challengeCase(.key), .handleRequests, ChallengeAPI.decide)
    apiRoute(.PUT, .challengeCoDefendant(.key), .handleRequests, ChallengeAPI.correctCoDefendant)
    apiRoute(.GET, .agencyReports, .viewConsole, ReportAPI.index)
    apiRoute(.POST, .agencyReports, .prepareReports, ReportAPI.create)
    apiRoute(.GET, .agencyReport(.key), .viewConsole, ReportAPI.show)
    apiRoute(.PUT, .agencyReport(.key), .prepareReports, longText: true, ReportAPI.update)
    apiRoute(.POST, .agencyReportSteps(.key), .viewConsole, ReportAPI.step)
    apiRoute(.PUT, .agencyReportFigures(.key), .prepareReports, longText: true, ReportAPI.figures)
    // 政民互动 (#12)
    apiRoute(.GET, .messages, .viewMessages, MessageAPI.index)
    apiRoute(.POST, .messages, .handleMessages, MessageAPI.create)
    apiRoute(.GET, .messageFigures, .viewMessages, MessageAPI.figures)
    apiRoute(.GET, .message(.key), .viewMessages, MessageAPI.show)
    apiRoute(.POST, .messageActions(.key), .handleMessages, MessageAPI.act)
    apiRoute(.POST, .messageApprovals(.key), .approveMessageReplies, longText: true, MessageAPI.approve)
    apiRoute(.POST, .messageToRequest(.key), .handleMessages, MessageAPI.toRequest)
    apiRoute(.POST, .requestToMessage(.key), .handleRequests, MessageAPI.fromRequest)
    // Proactive disclosure (issue #11): the same services as the console.
    apiRoute(.GET, .publications, .viewPublications, PublicationAPI.index)
    apiRoute(.POST, .publications, .publish, longText: true, PublicationAPI.create)
    apiRoute(.GET, .publication(.key), .viewPublications, PublicationAPI.show)
    apiRoute(.PUT, .publication(.key), .publish, longText: true, PublicationAPI.update)
    apiRoute(.POST, .publicationActions(.key), .publish, PublicationAPI.act)
    apiRoute(.POST, .publicationReview(.key), .review, PublicationAPI.review)
    apiRoute(.POST, .publicationConfidentialityReview(.key), .confidentialityReview, PublicationAPI.confidentialityReview)
    apiRoute(.DELETE, .publicationAttachment(.key, .key), .publish, PublicationAPI.removeAttachment)
    apiRoute(.POST, .publicationAttachmentKeep(.key, .key), .publish, PublicationAPI.keepAttachment)
    apiRoute(.GET, .publicationFigures(.key), .viewPublications, PublicationAPI.figures)
}
