import GongkaiCore

/// The figures of a period: totals (the sum of the channels), the rates with the share rated
/// beside the satisfaction rate, the channels, and the months as a chart and a table.
enum MessageFiguresPage {
    struct Model {
        var context: ConsoleContext
        var scope: MessageFiguresScope
        var figures: MessageFigures
    }

    struct View {
        let model: Model

        func render() -> String {
            let f = model.figures, s = model.scope, t = f.total
            let pct: (Double?) -> String = MessageTally.percent
            return ConsoleLayout(title: "政民互动统计", context: model.context) {
                H.form(.method("get"), .action(SiteURL.messageFigures.path), .class("card inline-fields")) {
                    Form.select("agency_id", label: "机关", options: s.choices.map { (String($0.0), $0.1) }, selected: String(s.agencyID))
                    Form.text("from", label: "起始日期", value: s.from.iso, type: "date")
                    Form.text("through", label: "截止日期", value: s.through.iso, type: "date")
                    H.div(.class("field")) {
                        H.label { H.input(.type("checkbox"), .name("subtree"), .value("1"), .when(s.includeSubtree, .checked)); " 含下属机关（汇总）" }
                    }
                    H.div(.class("actions")) { H.button(.type("submit"), .class("primary")) { "统计" } }
                }
                H.p(.class("muted")) {
                    "\(f.period.chinese)收到的来信（按收到之日，北京时间），办结以期末前办结计；满意率 =（满意 + 基本满意）÷ 已评价件数。定义见 docs/messages.md。"
                }
                if s.includeSubtree && s.unseenAgencies > 0 {
                    // Summed over the agencies the user may see only: said, so it is not read as the whole subtree.
                    H.p(.class("warning-box")) { "只汇总您有权查看的机关：下属机关中另有 \(s.unseenAgencies) 个不在您的查看范围内，其来信未计入。" }
                }
                H.section(.class("card")) {
                    H.h2 { "总体情况" }
                    H.dl(.class("facts")) {
                        H.dt { "收到" }; H.dd { "\(t.received) 件（各渠道之和）" }
                        H.dt { "已办结" }; H.dd { "\(t.completed) 件" + (t.notAccepted > 0 ? "（其中不予受理 \(t.notAccepted) 件）" : "") }
                        H.dt { "未办结" }; H.dd { "\(t.open) 件" }
                        H.dt { "办结率" }; H.dd { pct(t.completionRate) }
                        H.dt { "满意率" }; H.dd { "\(pct(t.satisfactionRate))（已评价 \(t.rated) 件，占已办结的 \(pct(t.ratedShare))：满意 \(t.satisfied)，基本满意 \(t.basicallySatisfied)，不满意 \(t.dissatisfied)）" }
                        // Two denominators (MessageTally): a reply after a known due date is late even where
                        // its working days cannot be counted yet (a year without a holiday notice).
                        H.dt { "按期办结率" }; H.dd { "\(pct(t.onTimeRate))（按期情况可判定的已办结 \(t.onTimeKnown) 件，按期 \(t.onTime) 件）" }
                        H.dt { "平均办理用时" };
                        H.dd {
                            (t.averageHandlingDays.map { String(format: "%.1f 个工作日", $0) } ?? "—")
                                + (t.timed < t.completed ? "（按可计算用时的 \(t.timed) 件；其余缺少节假日安排）" : "")
                        }
                    }
                    H.p(.class("hint")) {
                        "可直接引用的表述：共收到群众来信来电 \(t.received) 件（" + f.channels.filter { $0.tally.received > 0 }.map { "\($0.name) \($0.tally.received) 件" }.joined(separator: "、")
                        + "），已办结 \(t.completed) 件，未办结 \(t.open) 件，办结率 \(pct(t.completionRate))，满意率 \(pct(t.satisfactionRate))（已评价 \(t.rated) 件）。"
                    }
                }
                H.section(.class("card")) {
                    H.h2 { "按渠道" }
                    H.div(.class("table-scroll")) {
                        H.table(.class("list")) {
                            H.thead { H.tr { for h in ["渠道", "收到", "已办结", "未办结", "办结率", "已评价", "满意率", "按期办结率"] { H.th { h } } } }
                            H.tbody {
                                for c in f.channels {
                                    H.tr {
                                        H.td { c.name }; H.td { String(c.tally.received) }; H.td { String(c.tally.completed) }; H.td { String(c.tally.open) }
                                        H.td { pct(c.tally.completionRate) }; H.td { String(c.tally.rated) }; H.td { pct(c.tally.satisfactionRate) }
                                        H.td { pct(c.tally.onTimeRate) }
                                    }
                                }
                            }
                            H.tfoot {
                                H.tr {
                                    H.th { "合计" }; H.th { String(t.received) }; H.th { String(t.completed) }; H.th { String(t.open) }
                                    H.th { pct(t.completionRate) }; H.th { String(t.rated) }; H.th { pct(t.satisfactionRate) }; H.th { pct(t.onTimeRate) }
                                }
                            }
                        }
                    }
                }
                H.section(.class("card chart-card")) {
                    H.h2 { "按月：收到及其中已办结" }
                    H.div(.class("chart-and-table")) {
                        H.figure {
                            MessageChart.svg(f.months, title: "\(f.period.chinese)每月收到及其中已办结件数")
                            H.figcaption { H.span(.class("key received")) { "收到" }; " "; H.span(.class("key completed")) { "其中已办结" } }
                        }
                        H.table(.class("list")) {
                            H.caption { "每月件数" }
                            H.thead { H.tr { H.th { "月份" }; H.th { "收到" }; H.th { "其中已办结" } } }
                            H.tbody { for m in f.months { H.tr { H.td { m.month }; H.td { String(m.received) }; H.td { String(m.completed) } } } }
                        }
                    }
                }
            }.render()
        }
    }
}
