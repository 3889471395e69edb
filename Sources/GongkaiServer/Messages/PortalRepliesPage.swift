import GongkaiCore

/// Replies the office head approved for publication, newest first.
enum PortalRepliesPage {
    struct Model {
        var agency: PortalLayout.Agency
        var total: Int
        var page: Int
        var items: [(id: Int, subject: String, kind: String, receivedOn: String, completedOn: String)]
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return PortalLayout(title: "答复选登", agency: m.agency) {
                H.h1 { "来信答复选登" }
                H.p(.class("hint")) { "经来信人同意并经审核公开，已隐去来信人姓名和联系方式。" }
                H.p { H.a(.href(SiteURL.mailbox(.value(m.agency.code)).path), .class("button primary")) { "我要写信" } }
                if m.items.isEmpty { H.p(.class("muted")) { "暂无公开的答复。" } }
                H.ul(.class("agency-links")) {
                    for item in m.items {
                        H.li {
                            H.a(.href(SiteURL.publishedReply(.value(m.agency.code), .value(item.id)).path)) { item.subject }
                            H.small(.class("muted")) { "　\(item.kind) · 收到 \(item.receivedOn) · 答复 \(item.completedOn)" }
                        }
                    }
                }
                Pagination.node(page: m.page, pageCount: max(1, (m.total + 19) / 20), base: SiteURL.publishedReplies(.value(m.agency.code)).path, query: [:])
            }.render()
        }
    }
}
