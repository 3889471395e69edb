import GongkaiCore

/// 信息公开目录: what is published, browsed by category, subject, topic column, agency and year.
enum PortalCataloguePage {
    struct Model {
        var display: DisplayMode
        var agency: PortalLayout.Agency?
        var agencies: [(code: String, name: String)]
        var topics: [(id: Int, name: String)]
        var years: [Int]
        var category: PublicationCategory?
        var subject: PublicationSubject?
        var topicID: Int?
        var year: Int?
        var items: [PortalListQuery.Item]
        var total: Int
        var capped: Bool
        var page: Int
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            let current: [String: String?] = ["agency": m.agency?.code, "category": m.category?.rawValue, "subject": m.subject?.rawValue,
                                              "topic": m.topicID.map(String.init), "year": m.year.map(String.init)]
            func link(_ key: String, _ value: String?) -> String {
                var q = current
                q[key] = value
                return SiteURL.portalPublications.path + PortalViews.query(q)
            }
            return PortalLayout(title: "信息公开目录", agency: m.agency, display: m.display, section: .catalogue) {
                H.h1 { (m.agency?.name ?? "") + "信息公开目录" }
                H.section(.class("card filters-card"), .aria("label", "筛选")) {
                    PortalViews.filterLinks("类别", options: PublicationCategory.allCases.map { ($0.rawValue, $0.chineseLabel) },
                                            selected: m.category?.rawValue) { link("category", $0) }
                    PortalViews.filterLinks("年份", options: m.years.map { (String($0), "\($0)年") }, selected: m.year.map(String.init)) { link("year", $0) }
                    if !m.topics.isEmpty {
                        PortalViews.filterLinks("专题", options: m.topics.map { (String($0.id), $0.name) }, selected: m.topicID.map(String.init)) { link("topic", $0) }
                    }
                    H.details(m.subject != nil ? Attribute("open", nil) : nil) {
                        H.summary { "主题分类" + (m.subject.map { "：\($0.chineseLabel)" } ?? "") }
                        PortalViews.filterLinks("主题", options: PublicationSubject.allCases.map { ($0.rawValue, $0.chineseLabel) },
                                                selected: m.subject?.rawValue) { link("subject", $0) }
                    }
                    H.details(m.agency != nil ? Attribute("open", nil) : nil) {
                        H.summary { "发布机构" + (m.agency.map { "：\($0.name)" } ?? "") }
                        PortalViews.filterLinks("机构", options: m.agencies.map { ($0.code, $0.name) }, selected: m.agency?.code) { link("agency", $0) }
                    }
                }
                PortalViews.countLine(total: m.total, capped: m.capped)
                if m.items.isEmpty {
                    H.p(.class("muted")) { "没有符合条件的信息。" }
                } else {
                    PortalViews.table(m.items, caption: "信息列表（按发布日期，新的在前）")
                }
                Pagination.node(page: m.page, pageCount: max(1, (m.total + PortalListQuery.pageSize - 1) / PortalListQuery.pageSize),
                                base: SiteURL.portalPublications.path, query: current.compactMapValues { $0 })
            }.render()
        }
    }
}
