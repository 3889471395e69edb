import Vapor

/// 适老化: the portal's large-text mode, chosen with a link (no JavaScript) and kept in a cookie.
enum DisplayMode: String, Sendable, CaseIterable {
    case standard
    case large

    static let cookieName = "gongkai_display"

    static func of(_ req: Request) -> DisplayMode {
        req.cookies[cookieName]?.string == DisplayMode.large.rawValue ? .large : .standard
    }
}
