import GongkaiCore

/// Uploading an export to import, and the recent imports.
enum MessageImportsPage {
    struct Model {
        var context: ConsoleContext
        var agencies: [(String, String)]
        var selected: String
        var uploadLimit: String
        var jobs: [(id: Int, filename: String, status: String, at: String, written: Int)]
        var error: String?
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "导入政民互动（12345 热线等）", context: model.context) {
                if let error = model.error { H.p(.class("error-summary"), Attribute("role", "alert")) { error } }
                H.section(.class("card")) {
                    H.p {
                        "CSV 文件（Excel、WPS 另存为“CSV”或“CSV UTF-8”均可，GBK 或 UTF-8 编码），第一行为表头，列名用中文或英文："
                        "工单编号/source_id、渠道/channel、受理时间/received_at、标题/subject、内容/content、承办单位/handling_unit、"
                        "办结时间/completed_at、办理结果/result、满意度/satisfaction（满意、基本满意、不满意或留空），可选 类型/kind。"
                    }
                    H.p(.class("hint")) { "渠道名称须与本机关的渠道列表完全一致。再次导入同一导出文件时按工单编号更新，不会重复。上传后先检查，确认后才写入。" }
                    H.form(.method("post"), .action(SiteURL.messageImports.path), .enctype("multipart/form-data")) {
                        Form.csrf(model.context.csrfToken)
                        Form.select("agency_id", label: "导入到", options: model.agencies, selected: model.selected, required: true)
                        H.div(.class("field")) {
                            H.label(.for("f-file")) { "CSV 文件（\(model.uploadLimit) 以内）" }
                            H.input(.type("file"), .name("file"), .id("f-file"), Attribute("accept", ".csv,text/csv"), .required)
                        }
                        Form.submit("上传并检查")
                    }
                }
                if !model.jobs.isEmpty {
                    H.section(.class("card")) {
                        H.h2 { "最近的导入" }
                        H.table(.class("list")) {
                            H.thead { H.tr { for h in ["文件", "状态", "上传时间", "写入行数"] { H.th { h } } } }
                            H.tbody {
                                for job in model.jobs {
                                    H.tr {
                                        H.td { H.a(.href(SiteURL.messageImport(.value(job.id)).path)) { job.filename } }
                                        H.td { job.status }; H.td { job.at }; H.td { String(job.written) }
                                    }
                                }
                            }
                        }
                    }
                }
            }.render()
        }
    }
}
