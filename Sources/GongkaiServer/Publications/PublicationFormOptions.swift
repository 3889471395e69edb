import Fluent
import Foundation
import GongkaiCore

/// The choices the publication form offers: the agencies' topic columns and catalogue items,
/// and the published policies an interpretation may point at.
struct PublicationFormOptions {
    let topics: [(id: Int, name: String)]
    let catalogueItems: [(id: Int, name: String)]
    let policies: [(id: Int, title: String)]

    static func load(agencyIDs: [Int], excluding id: Int?, on db: any Database) async throws -> PublicationFormOptions {
        // Topic columns of the agencies and of the county (the root) are open to all.
        let roots = try await Agency.query(on: db).filter(\.$parent.$id == nil).all().compactMap(\.id)
        let topics = try await TopicColumn.query(on: db).filter(\.$agency.$id ~~ (agencyIDs + roots)).filter(\.$closedOn == nil)
            .sort(\.$name).all().compactMap { t in t.id.map { ($0, t.name) } }
        let items = try await CatalogueItem.query(on: db).filter(\.$agency.$id ~~ agencyIDs).sort(\.$domain).sort(\.$sequence).all()
            .compactMap { i in i.id.map { ($0, "\(i.domain)：\(i.name)") } }
        let policies = try await Publication.query(on: db).filter(\.$status == .published)
            .group(.or) { $0.filter(\.$requiresInterpretation == true).filter(\.$normativeKind != nil) }
            .sort(\.$publishedOn, .descending).range(0..<300)
            .field(\.$id).field(\.$title).field(\.$documentNumber).all()
            .compactMap { p in p.id.flatMap { $0 == id ? nil : ($0, p.documentNumber.isEmpty ? p.title : "\(p.title)（\(p.documentNumber)）") } }
        return PublicationFormOptions(topics: topics, catalogueItems: items, policies: policies)
    }
}
