import GongkaiCore

/// Parts shared by the portal's pages.
enum PortalViews {
    /// A list of publications as portals show them: title, date.
    static func list(_ items: [PortalListQuery.Item], showAgency: Bool = false) -> Node {
        H.ul(.class("pub-list")) {
            for item in items {
                H.li {
                    H.a(.href(SiteURL.portalPublication(.value(item.id)).path)) { item.title }
                    H.span(.class("meta")) {
                        if showAgency { item.agencyName; " " }
                        H.time(Attribute("datetime", item.publishedOn.iso)) { item.publishedOn.iso }
                    }
                }
            }
        }
    }

    /// The catalogue's table: 索引号, 名称, 发布机构, 成文日期, 发布日期, 文号 (and 有效性 for the register).
    static func table(_ items: [PortalListQuery.Item], caption: String, validity: Bool = false) -> Node {
        H.div(.class("table-scroll"), Attribute("tabindex", "0"), Attribute("role", "region"), .aria("label", caption)) {
            H.table(.class("list catalogue")) {
                H.caption { caption }
                H.thead {
                    H.tr {
                        H.th(Attribute("scope", "col")) { "索引号" }
                        H.th(Attribute("scope", "col")) { "名称" }
                        H.th(Attribute("scope", "col")) { "发布机构" }
                        H.th(Attribute("scope", "col")) { "成文日期" }
                        H.th(Attribute("scope", "col")) { "发布日期" }
                        H.th(Attribute("scope", "col")) { "文号" }
                        if validity { H.th(Attribute("scope", "col")) { "有效性" } }
                    }
                }
                H.tbody {
                    for item in items {
                        H.tr {
                            H.td(.class("nowrap")) { item.indexNumber }
                            H.td { H.a(.href(SiteURL.portalPublication(.value(item.id)).path)) { item.title } }
                            H.td { item.agencyName }
                            H.td(.class("nowrap")) { item.writtenOn?.iso ?? "—" }
                            H.td(.class("nowrap")) { item.publishedOn.iso }
                            H.td { item.documentNumber.isEmpty ? "—" : item.documentNumber }
                            if validity {
                                H.td { item.validity.map { v in H.span(.class("validity \(v.rawValue)")) { v.chineseLabel } } ?? .text("—") }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Links that narrow a list: the current choice marked, “全部” to clear it.
    static func filterLinks(_ label: String, options: [(value: String, label: String)], selected: String?, link: (String?) -> String) -> Node {
        H.div(.class("filter-links")) {
            H.span(.class("filter-label")) { label + "：" }
            H.a(.href(link(nil)), .when(selected == nil, Attribute("aria-current", "true"))) { "全部" }
            for option in options {
                H.a(.href(link(option.value)), .when(selected == option.value, Attribute("aria-current", "true"))) { option.label }
            }
        }
    }

    /// A query string from the non-empty values, sorted.
    static func query(_ values: [String: String?]) -> String {
        let pairs = values.compactMap { key, value -> (String, String)? in
            guard let value, !value.isEmpty else { return nil }
            return (key, value)
        }.sorted { $0.0 < $1.0 }
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")" }.joined(separator: "&")
    }

    static func countLine(total: Int, capped: Bool) -> Node {
        H.p(.class("muted count-line")) { capped ? "共 \(total) 条以上" : "共 \(total) 条" }
    }
}
