import GongkaiCore

enum PortalApplyDonePage {
    static func render(agency: PortalLayout.Agency, trackingNumber: String) -> String {
        PortalLayout(title: "申请已提交", agency: agency) {
            H.section(.class("card")) {
                H.h1 { "申请已提交" }
                H.p { "您的查询号：" ; H.strong(.class("tracking")) { trackingNumber } }
                H.p { "请记下查询号。工作人员将与您确认收到申请之日，答复期限自该日起算。" }
                H.p { H.a(.href(SiteURL.track.path), .class("button")) { "查询办理进度" } }
            }
        }.render()
    }
}
