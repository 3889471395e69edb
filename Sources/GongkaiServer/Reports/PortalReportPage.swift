import GongkaiCore

/// A published annual report on the portal, in the official layout (the print stylesheet gives
/// the printed page the document's typography): which version it is, a county-wide report
/// labelled as such, a correction's note in plain view, the downloads and the version history.
/// An earlier version stays readable, marked as superseded with a link to the current one.
enum PortalReportPage {
    struct Version {
        var number: Int
        var publishedOn: CivilDate
        /// Empty for the first version.
        var correctionNote: String
    }

    struct Model {
        var agency: PortalLayout.Agency
        var document: ReportDocument
        /// Newest first.
        /// The version shown.
        var version: Int
        var versions: [Version]
        var latest: Int

        var isSuperseded: Bool { version < latest }
    }

    static func render(_ model: Model) -> String {
        let document = model.document
        let report = document.report
        let code = document.agencyCode, year = document.year
        let pinned = model.isSuperseded ? model.version : nil
        return PortalLayout(
            title: ReportRenderer.title(report), agency: model.agency, section: .annualReports,
            printStylesheet: SiteURL.asset("report.css").path
        ) {
            H.p(.class("breadcrumb no-print")) {
                H.a(.href(SiteURL.publicReports(year: nil, agency: nil).path)) { "年度报告" }
                " › "
                H.a(.href(SiteURL.publicReports(year: nil, agency: code).path)) { document.agency }
                " › \(year) 年度"
            }
            if model.isSuperseded {
                H.div(.class("notice superseded"), Attribute("role", "note")) {
                    H.p {
                        "这是第 \(model.version) 版，已被更正，不是现行版本。"
                        H.a(.href(SiteURL.publicReport(.value(code), .value(year), version: nil).path)) { "查看现行版本（第 \(model.latest) 版）" }
                    }
                }
            }
            H.dl(.class("report-facts")) {
                H.dt { "版本" }
                H.dd { model.version > 1 ? "第 \(model.version) 版（更正版）" : "第 1 版" }
                H.dt { "发布日期" }
                H.dd { document.publishedOn ?? "—" }
                if document.scope == .subtree {
                    H.dt { "统计范围" }
                    H.dd { H.strong(.class("scope-label")) { "全县汇总：含下属机关" } }
                }
            }
            if let note = document.correctionNote, !note.isEmpty {
                H.section(.class("notice correction"), Attribute("aria-label", "更正说明")) {
                    H.h2 { "更正说明" }
                    for line in note.split(separator: "\n") { H.p { String(line) } }
                }
            }
            H.section(.class("card report-document")) {
                // On a phone the tables scroll sideways; the text keeps the screen's width.
                H.div(.class("table-scroll")) { ReportRenderer.htmlBody(report) }
            }
            H.section(.class("card no-print"), Attribute("aria-label", "下载")) {
                H.h2 { "下载" }
                H.ul(.class("downloads")) {
                    for format in [ReportExport.docx, .pdf, .json, .csv, .html] {
                        H.li {
                            H.a(.href(SiteURL.publicReportDownload(.value(code), .value(year), .value(format.rawValue), version: pinned).path)) {
                                format.chineseLabel
                            }
                        }
                    }
                }
            }
            H.section(.class("card no-print"), Attribute("aria-label", "版本记录")) {
                H.h2 { "版本记录" }
                H.table(.class("list versions")) {
                    H.thead {
                        H.tr {
                            H.th { "版本" }; H.th { "发布日期" }; H.th { "说明" }
                        }
                    }
                    H.tbody {
                        for v in model.versions {
                            H.tr(v.number == model.version ? Attribute("aria-current", "true") : nil) {
                                H.td {
                                    if v.number == model.version {
                                        H.strong { "第 \(v.number) 版" }
                                    } else {
                                        H.a(
                                            .href(
                                                SiteURL.publicReport(.value(code), .value(year), version: v.number == model.latest ? nil : v.number)
                                                    .path)
                                        ) {
                                            "第 \(v.number) 版"
                                        }
                                    }
                                }
                                H.td { H.time(Attribute("datetime", v.publishedOn.iso)) { v.publishedOn.iso } }
                                H.td { v.correctionNote.isEmpty ? "首次发布" : v.correctionNote }
                            }
                        }
                    }
                }
            }
        }.render()
    }
}
