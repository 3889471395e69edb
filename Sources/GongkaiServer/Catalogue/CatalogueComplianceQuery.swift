import Fluent
import Foundation
import GongkaiCore

/// Each catalogue item with its compliance (`CatalogueCompliance`) as of a day, from the
/// publications that name it; and an agency's completion rate.
enum CatalogueComplianceQuery {
    struct Row: Sendable {
        let item: CatalogueItem
        let agencyName: String
        let limit: CatalogueTimeLimit
        let compliance: CatalogueCompliance
    }

    static func rows(agencyIDs: [Int], asOf day: CivilDate, calendar: WorkingDayCalendar, domain: String? = nil,
                     on db: any Database) async throws -> [Row] {
        let query = CatalogueItem.query(on: db).filter(\.$agency.$id ~~ agencyIDs)
        if let domain, !domain.isEmpty { query.filter(\.$domain == domain) }
        let items = try await query.sort(\.$agency.$id).sort(\.$domain).sort(\.$sequence).all()
        guard !items.isEmpty else { return [] }
        let itemIDs = items.compactMap(\.id)
        let linked = try await Publication.query(on: db).filter(\.$catalogueItem.$id ~~ itemIDs)
            .filter(\.$status ~~ [.draft, .inReview, .scheduled, .published, .withdrawn])
            .field(\.$id).field(\.$catalogueItem.$id).field(\.$status).field(\.$formedOn).field(\.$publishedOn).all()
        let byItem = Dictionary(grouping: linked) { $0.$catalogueItem.id ?? 0 }
        let agencies = try await Agency.query(on: db).filter(\.$id ~~ agencyIDs).all()
        let names = Dictionary(uniqueKeysWithValues: agencies.compactMap { a in a.id.map { ($0, a.name) } })
        return try items.map { item in
            let records = byItem[try item.requireID()] ?? []
            let published = records.compactMap { p -> CatalogueCompliance.Record? in
                guard let on = p.publishedOn, on <= day, p.status == .published || p.status == .withdrawn else { return nil }
                return .init(formedOn: p.formedOn, publishedOn: on)
            }
            let pending = records.filter { PublicationListQuery.openStatuses.contains($0.status) && $0.formedOn <= day }.map(\.formedOn)
            let limit = item.parsedTimeLimit
            let compliance = try CatalogueCompliance.evaluate(limit, published: published, pendingFormedOn: pending,
                                                              since: item.since, today: day, calendar: calendar)
            return Row(item: item, agencyName: names[item.$agency.id] ?? "", limit: limit, compliance: compliance)
        }
    }

    /// How many items the agencies have, and how many are fulfilled (published at least once
    /// and not overdue) on `asOf`.
    static func completion(agencyIDs: [Int], asOf: CivilDate, calendar: WorkingDayCalendar, on db: any Database) async throws -> (items: Int, fulfilled: Int) {
        let rows = try await rows(agencyIDs: agencyIDs, asOf: asOf, calendar: calendar, on: db)
        return (rows.count, rows.filter { $0.compliance.fulfilled }.count)
    }
}
