import Fluent
import Foundation
import GongkaiCore
import SQLKit
import Vapor

/// The portal's disclosure pages: the catalogue, a publication, search, the register of
/// normative documents, standard catalogues, topic columns, annual reports, the Atom feed and
/// the sitemap. Pages go through the page cache, searches keyed by what they search for.
enum PortalPublicationController {
    static func catalogue(req: Request) async throws -> Response {
        try await req.portalPage(reading: [.agency, .category, .subject, .topic, .year, .page]) { parameters in
            let today = req.application.settings.today
            let agency = try await agencyFilter(req, parameters)
            var query = PortalListQuery(agencyIDs: try agency.map { [try $0.requireID()] }, page: parameters.page)
            query.category = parameters.category
            query.subject = parameters.subject
            query.topicID = parameters.topic
            query.year = parameters.year
            let result = try await query.run(today: today, on: req.db)
            let model = PortalCataloguePage.Model(
                display: DisplayMode.of(req), agency: agency?.portalSummary, agencies: try await agencies(req),
                topics: try await TopicColumn.query(on: req.db).filter(\.$closedOn == nil).sort(\.$name).all().compactMap { t in t.id.map { ($0, t.name) } },
                years: try await years(req), category: query.category, subject: query.subject, topicID: query.topicID, year: query.year,
                items: result.items, total: result.total, capped: result.capped, page: result.page)
            return PortalCataloguePage.View(model: model).render()
        }
    }

    static func show(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.portalPage { _ in
            guard let p = try await Publication.find(id, on: req.db), p.status == .published || p.status == .withdrawn else {
                throw AppError.notFound("信息")
            }
            let today = req.application.settings.today
            let agency = try await p.$agency.get(on: req.db)
            let attachments = try await PublicationAttachment.query(on: req.db).filter(\.$publication.$id == id).filter(\.$pending == false)
                .field(\.$id).field(\.$filename).field(\.$size).field(\.$publication.$id).sort(\.$id).all()
            var interprets: Publication?
            if let policyID = p.$interprets.id, let policy = try await Publication.find(policyID, on: req.db), policy.status == .published {
                interprets = policy
            }
            // Only the policy link in SQL: with a status or an order there, SQLite may walk the
            // (status, published_on) index of every publication instead (PublicationQueryPlanTests).
            let interpretations = try await Publication.query(on: req.db).filter(\.$interprets.$id == id).all()
                .filter { $0.status == .published }
                .sorted { ($0.publishedOn ?? $0.formedOn, $0.id ?? 0) < ($1.publishedOn ?? $1.formedOn, $1.id ?? 0) }
            let versions = try await PublicationVersion.query(on: req.db).filter(\.$publication.$id == id).sort(\.$number)
                .field(\.$id).field(\.$number).field(\.$publishedOn).field(\.$changeNote).field(\.$publication.$id).all()
            let topicIDs = try await PublicationTopic.query(on: req.db).filter(\.$publication.$id == id).all().map { $0.$topicColumn.id }
            let topics = topicIDs.isEmpty ? [] : try await TopicColumn.query(on: req.db).filter(\.$id ~~ topicIDs).all()
            var facts: [(String, String)] = []
            if p.normativeKind != nil {
                if let e = p.effectiveOn { facts.append(("施行日期", e.chinese)) }
                facts.append(("有效期", p.validUntil.map { "至 \($0.chinese)" } ?? "长期有效"))
                if let r = p.repealedOn { facts.append(("废止", r.chinese + (p.repealedBy.isEmpty ? "" : "，依据：\(p.repealedBy)"))) }
                if let a = p.amendedOn { facts.append(("修改", a.chinese + (p.amendedBy.isEmpty ? "" : "，\(p.amendedBy)"))) }
                facts.append(("当前状态", p.validity(on: today)?.chineseLabel ?? ""))
            }
            let model = PortalPublicationPage.Model(
                display: DisplayMode.of(req), agency: agency.portalSummary, id: id, title: p.title, indexNumber: p.indexNumber,
                documentNumber: p.documentNumber, writtenOn: p.writtenOn, publishedOn: p.publishedOn, category: p.category, genre: p.genre,
                subject: p.subject, validity: p.validity(on: today), normativeKind: p.normativeKind, normativeFacts: facts, bodyHTML: p.bodyHTML,
                attachments: attachments.compactMap { a in a.id.map { ($0, a.filename, a.size) } },
                interprets: interprets.flatMap { i in i.id.map { ($0, i.title) } }, interpretationForm: p.interpretationForm, videoURL: p.videoURL,
                interpretations: interpretations.compactMap { i in i.id.map { ($0, i.title, i.interpretationForm?.chineseLabel ?? "解读") } },
                versions: versions.map { ($0.number, $0.publishedOn.iso, $0.changeNote) },
                withdrawn: p.status == .withdrawn ? p.withdrawnOn.map { ($0, p.withdrawnReason ?? "") } : nil,
                topics: topics.compactMap { t in t.id.map { ($0, t.name) } })
            return PortalPublicationPage.View(model: model).render()
        }
    }

    /// An attachment of a published item (staff of the agency also see drafts' files here, so
    /// images show in the console while drafting). A download, never rendered in the site's origin.
    static func attachment(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let fileID = try req.parameters.require("file", as: Int.self)
        guard let p = try await Publication.find(id, on: req.db),
              let a = try await PublicationAttachment.find(fileID, on: req.db), a.$publication.id == id else { throw AppError.notFound("附件") }
        let isPublic = p.status == .published && !a.pending
        guard isPublic || req.staff?.can(.viewPublications, inAgency: p.$agency.id) == true else { throw AppError.notFound("附件") }
        let response = Response.download(a.data, contentType: a.contentType, filename: a.filename)
        guard isPublic else { return response }
        // Cached but revalidated on every use: a withdrawal must stop the file at once. The
        // validator names the upload (its time), not only the number: SQLite may give a removed
        // file's number to the next upload, whose bytes must not validate the old copy (#11 review).
        let etag = "\"a\(fileID)-\(a.data.count)-\(Int64(a.uploadedAt.timeIntervalSince1970 * 1000))\""
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, no-cache")
        response.headers.replaceOrAdd(name: .eTag, value: etag)
        if let match = req.headers.first(name: .ifNoneMatch),
           match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "") == etag }) {
            var headers = response.headers
            headers.remove(name: .contentLength)
            return Response(status: .notModified, headers: headers)
        }
        return response
    }

    /// Searches go through the page cache like pages, keyed by the search: the crowd after an
    /// announcement searches for its words, and on two cores a search of a million
    /// publications (7–8 ms) cannot serve them all. A refused search (422) is not kept, nor one
    /// that ran out of time (503: the form again, with the message, so the visitor can narrow it).
    static func search(req: Request) async throws -> Response {
        do {
            let search = try await PublicationSearchInput.read(req, defaultLimit: 20)
            // Nothing to search for (the bare form, or its hint): not kept, as the bare `/search`
            // and the sent empty form share a key but not a page.
            if search.terms.isEmpty && search.documentNumber.isEmpty {
                let html = try await searchPage(req, search, try await search.answer(on: req.db), error: nil)
                return Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: html))
            }
            return try await req.portalPage(keyedBy: search.cacheKey) { _ in
                let result = try await search.answer(on: req.db)
                return try await searchPage(req, search, result, error: nil)
            }
        } catch let e as AppError where e.status == .unprocessableEntity || e.code == PublicationSearch.timedOutCode {
            let none = PublicationSearch.Result(total: 0, capped: false, hits: [], terms: [])
            let html = try await searchPage(req, PublicationSearch(query: ""), none, error: e.message)
            return Response(
                status: e.status, headers: ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"],
                body: .init(string: html))
        }
    }

    /// The form shows what was read: the search's own values, or what was typed when it was refused.
    private static func searchPage(
        _ req: Request, _ search: PublicationSearch, _ result: PublicationSearch.Result,
        error: String?
    ) async throws -> String {
        let typed = { (name: String) in req.query[String.self, at: name] ?? "" }
        let model = PortalSearchPage.Model(
            display: DisplayMode.of(req), query: error == nil ? search.query : typed("q"), agencyCode: typed("agency"),
            category: error == nil ? search.category?.rawValue ?? "" : typed("category"),
            year: error == nil ? search.year.map(String.init) ?? "" : typed("year"),
            documentNumber: error == nil ? search.documentNumber : typed("document_number"),
            sort: error == nil ? search.sort : PublicationSearch.Sort(rawValue: typed("sort")) ?? .relevance,
            agencies: try await agencies(req), years: try await years(req),
            hits: result.hits.map {
                .init(
                    id: $0.id, title: $0.title, agency: $0.agencyName, indexNumber: $0.indexNumber,
                    documentNumber: $0.documentNumber, publishedOn: $0.publishedOn, snippet: $0.snippet)
            },
            total: result.total, capped: result.capped, page: result.page, pageSize: search.pageSize, error: error, terms: result.terms,
            // No term and no 文号: say so once the form was sent (a bare /search is the empty form).
            hint: ["q", "agency", "category", "year", "document_number"].contains { req.query[String.self, at: $0] != nil } ? result.hint : nil)
        return PortalSearchPage.View(model: model).render()
    }

    static func normative(req: Request) async throws -> Response {
        try await req.portalPage(reading: [.agency, .page]) { parameters in
            let today = req.application.settings.today
            let agency = try await agencyFilter(req, parameters)
            let query = PortalListQuery(agencyIDs: try agency.map { [try $0.requireID()] }, normativeOnly: true, page: parameters.page)
            let result = try await query.run(today: today, on: req.db)
            let model = PortalNormativePage.Model(
                display: DisplayMode.of(req), agency: agency?.portalSummary, agencies: try await agencies(req),
                items: result.items, total: result.total, capped: result.capped, page: result.page, today: today)
            return PortalNormativePage.View(model: model).render()
        }
    }

    static func standardCatalogues(req: Request) async throws -> Response {
        try await req.portalPage(reading: [.agency, .domain]) { parameters in
            let agency = try await agencyFilter(req, parameters)
            let context = try await req.publicationContext()
            let domain = parameters.domain
            let withItems = try await CatalogueItem.query(on: req.db).unique().field(\.$agency.$id).all().map { $0.$agency.id }
            let agencyIDs = try agency.map { [try $0.requireID()] } ?? Array(Set(withItems))
            let rows = try await CatalogueComplianceQuery.rows(agencyIDs: agencyIDs, asOf: context.today, calendar: context.calendar,
                                                               domain: domain, on: req.db)
            let domains = agency == nil ? [] : Array(Set(try await CatalogueItem.query(on: req.db).filter(\.$agency.$id ~~ agencyIDs).all().map(\.domain))).sorted()
            var sections: [(String, String, [PortalStandardCataloguePage.Row])] = []
            for row in rows {
                let r = PortalStandardCataloguePage.Row(
                    sequence: row.item.sequence, itemL1: row.item.itemL1, itemL2: row.item.itemL2, content: row.item.contentElements,
                    basis: row.item.legalBasis, timeLimit: row.item.timeLimit, subject: row.item.subject, channels: row.item.channels,
                    audience: row.item.audience, mode: row.item.mode, level: row.item.level,
                    lastPublished: row.compliance.lastPublished?.iso ?? "—", nextDue: row.compliance.nextDueText,
                    standing: row.compliance.overdue ? "逾期未公开" : (row.compliance.publications > 0 ? "已公开" : "待公开"),
                    overdue: row.compliance.overdue)
                if let last = sections.last, last.0 == row.agencyName, last.1 == row.item.domain {
                    sections[sections.count - 1].2.append(r)
                } else {
                    sections.append((row.agencyName, row.item.domain, [r]))
                }
            }
            let all = try await agencies(req)
            let model = PortalStandardCataloguePage.Model(
                display: DisplayMode.of(req), agency: agency?.portalSummary, agencies: all,
                domains: domains, domain: domain, sections: sections.map { ($0.0, $0.1, $0.2) },
                completion: (rows.count, rows.filter { $0.compliance.fulfilled }.count))
            return PortalStandardCataloguePage.View(model: model).render()
        }
    }

    static func topic(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.portalPage(reading: [.page]) { parameters in
            guard let topic = try await TopicColumn.find(id, on: req.db) else { throw AppError.notFound("专题专栏") }
            let agency = try await topic.$agency.get(on: req.db)
            let query = PortalListQuery(topicID: id, page: parameters.page)
            let result = try await query.run(today: req.application.settings.today, on: req.db)
            let model = PortalTopicPage.Model(
                display: DisplayMode.of(req), agency: agency.portalSummary, name: topic.name,
                description: topic.description, openedOn: topic.openedOn, items: result.items, total: result.total,
                capped: result.capped, page: result.page, id: id)
            return PortalTopicPage.View(model: model).render()
        }
    }

    static func feed(req: Request) async throws -> Response {
        let code = try req.parameters.require("code")
        return try await req.portalPage(contentType: "application/atom+xml; charset=utf-8") { _ in
            guard let agency = try await Agency.query(on: req.db).filter(\.$code == code).first() else { throw AppError.notFound("机构") }
            let rows = try await Publication.query(on: req.db).filter(\.$agency.$id == agency.requireID()).filter(\.$status == .published)
                .sort(\.$publishedOn, .descending).sort(\.$id, .descending).range(0..<30)
                .field(\.$id).field(\.$title).field(\.$bodyText).field(\.$publishedAt).field(\.$updatedAt).field(\.$agency.$id).all()
            let entries = rows.compactMap { p -> AtomFeed.Entry? in
                guard let id = p.id else { return nil }
                let published = p.publishedAt ?? Date(timeIntervalSince1970: 0)
                return AtomFeed.Entry(id: id, title: p.title, summary: String(p.bodyText.prefix(200)), published: published,
                                      updated: max(published, p.updatedAt ?? published))
            }
            return AtomFeed.render(agencyName: agency.name, agencyCode: code, baseURL: req.application.settings.baseURL, entries: entries,
                                   updated: entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0))
        }
    }

    static func sitemap(req: Request) async throws -> Response {
        try await req.portalPage(contentType: "application/xml; charset=utf-8") { _ in
            let agencies = try await Agency.query(on: req.db).sort(\.$id).all()
            var pages = [SiteURL.home.path, SiteURL.portalPublications.path, SiteURL.normativeDocuments.path, SiteURL.standardCatalogues.path,
                         SiteURL.publicReports(year: nil, agency: nil).path, SiteURL.search.path]
            for a in agencies { pages += [SiteURL.agencyHome(.value(a.code)).path, SiteURL.guide(.value(a.code)).path] }
            let rows = try await req.db.requireSQL().raw("""
                SELECT id, published_on FROM publications WHERE status = 'published'
                ORDER BY published_on DESC, id DESC LIMIT \(unsafeRaw: String(Sitemap.limit))
                """).all()
            let publications = try rows.compactMap { row -> (Int, CivilDate)? in
                guard let day = CivilDate(iso: try row.decode(column: "published_on", as: String.self)) else { return nil }
                return (try row.decode(column: "id", as: Int.self), day)
            }
            return Sitemap.render(baseURL: req.application.settings.baseURL, pages: pages, publications: publications)
        }
    }

    // MARK: helpers

    private static func agencyFilter(_ req: Request, _ parameters: PortalPageQuery) async throws -> Agency? {
        guard let code = parameters.agency else { return nil }
        guard let agency = try await Agency.query(on: req.db).filter(\.$code == code).first() else { throw AppError.notFound("机构") }
        return agency
    }

    private static func agencies(_ req: Request) async throws -> [(code: String, name: String)] {
        let roots = try await Agency.query(on: req.db).filter(\.$parent.$id == nil).all().compactMap(\.id)
        return try await AgencyTree.outline(of: roots, on: req.db).map { ($0.agency.code, $0.agency.name) }
    }

    /// The years anything was published, newest first: two index lookups, not a scan (SQLite
    /// reads MIN and MAX from an index only when each is a query of its own).
    private static func years(_ req: Request) async throws -> [Int] {
        let row = try await req.db.requireSQL().raw("""
            SELECT (SELECT MIN(published_on) FROM publications WHERE status = 'published') AS first,
                   (SELECT MAX(published_on) FROM publications WHERE status = 'published') AS last
            """).first()
        guard let first = (try row?.decode(column: "first", as: String?.self)).flatMap({ $0 }).flatMap(CivilDate.init(iso:)),
              let last = (try row?.decode(column: "last", as: String?.self)).flatMap({ $0 }).flatMap(CivilDate.init(iso:)) else { return [] }
        return Array((first.year...last.year).reversed())
    }
}
