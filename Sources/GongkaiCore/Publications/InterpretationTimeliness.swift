/// Policy interpretation (政策解读) published with the policy (“同步起草、同步审签、同步发布”).
/// Local rules allow at most 3 working days after the policy (statute §5.1, the national limit is
/// UNCONFIRMED); the number is a setting. A policy that needs an interpretation is flagged when
/// none is published by then, and an interpretation published later is counted as late.
public enum InterpretationTimeliness {
    public static let defaultWorkingDays = 3

    /// The last day an interpretation of a policy published on `policyPublishedOn` is on time.
    public static func due(policyPublishedOn: CivilDate, workingDays: Int, calendar: WorkingDayCalendar) throws -> CivilDate {
        try calendar.addingWorkingDays(workingDays, to: policyPublishedOn)
    }

    public enum Standing: String, Sendable, Equatable, Codable {
        /// Published on or before the due date.
        case onTime = "on_time"
        /// Published after the due date.
        case late
        /// None published yet, due date not passed.
        case pending
        /// None published and the due date has passed.
        case missing

        public var chineseLabel: String {
            switch self {
            case .onTime: return "同步发布"
            case .late: return "解读滞后"
            case .pending: return "待发布解读"
            case .missing: return "缺少解读"
            }
        }
    }

    /// The standing of a policy's interpretation: `interpretationPublishedOn` is the first
    /// interpretation's publication date, nil when none is published.
    public static func standing(policyPublishedOn: CivilDate, interpretationPublishedOn: CivilDate?, today: CivilDate,
                                workingDays: Int, calendar: WorkingDayCalendar) throws -> Standing {
        // N working days span at least N calendar days: an interpretation published within them
        // is on time whatever the calendar, also in a year it does not hold (cold review 11o L5).
        if let published = interpretationPublishedOn, published <= policyPublishedOn.adding(days: max(workingDays, 0)) { return .onTime }
        let due = try due(policyPublishedOn: policyPublishedOn, workingDays: workingDays, calendar: calendar)
        if let published = interpretationPublishedOn { return published <= due ? .onTime : .late }
        return today > due ? .missing : .pending
    }
}

/// The form of a policy interpretation.
public enum InterpretationForm: String, Sendable, Codable, CaseIterable {
    case text, graphic, video

    public var chineseLabel: String {
        switch self {
        case .text: return "文字解读"
        case .graphic: return "图文解读"
        case .video: return "视频解读"
        }
    }
}
