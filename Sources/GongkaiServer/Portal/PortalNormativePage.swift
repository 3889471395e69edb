import GongkaiCore

/// 规章和行政规范性文件: the register with each document's validity on today, computed from its dates.
enum PortalNormativePage {
    struct Model {
        var display: DisplayMode
        var agency: PortalLayout.Agency?
        var agencies: [(code: String, name: String)]
        var items: [PortalListQuery.Item]
        var total: Int
        var capped: Bool
        var page: Int
        var today: CivilDate
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return PortalLayout(title: "规章和行政规范性文件", agency: m.agency, display: m.display, section: .normative) {
                H.h1 { "规章和行政规范性文件" }
                H.p(.class("muted")) { "有效性按各文件的施行日期、有效期和废止、修改记录计算（截至 \(m.today.chinese)）：有效、已修改、失效、废止。" }
                H.section(.class("card filters-card"), .aria("label", "筛选")) {
                    PortalViews.filterLinks("机构", options: m.agencies.map { ($0.code, $0.name) }, selected: m.agency?.code) { code in
                        SiteURL.normativeDocuments.path + PortalViews.query(["agency": code])
                    }
                }
                PortalViews.countLine(total: m.total, capped: m.capped)
                if m.items.isEmpty { H.p(.class("muted")) { "暂无。" } } else { PortalViews.table(m.items, caption: "文件列表", validity: true) }
                Pagination.node(page: m.page, pageCount: max(1, (m.total + PortalListQuery.pageSize - 1) / PortalListQuery.pageSize),
                                base: SiteURL.normativeDocuments.path, query: ["agency": m.agency?.code ?? ""])
            }.render()
        }
    }
}
