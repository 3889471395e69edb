import GongkaiCore

enum Pagination {
    static func node(page: Int, pageCount: Int, base: String, query: [String: String]) -> Node {
        guard pageCount > 1 else { return .empty }
        func link(_ p: Int) -> String {
            var q = query.filter { !$0.value.isEmpty }
            q["page"] = String(p)
            return base + "?" + q.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")" }
                .joined(separator: "&")
        }
        return H.nav(.class("pagination"), .aria("label", "分页")) {
            if page > 1 { H.a(.href(link(page - 1))) { "上一页" } }
            H.span { "第 \(page) / \(pageCount) 页" }
            if page < pageCount { H.a(.href(link(page + 1))) { "下一页" } }
        }
    }
}
