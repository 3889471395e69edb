import GongkaiCore

/// One message: its clock, what was written, the sender (masked unless revealed), the steps
/// the user may take, and its history across the agencies that handled it.
enum MessageShowPage {
    struct Model {
        var context: ConsoleContext
        var id: Int
        var version: Int
        var reference: String
        var agencyName: String
        var transferredFrom: String?
        var source: String
        var channel: String
        var kind: MessageKind
        var subject: String
        var content: String
        var receivedAt: String
        var senderName: String
        var senderPhone: String
        var revealed: Bool
        var publicationAllowed: Bool
        var status: MessageStatus
        var clock: MessageClockState
        var assignedUnit: String
        var officerName: String?
        var reply: String
        var completedOn: String?
        var publication: PublicationStatus
        var publishedContent: String?
        var publishedReply: String?
        var approvedBy: String?
        var satisfaction: String?
        var events: [(date: String, agency: String, actor: String, summary: String)]
        var handlers: [(id: Int, label: String)]
        var agencies: [(id: Int, name: String)]
        var fromRequest: (id: Int, trackingNumber: String)?
        var toRequest: (id: Int, trackingNumber: String)?
        var canHandle: Bool
        var canApprove: Bool
        var canConvert: Bool
        var today: CivilDate
        var error: String?
        var errors: [String: String] = [:]
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return ConsoleLayout(title: "政民互动 \(m.reference)", context: m.context) {
                if let error = m.error { H.p(.class("error-summary"), Attribute("role", "alert")) { error } }
                Form.errorSummary(m.errors)
                MessageViews.clock(m.clock, status: m.status)
                H.div(.class("two-columns")) {
                    H.section(.class("card")) {
                        H.h2 { m.subject }
                        H.dl(.class("facts")) {
                            H.dt { "办理机关" }; H.dd { m.agencyName }
                            if let from = m.transferredFrom { H.dt { "转来自" }; H.dd { from } }
                            H.dt { "渠道" }; H.dd { "\(m.channel)（\(m.source)）" }
                            H.dt { "类型" }; H.dd { m.kind.chineseLabel }
                            H.dt { "收到时间" }; H.dd { m.receivedAt }
                            H.dt { "内容" }; H.dd { m.content }
                            H.dt { "同意公开答复" }; H.dd { m.publicationAllowed ? "是（隐去姓名和电话）" : "否" }
                            if !m.assignedUnit.isEmpty { H.dt { "承办单位" }; H.dd { m.assignedUnit } }
                            if let officer = m.officerName { H.dt { "承办人" }; H.dd { officer } }
                            if !m.reply.isEmpty { H.dt { "答复" }; H.dd { m.reply } }
                            if let done = m.completedOn { H.dt { "办结日期" }; H.dd { done } }
                            H.dt { "答复公开" }; H.dd { m.publication.chineseLabel + (m.approvedBy.map { "（\($0)）" } ?? "") }
                            if let s = m.satisfaction { H.dt { "评价" }; H.dd { s } }
                        }
                        if let r = m.fromRequest {
                            H.p(.class("warning-box")) { "由依申请公开转来："; H.a(.href(SiteURL.request(.value(r.id)).path)) { r.trackingNumber } }
                        }
                        if let r = m.toRequest {
                            H.p(.class("warning-box")) { "已转为依申请公开："; H.a(.href(SiteURL.request(.value(r.id)).path)) { r.trackingNumber } }
                        }
                    }
                    H.section(.class("card")) {
                        H.h2 { "来信人" }
                        H.dl(.class("facts")) {
                            H.dt { "姓名" }; H.dd { m.senderName.isEmpty ? "—" : m.senderName }
                            H.dt { "联系电话" }; H.dd { m.senderPhone.isEmpty ? "—" : m.senderPhone }
                        }
                        if m.canHandle, !m.revealed, !(m.senderName.isEmpty && m.senderPhone.isEmpty) {
                            H.form(.method("post"), .action(SiteURL.messageReveal(.value(m.id)).path), .class("inline")) {
                                Form.csrf(m.context.csrfToken)
                                H.button(.type("submit")) { "查看完整姓名和电话" }
                                H.small(.class("muted")) { " 查看记录将写入审计日志" }
                            }
                        }
                    }
                }
                if m.canHandle || m.canApprove { actions }
                H.section(.class("card")) {
                    H.h2 { "办理记录" }
                    H.ol(.class("history")) {
                        for e in m.events { H.li { H.time { e.date }; " "; H.strong { e.actor }; "（\(e.agency)） "; e.summary } }
                    }
                }
            }.render()
        }

        private func form(_ step: MessageStep, open: Bool = false, @NodeBuilder _ fields: () -> [Node]) -> Node {
            let title = step.formTitle
            let target = step.requiredPermission == .approveMessageReplies
                ? SiteURL.messageApprovals(.value(model.id)).path : SiteURL.messageActions(.value(model.id)).path
            return H.details(.class("action"), .when(open, Attribute("open", nil))) {
                H.summary { title }
                H.form(.method("post"), .action(target)) {
                    Form.csrf(model.context.csrfToken)
                    Form.hidden("version", String(model.version))
                    Form.hidden("action", step.rawValue)
                    H.fragment(fields)
                    Form.submit(title)
                }
            }
        }

        private var actions: Node {
            let m = model, today = m.today.iso
            return H.section(.class("card actions-panel")) {
                H.h2 { "办理" }
                if m.canHandle && m.status.isOpen {
                    if m.status == .received {
                        form(.accept, open: true) {
                            H.p(.class("hint")) { "受理后办理时限继续计算；不属于本机关职责的，可转办或不予受理。" }
                            Form.text("on", label: "受理日期", value: today, type: "date")
                        }
                    }
                    form(.assign) {
                        Form.text("assigned_unit", label: "承办单位", value: m.assignedUnit)
                        Form.select("assigned_officer_id", label: "承办人", options: [("", "（不指定）")] + m.handlers.map { (String($0.id), $0.label) }, selected: nil)
                    }
                    if m.status == .accepted {
                        form(.reply, open: true) {
                            Form.textarea("reply", label: "答复内容（来信人凭查询号可见" + (m.publicationAllowed ? "；负责人批准后在网站公开" : "") + "）", rows: 6)
                            Form.text("on", label: "答复日期", value: today, type: "date")
                        }
                    }
                    form(.transfer) {
                        Form.select("agency_id", label: "转至", options: [("", "请选择")] + m.agencies.map { (String($0.id), $0.name) }, selected: nil)
                        Form.textarea("reason", label: "转办理由", rows: 2)
                    }
                    form(.notAccept) {
                        Form.select("reason", label: "原因", options: NotAcceptedReason.allCases.map { ($0.rawValue, $0.chineseLabel) }, selected: nil)
                        Form.textarea("note", label: "告知来信人的说明", rows: 3)
                        Form.text("on", label: "日期", value: today, type: "date")
                    }
                    if m.canConvert {
                        H.p { H.a(.href(SiteURL.messageToRequest(.value(m.id)).path), .class("button")) { "属于政府信息公开申请：转为依申请公开" } }
                    }
                }
                if m.canHandle && m.status.isClosed && m.satisfaction == nil {
                    form(.recordRating) {
                        Form.select("satisfaction", label: "来信人评价", options: Satisfaction.allCases.map { ($0.rawValue, $0.chineseLabel) }, selected: nil)
                        Form.text("on", label: "回访日期", value: today, type: "date")
                        Form.text("note", label: "备注")
                    }
                }
                if m.canApprove && m.publication == .pending {
                    H.h3 { "负责人审批公开" }
                    form(.approvePublication, open: true) {
                        H.p(.class("hint")) { "公开时不显示来信人姓名和电话；下面的内容已隐去来信人姓名、电话号码和身份证号（公开时再次检查），其他个人信息请删改后再批准。" }
                        Form.textarea("published_content", label: "公开的来信内容", value: m.publishedContent ?? m.content, rows: 5)
                        Form.textarea("published_reply", label: "公开的答复", value: m.publishedReply ?? m.reply, rows: 5)
                    }
                    form(.refusePublication) {
                        Form.textarea("reason", label: "理由", rows: 2)
                    }
                }
            }
        }
    }
}
