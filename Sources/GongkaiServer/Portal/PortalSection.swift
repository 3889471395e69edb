import GongkaiCore

/// The sections of the public portal, in its navigation bar.
enum PortalSection: String, Sendable, CaseIterable {
    case home, catalogue, normative, standardCatalogues, guide, apply, annualReports, search

    var chineseLabel: String {
        switch self {
        case .home: return "首页"
        case .catalogue: return "信息公开目录"
        case .normative: return "规章和规范性文件"
        case .standardCatalogues: return "标准目录"
        case .guide: return "公开指南"
        case .apply: return "依申请公开"
        case .annualReports: return "年度报告"
        case .search: return "搜索"
        }
    }

    /// The navigation bar; links that need an agency (guide, apply) point at the page's agency.
    static func navigation(current: PortalSection?, agencyCode: String?) -> Node {
        H.nav(.class("portal-nav"), .aria("label", "栏目")) {
            H.ul(.class("wrap")) {
                for section in allCases {
                    if let href = section.href(agencyCode: agencyCode) {
                        H.li { H.a(.href(href), .when(section == current, Attribute("aria-current", "page"))) { section.chineseLabel } }
                    }
                }
            }
        }
    }

    func href(agencyCode: String?) -> String? {
        switch self {
        case .home: return agencyCode.map { SiteURL.agencyHome(.value($0)).path } ?? SiteURL.home.path
        case .catalogue: return SiteURL.portalPublications.path + (agencyCode.map { "?agency=\($0)" } ?? "")
        case .normative: return SiteURL.normativeDocuments.path + (agencyCode.map { "?agency=\($0)" } ?? "")
        case .standardCatalogues: return SiteURL.standardCatalogues.path + (agencyCode.map { "?agency=\($0)" } ?? "")
        case .guide: return agencyCode.map { SiteURL.guide(.value($0)).path }
        case .apply: return agencyCode.map { SiteURL.apply(.value($0)).path }
        case .annualReports: return SiteURL.publicReports(year: nil, agency: agencyCode).path  // the annual report feature
        case .search: return SiteURL.search.path
        }
    }
}
