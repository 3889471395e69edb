import GongkaiCore

/// Parts shared by the request pages.
enum RequestViews {
    static func phaseBadge(_ phase: ClockState.Phase, overdue: Bool) -> Node {
        H.span(.class("phase \(overdue ? "overdue" : phase.rawValue)")) { overdue ? "已逾期" : phase.chineseLabel }
    }

    static func outcomeOptions(selected: String?) -> Node {
        H.fragment {
            H.option(.value("")) { "请选择办理结果" }
            for group in RequestOutcome.Group.allCases {
                H.optgroup(Attribute("label", group.chineseLabel)) {
                    for outcome in RequestOutcome.allCases where outcome.group == group {
                        H.option(.value(outcome.rawValue), .when(outcome.rawValue == selected, .selected)) { outcome.reportLabel }
                    }
                }
            }
        }
    }
}
