import GongkaiCore

/// Search: any phrase, in titles and texts, with filters, two orders and highlighted snippets.
enum PortalSearchPage {
    struct Hit {
        var id: Int
        var title: String
        var agency: String
        var indexNumber: String
        var documentNumber: String
        var publishedOn: CivilDate
        var snippet: [SearchText.Segment]
    }

    struct Model {
        var display: DisplayMode
        var query: String
        var agencyCode: String
        var category: String
        var year: String
        var documentNumber: String
        var sort: PublicationSearch.Sort
        var agencies: [(code: String, name: String)]
        var years: [Int]
        var hits: [Hit]
        var total: Int
        var capped: Bool
        var page: Int
        var pageSize: Int
        var error: String?
        /// The searched terms, to mark in the titles too.
        var terms: [String] = []
        /// No term and no 文号 was given: what to type (`PublicationSearch.termHint`).
        var hint: String?
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return PortalLayout(title: m.query.isEmpty ? "搜索" : "搜索：\(m.query)", agency: nil, display: m.display, section: .search) {
                H.h1 { "搜索政府信息" }
                H.form(.method("get"), .action(SiteURL.search.path), .class("card search-form"), Attribute("role", "search")) {
                    H.div(.class("search-main")) {
                        H.label(.for("q")) { "检索词" }
                        H.input(.type("search"), .name("q"), .id("q"), .value(m.query), .placeholder("标题或正文中的字词，多个词用空格分开"))
                        H.button(.type("submit"), .class("primary")) { "搜索" }
                    }
                    H.div(.class("filters")) {
                        Form.select("agency", label: "发布机构", options: [("", "全部机构")] + m.agencies.map { ($0.code, $0.name) }, selected: m.agencyCode)
                        Form.select("category", label: "信息类别", options: [("", "全部类别")] + PublicationCategory.allCases.map { ($0.rawValue, $0.chineseLabel) },
                                    selected: m.category)
                        Form.select("year", label: "发布年份", options: [("", "全部年份")] + m.years.map { (String($0), "\($0)年") }, selected: m.year)
                        Form.text("document_number", label: "文号", value: m.documentNumber)
                        Form.select("sort", label: "排序", options: PublicationSearch.Sort.allCases.map { ($0.rawValue, $0.chineseLabel) }, selected: m.sort.rawValue)
                    }
                }
                if let error = m.error { H.p(.class("error-summary"), Attribute("role", "alert")) { error } }
                if let hint = m.hint, m.error == nil { H.p(.class("count-line"), Attribute("role", "status")) { hint } }
                if !(m.query.isEmpty && m.documentNumber.isEmpty) && m.error == nil && m.hint == nil {
                    H.p(.class("count-line"), Attribute("role", "status")) {
                        m.capped ? "找到 \(m.total) 条以上结果" : "找到 \(m.total) 条结果"
                    }
                    H.ol(.class("search-results")) {
                        for hit in m.hits {
                            H.li {
                                H.h2 {
                                    H.a(.href(SiteURL.portalPublication(.value(hit.id)).path)) {
                                        for segment in SearchText.highlight(hit.title, terms: m.terms) {
                                            if segment.isHit { H.mark { segment.text } } else { segment.text }
                                        }
                                    }
                                }
                                H.p(.class("snippet")) {
                                    for segment in hit.snippet {
                                        if segment.isHit { H.mark { segment.text } } else { segment.text }
                                    }
                                }
                                H.p(.class("meta")) {
                                    hit.agency
                                    " · "
                                    H.time(Attribute("datetime", hit.publishedOn.iso)) { hit.publishedOn.iso }
                                    if !hit.documentNumber.isEmpty { " · \(hit.documentNumber)" }
                                    if !hit.indexNumber.isEmpty { " · 索引号 \(hit.indexNumber)" }
                                }
                            }
                        }
                    }
                    Pagination.node(page: m.page, pageCount: max(1, (m.total + m.pageSize - 1) / m.pageSize), base: SiteURL.search.path,
                                    query: ["q": m.query, "agency": m.agencyCode, "category": m.category, "year": m.year,
                                            "document_number": m.documentNumber, "sort": m.sort.rawValue])
                }
            }.render()
        }
    }
}
