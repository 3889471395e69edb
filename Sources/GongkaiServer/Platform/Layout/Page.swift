import GongkaiCore

/// Parts shared by the console and the portal.
enum Page {
    /// `printStylesheet`: a document's own print styles (the annual report's official layout).
    static func head(title: String, printStylesheet: String? = nil) -> Node {
        H.head {
            H.meta(Attribute("charset", "utf-8"))
            H.meta(.name("viewport"), Attribute("content", "width=device-width, initial-scale=1"))
            H.title { title }
            H.link(.rel("stylesheet"), .href(SiteURL.asset("app.css").path))
            if let printStylesheet { H.link(.rel("stylesheet"), .href(printStylesheet), Attribute("media", "print")) }
            H.link(.rel("icon"), .href(SiteURL.asset("favicon.svg").path), .type("image/svg+xml"))
        }
    }
}
