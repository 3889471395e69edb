import GongkaiCore

/// An agency's disclosure guide (政府信息公开指南, Regulation Art. 12).
enum PortalGuidePage {
    struct Model {
        var agency: PortalLayout.Agency
        var display: DisplayMode
        var paragraphs: [String]
        var officeHours: String
        var contactName: String
        var contactPhone: String
    }

    struct View {
        let model: Model

        func render() -> String {
            let a = model.agency
            return PortalLayout(title: "政府信息公开指南", agency: a, display: model.display, section: .guide) {
                H.article(.class("card guide")) {
                    H.h1 { "\(a.name)政府信息公开指南" }
                    if model.paragraphs.isEmpty {
                        H.p(.class("muted")) { "本机关的政府信息公开指南正在编制中。" }
                    } else {
                        for paragraph in model.paragraphs { H.p { paragraph } }
                    }
                    H.h2 { "政府信息公开工作机构" }
                    H.dl(.class("facts wide")) {
                        if !a.address.isEmpty { H.dt { "地址" }; H.dd { a.address } }
                        if !model.officeHours.isEmpty { H.dt { "办公时间" }; H.dd { model.officeHours } }
                        if !model.contactName.isEmpty { H.dt { "联系人" }; H.dd { model.contactName } }
                        if !model.contactPhone.isEmpty { H.dt { "联系电话" }; H.dd { model.contactPhone } }
                        if !a.contactEmail.isEmpty { H.dt { "电子邮箱" }; H.dd { a.contactEmail } }
                    }
                }
            }.render()
        }
    }
}
