import GongkaiCore

/// One published reply, as approved: no name, no phone.
enum PortalReplyPage {
    struct Model {
        var agency: PortalLayout.Agency
        var subject: String
        var kind: String
        var channel: String
        var receivedOn: String
        var completedOn: String
        var content: String
        var reply: String
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return PortalLayout(title: m.subject, agency: m.agency) {
                H.p(.class("breadcrumb")) { H.a(.href(SiteURL.publishedReplies(.value(m.agency.code)).path)) { "答复选登" }; " › "; m.subject }
                H.article(.class("card")) {
                    H.h1 { m.subject }
                    H.p(.class("muted")) { "\(m.kind) · \(m.channel) · 收到 \(m.receivedOn) · 答复 \(m.completedOn)" }
                    H.h2 { "来信内容" }
                    H.blockquote(.class("reply")) { m.content }
                    H.h2 { "答复" }
                    H.blockquote(.class("reply")) { m.reply }
                }
            }.render()
        }
    }
}
