import Fluent
import Foundation
import GongkaiCore
import SQLKit
import Vapor

/// What the annual report takes from proactive disclosure, for a set of agencies (one, or a
/// subtree) and a year: section 一's counts (publications by category and key domain, topic
/// columns opened, interpretations and the late ones) and table 二's art20_1 block (rules and
/// normative documents issued, repealed and in force on 31 December), and the completion of
/// the standard catalogues. Each figure comes from one named query below.
///
/// Choices (docs/publications.md): a publication counts in the year it first went public, also
/// if withdrawn later; “issued” counts by 成文日期 (publication date when there is none);
/// “in force” is decided by the dates alone — in force or in force as amended on 31 December —
/// so a document taken off the portal without a repeal still counts.
struct PublicationFigures: Content {
    struct Normative: Content, Equatable {
        var issuedThisYear: Int
        var repealedThisYear: Int
        var inForce: Int
    }

    var year: Int
    var agencyIds: [Int]
    var published: Int
    var byCategory: [String: Int]
    var byKeyDomain: [String: Int]
    var topicColumnsOpened: Int
    var interpretationsPublished: Int
    var interpretationsLate: Int
    /// Interpretations whose lateness cannot be judged because the calendar lacks a year the
    /// policy's working days run into (e.g. a policy of 2014, before the calendar's first year):
    /// counted here, not in `interpretationsLate`, and the years are named (cold review 11n M1).
    var interpretationsLatenessUnknown: Int = 0
    var calendarYearsMissing: [Int] = []
    /// "1 条解读无法判断是否滞后：缺少 2014 年的节假日安排…", nil when every one could be judged.
    var interpretationsLatenessNote: String?
    /// Table 二, art20_1: `rules` (规章) and `normative_docs` (行政规范性文件).
    var rules: Normative
    var normativeDocuments: Normative
    var catalogueItems: Int
    var catalogueFulfilled: Int

    static func query(agencyIDs: [Int], year: Int, calendar: WorkingDayCalendar, interpretationDays: Int,
                      on db: any Database) async throws -> PublicationFigures {
        let ids = agencyIDs.isEmpty ? [-1] : agencyIDs
        let sql = try db.requireSQL()
        let first = "\(year)-01-01", last = "\(year)-12-31"
        let shown = ["published", "withdrawn"]

        // Section 一: what went public in the year, by category and by key domain, in one pass.
        var select = SQLQueryString("SELECT COUNT(*) AS total")
        for c in PublicationCategory.allCases {
            select = select + ", COALESCE(SUM(CASE WHEN category = \(bind: c.rawValue) THEN 1 ELSE 0 END), 0) AS \(ident: "c_" + c.rawValue)"
        }
        for d in KeyDomain.allCases {
            select = select + ", COALESCE(SUM(CASE WHEN (',' || key_domains || ',') LIKE \(bind: "%," + d.rawValue + ",%") THEN 1 ELSE 0 END), 0) AS \(ident: "d_" + d.rawValue)"
        }
        let counts = try await sql.raw(select + """
             FROM publications WHERE agency_id IN (\(binds: ids)) AND status IN (\(binds: shown))
             AND published_on >= \(bind: first) AND published_on <= \(bind: last)
            """).first()
        var byCategory: [String: Int] = [:], byDomain: [String: Int] = [:]
        for c in PublicationCategory.allCases { byCategory[c.rawValue] = try counts?.decode(column: "c_" + c.rawValue, as: Int.self) ?? 0 }
        for d in KeyDomain.allCases { byDomain[d.rawValue] = try counts?.decode(column: "d_" + d.rawValue, as: Int.self) ?? 0 }

        let topics = try await TopicColumn.query(on: db).filter(\.$agency.$id ~~ ids)
            .filter(\.$openedOn >= CivilDate(iso: first)!).filter(\.$openedOn <= CivilDate(iso: last)!).count()

        // Interpretations published in the year, with their policy's publication date.
        let pairs = try await sql.raw("""
            SELECT i.published_on AS interpreted_on, p.published_on AS policy_on FROM publications i
            JOIN publications p ON p.id = i.interprets_id
            WHERE i.agency_id IN (\(binds: ids)) AND i.status IN (\(binds: shown))
            AND i.published_on >= \(bind: first) AND i.published_on <= \(bind: last)
            """).all()
        var late = 0, unknown = 0
        var missingYears: Set<Int> = []
        for row in pairs {
            guard let i = CivilDate(iso: try row.decode(column: "interpreted_on", as: String.self)),
                  let policy = (try row.decode(column: "policy_on", as: String?.self)).flatMap(CivilDate.init(iso:)) else { continue }
            do {
                if try InterpretationTimeliness.standing(
                    policyPublishedOn: policy, interpretationPublishedOn: i, today: i,
                    workingDays: interpretationDays, calendar: calendar) == .late
                {
                    late += 1
                }
            } catch let error as CalendarError {
                // A policy older than the calendar (historical data) must not fail the other figures.
                unknown += 1
                missingYears.insert(error.date.year)
            }
        }

        return PublicationFigures(
            year: year, agencyIds: agencyIDs, published: try counts?.decode(column: "total", as: Int.self) ?? 0,
            byCategory: byCategory, byKeyDomain: byDomain, topicColumnsOpened: topics, interpretationsPublished: pairs.count,
            interpretationsLate: late, interpretationsLatenessUnknown: unknown, calendarYearsMissing: missingYears.sorted(),
            interpretationsLatenessNote: unknown == 0 ? nil : latenessNote(unknown, missingYears: missingYears.sorted()),
            rules: try await normative(.regulation, agencyIDs: ids, year: year, on: sql),
            normativeDocuments: try await normative(.normativeDocument, agencyIDs: ids, year: year, on: sql),
            catalogueItems: 0, catalogueFulfilled: 0)
            .withCatalogue(try await CatalogueComplianceQuery.completion(agencyIDs: ids, asOf: CivilDate(iso: last)!, calendar: calendar, on: db))
    }

    /// What the annual report takes from the register: the count of publications and of
    /// interpretations that went public in the year (nil when the agencies have never published
    /// anything here), and table 二's art20_1 rows by agency, for the agencies that register
    /// documents of that kind here — an agency absent from `rules` or `normativeDocuments`
    /// (it keeps its normative documents elsewhere) enters that row by hand.
    struct ReportPart: Equatable {
        /// Nil when the agencies have never published anything here.
        var published: Int?
        var interpretations: Int?
        var rules: [Int: Normative]
        var normativeDocuments: [Int: Normative]
    }

    static func reportPart(agencyIDs: [Int], year: Int, on db: any Database) async throws -> ReportPart {
        let ids = agencyIDs.isEmpty ? [-1] : agencyIDs
        let sql = try db.requireSQL()
        let rules = try await normativeByAgency(.regulation, agencyIDs: ids, year: year, on: sql)
        let normative = try await normativeByAgency(.normativeDocument, agencyIDs: ids, year: year, on: sql)
        let keepsRegister = try await sql.raw("""
            SELECT 1 AS one FROM publications WHERE agency_id IN (\(binds: ids)) AND status IN ('published', 'withdrawn') LIMIT 1
            """).first() != nil
        guard keepsRegister else { return ReportPart(published: nil, interpretations: nil, rules: rules, normativeDocuments: normative) }
        let row = try await sql.raw("""
            SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN interprets_id IS NOT NULL THEN 1 ELSE 0 END), 0) AS interpretations
            FROM publications WHERE agency_id IN (\(binds: ids)) AND status IN ('published', 'withdrawn')
            AND published_on >= \(bind: "\(year)-01-01") AND published_on <= \(bind: "\(year)-12-31")
            """).first()
        return ReportPart(published: try row?.decode(column: "total", as: Int.self) ?? 0,
                          interpretations: try row?.decode(column: "interpretations", as: Int.self) ?? 0,
                          rules: rules, normativeDocuments: normative)
    }

    /// Table 二, art20_1, one row: issued, repealed and in force on 31 December, in one statement.
    static func normative(_ kind: NormativeKind, agencyIDs: [Int], year: Int, on sql: any SQLDatabase) async throws -> Normative {
        let byAgency = try await normativeByAgency(kind, agencyIDs: agencyIDs, year: year, on: sql)
        return byAgency.values.reduce(Normative(issuedThisYear: 0, repealedThisYear: 0, inForce: 0)) { sum, n in
            Normative(issuedThisYear: sum.issuedThisYear + n.issuedThisYear, repealedThisYear: sum.repealedThisYear + n.repealedThisYear,
                      inForce: sum.inForce + n.inForce)
        }
    }

    /// The same row per agency, for the agencies that have documents of that kind in the register.
    static func normativeByAgency(_ kind: NormativeKind, agencyIDs: [Int], year: Int, on sql: any SQLDatabase) async throws -> [Int: Normative] {
        let first = "\(year)-01-01", last = "\(year)-12-31"
        let rows = try await sql.raw("""
            SELECT agency_id,
              COALESCE(SUM(CASE WHEN COALESCE(written_on, published_on) >= \(bind: first) AND COALESCE(written_on, published_on) <= \(bind: last) THEN 1 ELSE 0 END), 0) AS issued,
              COALESCE(SUM(CASE WHEN repealed_on >= \(bind: first) AND repealed_on <= \(bind: last) THEN 1 ELSE 0 END), 0) AS repealed,
              COALESCE(SUM(CASE WHEN published_on <= \(bind: last)
                                 AND COALESCE(effective_on, written_on, published_on) <= \(bind: last)
                                 AND (valid_until IS NULL OR valid_until >= \(bind: last))
                                 AND (repealed_on IS NULL OR repealed_on > \(bind: last)) THEN 1 ELSE 0 END), 0) AS in_force
            FROM publications
            WHERE agency_id IN (\(binds: agencyIDs.isEmpty ? [-1] : agencyIDs)) AND normative_kind = \(bind: kind.rawValue)
              AND status IN ('published', 'withdrawn') AND published_on IS NOT NULL
            GROUP BY agency_id
            """).all()
        var result: [Int: Normative] = [:]
        for row in rows {
            result[try row.decode(column: "agency_id", as: Int.self)] = Normative(
                issuedThisYear: try row.decode(column: "issued", as: Int.self), repealedThisYear: try row.decode(column: "repealed", as: Int.self),
                inForce: try row.decode(column: "in_force", as: Int.self))
        }
        return result
    }

    static func latenessNote(_ count: Int, missingYears: [Int]) -> String {
        let years = missingYears.map(String.init).joined(separator: "、")
        return "\(count) 条解读无法判断是否滞后：缺少 \(years) 年的节假日安排，无法按工作日计算；请系统管理员导入该年度节假日安排。"
    }

    private func withCatalogue(_ c: (items: Int, fulfilled: Int)) -> PublicationFigures {
        var copy = self
        copy.catalogueItems = c.items
        copy.catalogueFulfilled = c.fulfilled
        return copy
    }
}
