import GongkaiCore

extension PublicationIndexPage.Row {
    init(_ row: PublicationListQuery.Row) throws {
        let p = row.publication
        self.init(
            id: try p.requireID(), title: p.title, agency: row.agencyName, status: p.status, revision: p.revisionState,
            waiting: row.waiting?.chineseLabel, indexNumber: p.indexNumber ?? "—", formedOn: p.formedOn.iso,
            due: row.due?.iso ?? row.missingYear.map { "无法计算（缺少 \($0) 年节假日安排）" } ?? "—", standing: row.standing,
            publishedOn: p.publishedOn?.iso ?? "—")
    }
}
