import GongkaiCore

/// An agency's public home page (the county's is the portal's home): the newest publications,
/// the three categories, policy interpretations, topic columns, how to apply, the agencies below.
enum PortalHomePage {
    struct Model {
        var agency: PortalLayout.Agency
        var display: DisplayMode
        var kind: AgencyKind
        var officeHours: String
        var contactName: String
        var contactPhone: String
        var parent: (name: String, code: String)?
        var children: [(kind: AgencyKind, name: String, code: String)]
        var latest: [PortalListQuery.Item]
        var byCategory: [(category: PublicationCategory, items: [PortalListQuery.Item])]
        var interpretations: [PortalListQuery.Item]
        var topics: [(id: Int, name: String)]
        /// Whether the lists cover the agencies below (the county's home).
        var coversSubtree: Bool
    }

    struct View {
        let model: Model

        func render() -> String {
            let a = model.agency
            let scope = model.coversSubtree ? "" : "?agency=\(a.code)"
            return PortalLayout(title: "政府信息公开", agency: a, display: model.display, section: .home) {
                if let parent = model.parent {
                    H.p(.class("breadcrumb")) { H.a(.href(SiteURL.agencyHome(.value(parent.code)).path)) { parent.name }; " › "; a.name }
                }
                H.h1(.class("visually-hidden")) { "\(a.name)政府信息公开" }
                H.div(.class("portal-grid")) {
                    H.section(.class("card latest")) {
                        H.h2 { "最新公开" }
                        if model.latest.isEmpty { H.p(.class("muted")) { "暂无主动公开的信息。" } }
                        PortalViews.list(model.latest, showAgency: model.coversSubtree)
                        H.p(.class("more")) { H.a(.href(SiteURL.portalPublications.path + scope)) { "信息公开目录 ›" } }
                    }
                    H.aside(.class("card contacts")) {
                        H.h2 { "依申请公开" }
                        H.p {
                            H.a(.href(SiteURL.apply(.value(a.code)).path), .class("button primary")) { "在线申请" }
                            " "
                            H.a(.href(SiteURL.track.path), .class("button")) { "查询办理进度" }
                        }
                        H.ul(.class("quick-links")) {
                            H.li { H.a(.href(SiteURL.guide(.value(a.code)).path)) { "政府信息公开指南" } }
                            H.li { H.a(.href(SiteURL.normativeDocuments.path + scope)) { "规章和行政规范性文件" } }
                            H.li { H.a(.href(SiteURL.standardCatalogues.path + scope)) { "公开事项标准目录" } }
                            H.li { H.a(.href(SiteURL.agencyFeed(.value(a.code)).path)) { "订阅（Atom）" } }
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
                            if !model.contactPhone.isEmpty && model.contactPhone != a.phone { H.dt { "联系电话" }; H.dd { model.contactPhone } }
                            if !a.contactEmail.isEmpty { H.dt { "电子邮箱" }; H.dd { a.contactEmail } }
                        }
                    }
                }
                H.div(.class("category-grid")) {
                    for (category, items) in model.byCategory {
                        H.section(.class("card")) {
                            H.h2 { category.chineseLabel + "信息" }
                            if items.isEmpty { H.p(.class("muted")) { "暂无。" } }
                            PortalViews.list(items)
                            H.p(.class("more")) {
                                H.a(.href(SiteURL.portalPublications.path + PortalViews.query(["category": category.rawValue, "agency": model.coversSubtree ? nil : a.code]))) { "更多 ›" }
                            }
                        }
                    }
                    H.section(.class("card")) {
                        H.h2 { "政策解读" }
                        if model.interpretations.isEmpty { H.p(.class("muted")) { "暂无。" } }
                        PortalViews.list(model.interpretations)
                    }
                }
                if !model.topics.isEmpty {
                    H.section(.class("card")) {
                        H.h2 { "专题专栏" }
                        H.ul(.class("topic-links")) {
                            for topic in model.topics { H.li { H.a(.href(SiteURL.portalTopic(.value(topic.id)).path)) { topic.name } } }
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
