import GongkaiCore

/// The portal of a platform nobody has set up yet.
enum PortalWelcomePage {
    static func render() -> String {
        PortalLayout(title: "公开 · 政府信息公开工作平台", agency: nil) {
            H.section(.class("card")) {
                H.h1 { "平台尚未初始化" }
                H.p { "请查看启动服务时命令行输出的一次性初始化链接，或运行 gongkai user create 创建第一个管理员；也可运行 gongkai demo 载入演示数据。" }
            }
        }.render()
    }
}
