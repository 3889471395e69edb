import GongkaiCore

/// The receipt of a letter: its tracking number and when the answer is due.
enum PortalMailboxDonePage {
    struct Model {
        var agency: PortalLayout.Agency
        var trackingNumber: String
        var dueOn: CivilDate?
        var days: Int
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return PortalLayout(title: "来信已提交", agency: m.agency) {
                H.section(.class("card")) {
                    H.h1 { "来信已提交" }
                    H.p { "您的查询号："; H.strong(.class("tracking")) { m.trackingNumber } }
                    H.p {
                        "请记下查询号。我们将在 \(m.days) 个工作日内答复" + (m.dueOn.map { "（\($0.chinese)前）" } ?? "")
                        + "，届时凭查询号和联系电话后 4 位查看答复并评价。"
                    }
                    H.p { H.a(.href(SiteURL.messageTrack.path), .class("button")) { "查询答复" } }
                }
            }.render()
        }
    }
}
