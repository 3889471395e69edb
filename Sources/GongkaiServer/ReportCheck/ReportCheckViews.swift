import Foundation
import GongkaiCore

/// 报告体检 pages: the upload form and the result (tables as read, findings, repairs), shown
/// in the public portal and in the staff console alike.
enum ReportCheckViews {
    struct FormModel {
        var action: String
        var csrfToken: String
        var error: String?
        var pdfSupported: Bool
        /// "10 MB": the configured upload limit.
        var sizeLimit: String
    }

    static func form(_ model: FormModel) -> Node {
        H.section(.class("card")) {
            H.p {
                "上传一份已发布的政府信息公开工作年度报告（文本、网页或 Word 文件"
                model.pdfSupported ? "，或 PDF" : ""
                "），或直接粘贴报告全文。系统读取表格数据，核对勾稽关系、缺项和正文数字，逐项说明。"
            }
            if let error = model.error { H.p(.class("error-summary"), Attribute("role", "alert")) { error } }
            H.form(.method("post"), .action(model.action), .enctype("multipart/form-data")) {
                Form.csrf(model.csrfToken)
                H.div(.class("field")) {
                    H.label(.for("f-file")) { "报告文件" }
                    H.input(.type("file"), .name("file"), .id("f-file"),
                            Attribute("accept", ".txt,.html,.htm,.docx" + (model.pdfSupported ? ",.pdf" : "")))
                    H.p(.class("hint")) { "支持 .txt、.html、.docx\(model.pdfSupported ? "、.pdf" : "")，不超过 \(model.sizeLimit)" }
                }
                Form.textarea("text", label: "或粘贴报告全文", rows: 8)
                H.div(.class("field")) {
                    H.label(.for("f-previous")) { "上一年度报告（可选）" }
                    H.input(.type("file"), .name("previous"), .id("f-previous"))
                    H.p(.class("hint")) { "用于核对上年结转数和内容是否与上年雷同" }
                }
                Form.submit("开始体检")
            }
        }
    }

    static func result(_ r: ReportCheckResult) -> Node {
        let title = [r.issuer, r.year.map { "\($0) 年度" }].compactMap { $0 }.joined(separator: " ")
        let marks = ReportRenderer.Marks(
            repaired: Set(r.repairs.flatMap(\.cells)),
            missing: Set(r.missingCells.map(\.cell)),
            flagged: Set(r.findings.filter { $0.severity == .error }.flatMap(\.cells)))
        return H.fragment {
            H.section(.class("card check-summary")) {
                H.h2 { title.isEmpty ? r.source : title }
                H.dl(.class("facts")) {
                    H.dt { "文件" }; H.dd { r.source }
                    H.dt { "发布机关" }; H.dd { r.issuerText }
                    H.dt { "格式" }; H.dd { r.formatVersion?.chineseLabel ?? "无法识别或不支持" }
                    if r.formatVersion != nil {
                        H.dt { "读到" }
                        H.dd { "\(r.sectionsFound.count)/6 个部分；表\(r.tablesFound.isEmpty ? "（无）" : r.tablesFound.joined(separator: "、表"))；\(r.cells.values.compactMap { $0 }.count)/\(r.cells.count) 个数值" }
                    }
                    H.dt { "结论" }
                    H.dd {
                        H.strong(.class(r.errorCount > 0 ? "bad" : "good")) {
                            r.errorCount > 0 ? "发现 \(r.errorCount) 处错误" : "未发现计算错误"
                        }
                        "，提示 \(r.warningCount) 项"
                    }
                }
            }
            if !r.findings.isEmpty {
                H.section(.class("card")) {
                    H.h2 { "发现的问题" }
                    H.ol(.class("findings")) {
                        for f in r.findings {
                            H.li(.class("finding \(f.severity.rawValue)")) {
                                H.span(.class("severity")) { f.severity.chineseLabel }
                                H.code { f.rule }
                                " "
                                f.message
                            }
                        }
                    }
                }
            }
            if !r.repairs.isEmpty {
                H.section(.class("card")) {
                    H.h2 { "修补（均可证明，已标出）" }
                    H.ul { for repair in r.repairs { H.li(.class("repair")) { repair.message } } }
                }
            }
            if !r.assumptions.isEmpty {
                H.section(.class("card")) {
                    H.h2 { "读取时作为前提的勾稽关系" }
                    H.p(.class("hint")) { "下列单元格的取值以这些关系成立为前提，相应的列不计入“已通过”的检查。" }
                    H.ul {
                        for a in r.assumptions {
                            H.li {
                                H.code { a.rule }
                                " "
                                a.message
                            }
                        }
                    }
                }
            }
            if let report = r.report {
                H.section(.class("card tables-as-read")) {
                    H.h2 { "读到的表格" }
                    H.p(.class("legend-line")) {
                        H.span(.class("value repaired")) { "修补" }; " "
                        H.span(.class("value missing")) { "缺失" }; " "
                        H.span(.class("value flagged")) { "涉及错误" }
                    }
                    H.h3 { "表二 主动公开政府信息情况" }
                    H.div(.class("table-scroll")) { ReportRenderer.t2Table(report, marks: marks) }
                    H.h3 { "表三 收到和处理政府信息公开申请情况" }
                    H.div(.class("table-scroll")) { ReportRenderer.t3Table(report, marks: marks) }
                    H.h3 { "表四 政府信息公开行政复议、行政诉讼情况" }
                    H.div(.class("table-scroll")) { ReportRenderer.t4Table(report, marks: marks) }
                }
            }
            if !r.passed.isEmpty {
                H.section(.class("card")) {
                    H.h2 { "通过的检查" }
                    H.ul(.class("passed")) { for p in r.passed { H.li { H.code { p.rule }; " "; p.message } } }
                }
            }
            H.details(.class("card")) {
                H.summary { "完整结果（JSON）" }
                H.pre(.class("json")) { (try? String(decoding: JSONCoding.encoder(pretty: true).encode(r), as: UTF8.self)) ?? "" }
            }
        }
    }
}
