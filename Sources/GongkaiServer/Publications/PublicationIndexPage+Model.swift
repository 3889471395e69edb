import GongkaiCore

extension PublicationIndexPage.Row {
    init(_ row: PublicationListQuery.Row) throws {
        let p = row.publication
        self.init(
            id: try p.requireID(), title: p.title, agency: row.agencyName, status: p.status, revision: p.revisionState,
            waiting: row.waiting?.chineseLabel, indexNumber: p.indexNumber ?? "—",
            // A revision under way: its own 信息形成（变更）日期, the one the due date beside it counts from (cold review 11n, L3).
            formedOn: (p.pendingFormedOn ?? p.formedOn).iso,
            due: row.due?.iso ?? row.missingYear.map { "无法计算（缺少 \($0) 年节假日安排）" } ?? "—", standing: row.standing,
            publishedOn: p.publishedOn?.iso ?? "—")
    }
}
