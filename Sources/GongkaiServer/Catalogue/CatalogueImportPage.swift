import Foundation
import GongkaiCore

/// Importing a standard catalogue from CSV: the upload form, then a preview with the rows or
/// their errors (line numbers), then the confirmation that imports all of them.
enum CatalogueImportPage {
    struct Model {
        var context: ConsoleContext
        var agencies: [(id: Int, name: String)]
        var agencyID: String
        var domain: String
        var preview: CatalogueImportService.Preview?
        /// The uploaded file, carried to the confirmation (base64).
        var payload: String?
        var error: String?
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return ConsoleLayout(title: "导入公开事项标准目录", context: m.context) {
                if let error = m.error { H.p(.class("error-summary"), Attribute("role", "alert")) { error } }
                H.p { "CSV 文件（在 Excel 或 WPS 中“另存为 CSV”，UTF-8 或 GBK 编码均可）。表头使用标准目录的列名：序号、一级事项、二级事项、公开内容（要素）、公开依据、公开时限、公开主体、公开渠道和载体、公开对象、公开方式、公开层级；公开对象、公开方式、公开层级也可以是“全社会”“特定群体”“主动”“依申请”“县级”“乡级”打 √ 的列；可有“领域”列。全部行无误才导入，任何一行有误则一行也不导入。" }
                if let preview = m.preview {
                    if !preview.errors.isEmpty {
                        H.div(.class("error-summary"), Attribute("role", "alert")) {
                            H.p { "文件中有 \(preview.errors.count) 处错误，未导入任何事项：" }
                            H.ul { for e in preview.errors { H.li { e.description } } }
                        }
                    } else {
                        H.section(.class("card")) {
                            H.h2 { "预览：\(preview.items.count) 个事项（\(preview.encoding)）" }
                            H.div(.class("table-scroll")) {
                                H.table(.class("list")) {
                                    H.thead { H.tr { for h in ["行", "领域", "序号", "一级事项", "二级事项", "公开时限", "时限识别为", "公开主体", "公开对象", "公开方式"] { H.th { h } } } }
                                    H.tbody {
                                        for i in preview.items {
                                            H.tr {
                                                H.td { String(i.line) }; H.td { i.domain }; H.td { String(i.sequence) }; H.td { i.itemL1 }; H.td { i.itemL2 }
                                                H.td { i.timeLimit }; H.td { CatalogueTimeLimit.parse(i.timeLimit).chineseLabel }; H.td { i.subject }
                                                H.td { i.audience }; H.td { i.mode }
                                            }
                                        }
                                    }
                                }
                            }
                            H.form(.method("post"), .action(SiteURL.catalogueImport.path), .enctype("multipart/form-data")) {
                                Form.csrf(m.context.csrfToken)
                                Form.hidden("agency_id", m.agencyID)
                                Form.hidden("domain", m.domain)
                                Form.hidden("payload", m.payload ?? "")
                                Form.hidden("confirm", "1")
                                Form.submit("确认导入 \(preview.items.count) 个事项")
                            }
                        }
                    }
                }
                H.section(.class("card narrow")) {
                    H.h2 { m.preview == nil ? "选择文件" : "重新选择文件" }
                    H.form(.method("post"), .action(SiteURL.catalogueImport.path), .enctype("multipart/form-data")) {
                        Form.csrf(m.context.csrfToken)
                        Form.select("agency_id", label: "机构", options: m.agencies.map { (String($0.id), $0.name) }, selected: m.agencyID, required: true)
                        Form.text("domain", label: "领域", value: m.domain, hint: "文件没有“领域”列时必填，如：城乡规划、财政预决算")
                        H.div(.class("field")) {
                            H.label(.for("f-file")) { "CSV 文件" }
                            H.input(.type("file"), .name("file"), .id("f-file"), Attribute("accept", ".csv,text/csv"), .required)
                        }
                        Form.submit("预览")
                    }
                }
            }.render()
        }
    }
}
