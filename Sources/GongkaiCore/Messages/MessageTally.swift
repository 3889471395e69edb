import Foundation

/// A period of days, both ends included (China Standard Time).
public struct MessagePeriod: Sendable, Equatable, Codable {
    public let from: CivilDate
    public let through: CivilDate

    public init?(from: CivilDate, through: CivilDate) {
        guard from <= through else { return nil }
        self.from = from
        self.through = through
    }

    public static func year(_ year: Int) -> MessagePeriod? {
        guard let a = CivilDate(year: year, month: 1, day: 1), let b = CivilDate(year: year, month: 12, day: 31) else { return nil }
        return MessagePeriod(from: a, through: b)
    }

    public func contains(_ date: CivilDate) -> Bool { date >= from && date <= through }

    /// `2023年1月1日至2023年12月31日`.
    public var chinese: String { "\(from.chinese)至\(through.chinese)" }
}

/// What the figures need of one message (the SQL of `MessageFigures` reads the same columns).
public struct MessageFact: Sendable, Equatable {
    public var channel: String
    public var status: MessageStatus
    public var receivedOn: CivilDate
    public var completedOn: CivilDate?
    public var satisfaction: Satisfaction?
    public var ratedOn: CivilDate?
    public var onTime: Bool?
    public var handlingDays: Int?

    public init(channel: String, status: MessageStatus, receivedOn: CivilDate, completedOn: CivilDate? = nil, satisfaction: Satisfaction? = nil,
                ratedOn: CivilDate? = nil, onTime: Bool? = nil, handlingDays: Int? = nil) {
        self.channel = channel
        self.status = status
        self.receivedOn = receivedOn
        self.completedOn = completedOn
        self.satisfaction = satisfaction
        self.ratedOn = ratedOn
        self.onTime = onTime
        self.handlingDays = handlingDays
    }
}

/// The counts behind a period's figures and the rates defined on them (docs/messages.md):
///
/// - received: messages received in the period (by the day they reached the agency, China
///   Standard Time); messages turned into disclosure requests are counted there, not here;
/// - completed: of those, closed (answered, or not accepted with the reason told) by the last
///   day of the period — so the figures of a past period never change;
/// - open = received − completed;
/// - completion rate = completed / received;
/// - satisfaction rate = (满意 + 基本满意) / rated, where rated = those with a rating recorded by
///   the last day of the period; the share rated (rated / completed) is shown beside it;
/// - on-time rate = closed by the due date / completed whose standing is known: a message
///   has a standing once its due date is known (a reply after it is late without counting the
///   working days to the reply, which may lie in a year whose holiday notice is not out yet), or
///   when it was answered within the known calendar before a due date that lies past it;
/// - average handling = working days from receipt to completion, averaged over the completed
///   whose working days can be counted (both ends in years with a holiday notice) — a
///   different denominator: a message may have one and not the other.
///
/// A rate over nothing (no messages, no ratings) is nil, shown as "—", never 0 % or 100 %.
/// Totals are sums of the per-channel counts, so the stated total always equals the channels' sum.
public struct MessageTally: Sendable, Equatable, Codable {
    public var received = 0
    public var completed = 0
    public var notAccepted = 0
    public var rated = 0
    public var satisfied = 0
    public var basicallySatisfied = 0
    public var dissatisfied = 0
    public var onTime = 0
    /// Completed messages whose on-time standing is known (the denominator of the on-time rate).
    public var onTimeKnown = 0
    public var handlingDaysTotal = 0
    /// Completed messages whose handling days are known (the denominator of the average).
    public var timed = 0

    public init() {}

    public var open: Int { received - completed }

    public static func rate(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }

    public var completionRate: Double? { Self.rate(completed, of: received) }
    public var satisfactionRate: Double? { Self.rate(satisfied + basicallySatisfied, of: rated) }
    /// The share of completed messages that were rated: a rate over few ratings misleads.
    public var ratedShare: Double? { Self.rate(rated, of: completed) }
    public var onTimeRate: Double? { Self.rate(onTime, of: onTimeKnown) }
    public var averageHandlingDays: Double? { timed == 0 ? nil : Double(handlingDaysTotal) / Double(timed) }

    public static func + (a: MessageTally, b: MessageTally) -> MessageTally {
        var t = MessageTally()
        t.received = a.received + b.received
        t.completed = a.completed + b.completed
        t.notAccepted = a.notAccepted + b.notAccepted
        t.rated = a.rated + b.rated
        t.satisfied = a.satisfied + b.satisfied
        t.basicallySatisfied = a.basicallySatisfied + b.basicallySatisfied
        t.dissatisfied = a.dissatisfied + b.dissatisfied
        t.onTime = a.onTime + b.onTime
        t.onTimeKnown = a.onTimeKnown + b.onTimeKnown
        t.handlingDaysTotal = a.handlingDaysTotal + b.handlingDaysTotal
        t.timed = a.timed + b.timed
        return t
    }

    /// The definition above, as a function of the facts: per channel, in the period.
    public static func count(_ facts: [MessageFact], in period: MessagePeriod) -> [String: MessageTally] {
        var byChannel: [String: MessageTally] = [:]
        for f in facts where f.status != .convertedToRequest && period.contains(f.receivedOn) {
            var t = byChannel[f.channel] ?? MessageTally()
            t.received += 1
            if f.status.isClosed, let done = f.completedOn, done <= period.through {
                t.completed += 1
                if f.status == .notAccepted { t.notAccepted += 1 }
                if let onTime = f.onTime { t.onTimeKnown += 1; if onTime { t.onTime += 1 } }
                if let days = f.handlingDays { t.handlingDaysTotal += days; t.timed += 1 }
                if let s = f.satisfaction, let rated = f.ratedOn, rated <= period.through {
                    t.rated += 1
                    switch s {
                    case .satisfied: t.satisfied += 1
                    case .basicallySatisfied: t.basicallySatisfied += 1
                    case .dissatisfied: t.dissatisfied += 1
                    }
                }
            }
            byChannel[f.channel] = t
        }
        return byChannel
    }

    /// The sum over channels: the only way a total is made.
    public static func total(_ byChannel: [String: MessageTally]) -> MessageTally {
        byChannel.values.reduce(MessageTally(), +)
    }

    /// `99.87%` (rounded half up to two decimals), or `—` for a rate over nothing. A rate is a
    /// quotient of counts, and the double nearest 627/800 = 0.78375 is below it (× 10,000 gives
    /// 7837.4999…): the product is first taken to the nearest 10⁻⁹ of a hundredth, which for any
    /// count under 500 million is closer to the true quotient than to any other, then rounded.
    public static func percent(_ rate: Double?) -> String {
        guard let rate else { return "—" }
        let scaled = ((rate * 10_000) * 1e9).rounded() / 1e9
        return format(hundredths: Int(scaled.rounded(.toNearestOrAwayFromZero)))
    }

    /// `part / whole` as a percentage rounded half up to two decimals, in integers:
    /// hundredths of a percent = (part × 10,000 × 2 + whole) ÷ (2 × whole). 627/800 → `78.38%`.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        let sign = part < 0 ? -1 : 1
        return format(hundredths: sign * ((abs(part) * 20_000 + whole) / (2 * whole)))
    }

    private static func format(hundredths: Int) -> String {
        let sign = hundredths < 0 ? "-" : "", h = abs(hundredths)
        let fraction = h % 100
        return "\(sign)\(h / 100).\(fraction < 10 ? "0" : "")\(fraction)%"
    }
}
