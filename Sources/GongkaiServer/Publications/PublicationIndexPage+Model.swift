import GongkaiCore

extension PublicationIndexPage.Row {
    init(_ row: PublicationListQuery.Row) throws {
        let p = row.publication
        self.init(id: try p.requireID(), title: p.title, agency: row.agencyName, status: p.status, revision: p.revisionState,
                  waiting: row.waiting?.chineseLabel, indexNumber: p.indexNumber ?? "—", formedOn: p.formedOn.iso,
                  due: row.due?.iso ?? "—", standing: row.standing, publishedOn: p.publishedOn?.iso ?? "—")
    }
}
