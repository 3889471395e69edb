/// The level of a people's government, which decides when its annual report is due.
public enum GovernmentLevel: String, Sendable, Codable, CaseIterable {
    case county, prefecture, province

    public var chineseLabel: String {
        switch self {
        case .county: return "县级"
        case .prefecture: return "设区的市级"
        case .province: return "省级"
        }
    }
}

/// When an agency's report on a year is due (statute §2.8, the 2021 format notice, and Regulation
/// Art. 49): county-level departments and townships report by 31 January; the county's
/// disclosure office aggregates them and publishes the county report by 20 February; a prefecture
/// by 10 March; a province by 31 March (Art. 49's own limit for governments). Configurable,
/// since provinces set their own calendars.
public struct ReportDeadlineRules: Sendable, Equatable {
    public struct MonthDay: Sendable, Equatable {
        public var month: Int
        public var day: Int
        public init(_ month: Int, _ day: Int) {
            self.month = month
            self.day = day
        }

        /// `01-31`; 29 February is refused (it is not a date every year).
        public init?(text: String) {
            let parts = text.split(separator: "-")
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let month = Int(parts[0]), let day = Int(parts[1]),
                  CivilDate(year: 2025, month: month, day: day) != nil else { return nil }
            self.init(month, day)
        }
    }

    public var departmentsAndTownships = MonthDay(1, 31)
    public var county = MonthDay(2, 20)
    public var prefecture = MonthDay(3, 10)
    public var province = MonthDay(3, 31)

    public init() {}

    /// The due date of the report on `year` (it falls in the next year).
    public func dueOn(reportYear year: Int, kind: AgencyKind, level: GovernmentLevel) -> CivilDate {
        let day: MonthDay
        switch kind {
        case .government:
            switch level {
            case .county: day = county
            case .prefecture: day = prefecture
            case .province: day = province
            }
        case .department, .township, .other:
            day = departmentsAndTownships
        }
        return CivilDate(year: year + 1, month: day.month, day: day.day) ?? CivilDate(year: year + 1, month: 3, day: 31)!
    }

    /// "每年1月31日前" and the like, for the pages.
    public func basis(kind: AgencyKind, level: GovernmentLevel) -> String {
        switch (kind, level) {
        case (.government, .county): return "县级人民政府汇总本行政区域报告后发布（2021年格式通知）"
        case (.government, .prefecture): return "设区的市级人民政府汇总后发布（2021年格式通知）"
        case (.government, .province): return "条例第四十九条：每年3月31日前"
        default: return "条例第四十九条及2021年格式通知：部门和乡镇每年1月31日前"
        }
    }
}
