import GongkaiCore

/// Parts shared by the console and the portal.
enum Page {
    static func head(title: String) -> Node {
        H.head {
            H.meta(Attribute("charset", "utf-8"))
            H.meta(.name("viewport"), Attribute("content", "width=device-width, initial-scale=1"))
            H.title { title }
            H.link(.rel("stylesheet"), .href(SiteURL.asset("app.css").path))
            H.link(.rel("icon"), .href(SiteURL.asset("favicon.svg").path), .type("image/svg+xml"))
        }
    }
}
