import GongkaiCore

/// An agency's public home page: its disclosure guide, its contacts, the agencies below it.
enum PortalHomePage {
    struct Model {
        var agency: PortalLayout.Agency
        var kind: AgencyKind
        var officeHours: String
        var contactName: String
        var contactPhone: String
        var guideParagraphs: [String]
        var parent: (name: String, code: String)?
        var children: [(kind: AgencyKind, name: String, code: String)]
    }

    struct View {
        let model: Model

        func render() -> String {
            let a = model.agency
            return PortalLayout(title: "政府信息公开", agency: a) {
                if let parent = model.parent {
                    H.p(.class("breadcrumb")) { H.a(.href(SiteURL.agencyHome(.value(parent.code)).path)) { parent.name }; " › "; a.name }
                }
                H.div(.class("portal-grid")) {
                    H.section(.class("card guide")) {
                        H.h1 { "政府信息公开指南" }
                        if model.guideParagraphs.isEmpty {
                            H.p(.class("muted")) { "本机关的政府信息公开指南正在编制中。" }
                        } else {
                            for paragraph in model.guideParagraphs { H.p { paragraph } }
                        }
                    }
                    H.aside(.class("card contacts")) {
                        H.h2 { "依申请公开" }
                        H.p {
                            H.a(.href(SiteURL.apply(.value(a.code)).path), .class("button primary")) { "在线申请" }
                            " "
                            H.a(.href(SiteURL.track.path), .class("button")) { "查询办理进度" }
                        }
                        H.h2 { "来信" }
                        H.p {
                            H.a(.href(SiteURL.mailbox(.value(a.code)).path), .class("button")) { "写信" }
                            " "
                            H.a(.href(SiteURL.messageTrack.path), .class("button")) { "查询答复" }
                            " "
                            H.a(.href(SiteURL.publishedReplies(.value(a.code)).path)) { "答复选登" }
                        }
                        H.h2 { "政府信息公开工作年度报告" }
                        H.p {
                            // The county's page lists every agency's reports; an agency's page its own.
                            H.a(.href(SiteURL.publicReports(year: nil, agency: model.parent == nil ? nil : a.code).path)) {
                                model.parent == nil ? "历年年度报告（本级及下属机关）" : "本机关历年年度报告"
                            }
                        }
                        H.h2 { "政府信息公开工作机构" }
                        H.dl {
                            if !a.address.isEmpty { H.dt { "地址" }; H.dd { a.address } }
                            if !model.officeHours.isEmpty { H.dt { "办公时间" }; H.dd { model.officeHours } }
                            if !a.phone.isEmpty { H.dt { "电话" }; H.dd { a.phone } }
                            if !model.contactName.isEmpty { H.dt { "联系人" }; H.dd { model.contactName } }
                            if !model.contactPhone.isEmpty { H.dt { "联系电话" }; H.dd { model.contactPhone } }
                            if !a.contactEmail.isEmpty { H.dt { "电子邮箱" }; H.dd { a.contactEmail } }
                        }
                    }
                }
                for kind in AgencyKind.allCases {
                    let group = model.children.filter { $0.kind == kind }
                    if !group.isEmpty {
                        H.section(.class("card")) {
                            H.h2 { kind == .township ? "乡镇（街道）政府信息公开" : kind == .department ? "部门政府信息公开" : "其他单位" }
                            H.ul(.class("agency-links")) {
                                for child in group { H.li { H.a(.href(SiteURL.agencyHome(.value(child.code)).path)) { child.name } } }
                            }
                        }
                    }
                }
            }.render()
        }
    }
}
