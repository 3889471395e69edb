import GongkaiCore

/// The monthly chart of received and completed messages as SVG drawn on the server: no
/// JavaScript, colours from app.css classes (no inline styles), a title and description for
/// screen readers, and the numbers in a table beside it.
enum MessageChart {
    static let width = 720
    static let height = 240
    static let left = 44
    static let bottom = 28
    static let top = 12

    static func svg(_ months: [MessageFigures.Month], title: String) -> Node {
        let maximum = max(1, months.map { max($0.received, $0.completed) }.max() ?? 1)
        let scale = niceCeiling(maximum)
        let plotHeight = height - bottom - top
        let slot = months.isEmpty ? 0 : (width - left - 8) / months.count
        let bar = max(2, slot * 2 / 5)
        func y(_ v: Int) -> Int { top + plotHeight - v * plotHeight / scale }
        var parts: [Node] = [
            H.element("title", [.id("chart-title")], [.text(title)]),
            H.element("desc", [.id("chart-desc")], [.text("每月收到（深色）及其中到期末已办结（浅色）的件数；具体数字见旁边的表格。")]),
        ]
        for tick in [0, scale / 2, scale] {
            parts.append(H.element("line", [.class("grid"), Attribute("x1", "\(left)"), Attribute("x2", "\(width - 4)"),
                                            Attribute("y1", "\(y(tick))"), Attribute("y2", "\(y(tick))")], []))
            parts.append(H.element("text", [.class("axis"), Attribute("x", "\(left - 6)"), Attribute("y", "\(y(tick) + 4)"),
                                            Attribute("text-anchor", "end")], [.text(String(tick))]))
        }
        for (i, m) in months.enumerated() {
            let x = left + i * slot + (slot - 2 * bar) / 2
            parts.append(H.element("rect", [.class("received"), Attribute("x", "\(x)"), Attribute("y", "\(y(m.received))"),
                                            Attribute("width", "\(bar)"), Attribute("height", "\(max(0, top + plotHeight - y(m.received)))")],
                                   [H.element("title", [], [.text("\(m.month) 收到 \(m.received)")])]))
            parts.append(H.element("rect", [.class("completed"), Attribute("x", "\(x + bar)"), Attribute("y", "\(y(m.completed))"),
                                            Attribute("width", "\(bar)"), Attribute("height", "\(max(0, top + plotHeight - y(m.completed)))")],
                                   [H.element("title", [], [.text("\(m.month) 其中已办结 \(m.completed)")])]))
            let label = months.count > 12 ? String(m.month.suffix(5)) : "\(Int(m.month.suffix(2)) ?? 0)月"
            parts.append(H.element("text", [.class("axis"), Attribute("x", "\(left + i * slot + slot / 2)"), Attribute("y", "\(height - 8)"),
                                            Attribute("text-anchor", "middle")], [.text(label)]))
        }
        return H.element("svg", [.class("chart"), Attribute("viewBox", "0 0 \(width) \(height)"), Attribute("role", "img"),
                                 .aria("labelledby", "chart-title chart-desc"), Attribute("xmlns", "http://www.w3.org/2000/svg")], parts)
    }

    /// 1, 2, 5 × 10ⁿ at or above the value: round gridlines.
    static func niceCeiling(_ value: Int) -> Int {
        var step = 1
        while true {
            for f in [1, 2, 5] where f * step >= value { return max(2, f * step) }
            step *= 10
        }
    }
}
