import GongkaiCore

/// What the message clock needs from the installation.
struct MessageContext: Sendable {
    var calendar: WorkingDayCalendar
    var today: CivilDate
    /// The platform's defaults; an agency's own rules are added by `MessageChannels.limits`.
    var limits: MessageTimeLimits
    var dueSoonDays: Int
}
