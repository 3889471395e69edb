import GongkaiCore

/// The public list of published annual reports: by year, newest first, then by agency; the
/// latest version of each, filtered by year and by agency.
enum PortalReportListPage {
    struct Model {
        var year: Int?
        /// The agency filtered on (code, name).
        var agency: (code: String, name: String)?
        /// The agency whose frame the page wears (its name and contacts), when filtered on one.
        var portalAgency: PortalLayout.Agency?
        /// Every year with a published report, newest first.
        var years: [Int]
        var reports: [PublishedReportQuery.Listing]
    }

    static func render(_ model: Model) -> String {
        let code = model.agency?.code
        return PortalLayout(title: "政府信息公开工作年度报告", agency: model.portalAgency, section: .annualReports) {
            H.h1 { "政府信息公开工作年度报告" }
            if let agency = model.agency {
                H.p(.class("breadcrumb")) {
                    H.a(.href(SiteURL.agencyHome(.value(agency.code)).path)) { agency.name }
                    " › 年度报告 · "
                    H.a(.href(SiteURL.publicReports(year: model.year, agency: nil).path)) { "查看全部机关的报告" }
                }
            }
            if !model.years.isEmpty {
                H.nav(.class("year-filter"), Attribute("aria-label", "按年度筛选")) {
                    H.ul {
                        H.li {
                            if model.year == nil {
                                H.strong { "全部年度" }
                            } else {
                                H.a(.href(SiteURL.publicReports(year: nil, agency: code).path)) { "全部年度" }
                            }
                        }
                        for year in model.years {
                            H.li {
                                if year == model.year {
                                    H.strong { "\(year) 年度" }
                                } else {
                                    H.a(.href(SiteURL.publicReports(year: year, agency: code).path)) { "\(year) 年度" }
                                }
                            }
                        }
                    }
                }
            }
            if model.reports.isEmpty {
                H.section(.class("card")) {
                    H.p(.class("muted")) {
                        model.year.map { "\($0) 年度尚无已发布的年度报告。" } ?? "尚无已发布的年度报告。"
                    }
                }
            }
            for year in Array(Set(model.reports.map(\.year))).sorted(by: >) {
                H.section(.class("card report-year")) {
                    H.h2 { "\(year) 年度" }
                    H.table(.class("list")) {
                        H.thead {
                            H.tr {
                                H.th { "发布机关" }; H.th { "版本" }; H.th { "发布日期" }
                            }
                        }
                        H.tbody {
                            for report in model.reports where report.year == year {
                                H.tr {
                                    H.td {
                                        H.a(.href(SiteURL.publicReport(.value(report.agencyCode), .value(year), version: nil).path)) {
                                            "\(report.agencyName)\(year)年政府信息公开工作年度报告"
                                        }
                                    }
                                    H.td { report.versionNo > 1 ? "第 \(report.versionNo) 版（已更正）" : "第 1 版" }
                                    H.td { H.time(Attribute("datetime", report.publishedOn.iso)) { report.publishedOn.iso } }
                                }
                            }
                        }
                    }
                }
            }
        }.render()
    }
}
