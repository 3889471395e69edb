import GongkaiCore
import Vapor

enum ErrorPage {
    struct Model {
        var status: HTTPResponseStatus
        var message: String
        var requestID: String
    }

    struct View {
        let model: Model

        func render() -> String {
            PortalLayout(title: "出错了", agency: nil) {
                H.section(.class("card error-page")) {
                    H.h1 { model.status == .notFound ? "页面不存在" : model.status == .forbidden ? "无权访问" : "无法完成请求" }
                    H.p { model.message }
                    H.p(.class("muted")) { "错误代码 \(model.status.code) · 请求编号 \(model.requestID)" }
                    H.p { H.a(.href(SiteURL.home.path)) { "返回首页" } }
                }
            }.render()
        }
    }
}
