import GongkaiCore

/// A topic column (专题专栏) and what it holds.
enum PortalTopicPage {
    struct Model {
        var display: DisplayMode
        var agency: PortalLayout.Agency
        var name: String
        var description: String
        var openedOn: CivilDate
        var items: [PortalListQuery.Item]
        var total: Int
        var capped: Bool
        var page: Int
        var id: Int
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return PortalLayout(title: m.name, agency: m.agency, display: m.display, section: .catalogue) {
                H.h1 { m.name }
                if !m.description.isEmpty { H.p { m.description } }
                H.p(.class("muted")) { "开设于 \(m.openedOn.chinese)" }
                PortalViews.countLine(total: m.total, capped: m.capped)
                PortalViews.list(m.items, showAgency: true)
                Pagination.node(page: m.page, pageCount: max(1, (m.total + PortalListQuery.pageSize - 1) / PortalListQuery.pageSize),
                                base: SiteURL.portalTopic(.value(m.id)).path, query: [:])
            }.render()
        }
    }
}
