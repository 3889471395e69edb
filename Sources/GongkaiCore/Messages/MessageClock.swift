import Foundation

/// One rule of an agency's time limits: a channel kind, a message kind, or both; nil matches any.
public struct MessageTimeLimitRule: Sendable, Equatable, Codable {
    public var channel: MessageChannelKind?
    public var kind: MessageKind?
    public var days: Int

    public init(channel: MessageChannelKind?, kind: MessageKind?, days: Int) {
        self.channel = channel
        self.kind = kind
        self.days = days
    }

    /// `县长信箱类·投诉`, `咨询（所有渠道）`.
    public var chineseLabel: String {
        switch (channel, kind) {
        case let (c?, k?): return "\(c.chineseLabel)·\(k.chineseLabel)"
        case let (c?, nil): return "\(c.chineseLabel)（所有类型）"
        case let (nil, k?): return "\(k.chineseLabel)（所有渠道）"
        case (nil, nil): return "所有渠道和类型"
        }
    }
}

/// How many working days a message may take, by channel and kind. The platform's defaults are
/// settings; an agency's own rules (rows in the database) come first, the most specific winning.
public struct MessageTimeLimits: Sendable, Equatable {
    /// The platform default (settings): 15 working days, the common promise of a 县长信箱.
    public var defaultDays: Int
    /// Consultations are answered faster (settings): 5 working days by default.
    public var consultationDays: Int
    public var rules: [MessageTimeLimitRule]

    public init(defaultDays: Int = 15, consultationDays: Int = 5, rules: [MessageTimeLimitRule] = []) {
        self.defaultDays = defaultDays
        self.consultationDays = consultationDays
        self.rules = rules
    }

    /// The limit and where it comes from, in words for the explanation.
    public func limit(channel: MessageChannelKind, kind: MessageKind) -> (days: Int, basis: String) {
        let candidates = [
            rules.first { $0.channel == channel && $0.kind == kind },
            rules.first { $0.channel == channel && $0.kind == nil },
            rules.first { $0.channel == nil && $0.kind == kind },
            rules.first { $0.channel == nil && $0.kind == nil },
        ]
        if let rule = candidates.compactMap({ $0 }).first {
            return (rule.days, "本机关规定：\(rule.chineseLabel) \(rule.days) 个工作日")
        }
        if kind == .consultation { return (consultationDays, "平台默认：咨询类 \(consultationDays) 个工作日") }
        return (defaultDays, "平台默认：\(defaultDays) 个工作日")
    }
}

/// What the clock needs to know about a message.
public struct MessageTimeline: Sendable, Equatable {
    /// The day the message reached the agency now handling it (China Standard Time).
    public var receivedOn: CivilDate
    /// When transferred in: the day this agency received it from the other; its period runs from then.
    public var transferredOn: CivilDate?
    public var transferredFrom: String?
    public var limitDays: Int
    public var limitBasis: String
    /// The day it was answered and closed (or closed as not accepted).
    public var completedOn: CivilDate?

    public init(receivedOn: CivilDate, transferredOn: CivilDate? = nil, transferredFrom: String? = nil, limitDays: Int, limitBasis: String,
                completedOn: CivilDate? = nil) {
        self.receivedOn = receivedOn
        self.transferredOn = transferredOn
        self.transferredFrom = transferredFrom
        self.limitDays = limitDays
        self.limitBasis = limitBasis
        self.completedOn = completedOn
    }

    /// The period starts the day the handling agency got the message.
    public var startOn: CivilDate { transferredOn ?? receivedOn }
}

/// Where a message stands against its time limit, and why (the same explanations as the request clock).
public struct MessageClockState: Sendable, Equatable {
    public var startOn: CivilDate
    public var dueOn: CivilDate?
    public var periodDays: Int
    /// Working days counted by today (open) or by the completion day (closed).
    public var countedDays = 0
    public var remainingDays: Int?
    public var isDueSoon = false
    public var isOverdue = false
    /// For a closed message: whether it was closed by its due date.
    public var completedOnTime: Bool?
    /// For a closed message: working days from the start to the completion day.
    public var handlingDays: Int?
    public var notes: [ClockNote] = []
    public var days: [ClockDay] = []
    /// Why the due date cannot be computed (a year without a holiday schedule).
    public var problem: String?
}

/// A message's time limit on the working-day calendar (the request clock's shape, without its
/// statutory pauses): due `limitDays` working days after the day the handling agency received
/// it, counted by the installation's convention; due soon within `dueSoonDays` working days.
/// Pure: the same timeline and day give the same answer on every screen and in the figures.
public enum MessageClock {
    public static func evaluate(_ t: MessageTimeline, calendar: WorkingDayCalendar, today: CivilDate, dueSoonDays: Int = 2) -> MessageClockState {
        var state = MessageClockState(startOn: t.startOn, periodDays: t.limitDays)
        func note(_ date: CivilDate?, _ text: String, warning: Bool = false) {
            state.notes.append(ClockNote(date: date, text: text, isWarning: warning))
        }
        if let from = t.transferredOn {
            note(t.receivedOn, "收到来信（来电）")
            note(from, "\(t.transferredFrom.map { "由\($0)" } ?? "")转来本机关办理，办理时限自转来之日起算")
        } else {
            note(t.receivedOn, "收到来信（来电），办理时限自此起算")
        }
        note(t.startOn, "办理时限 \(t.limitDays) 个工作日（\(t.limitBasis)；\(calendar.convention.chineseLabel)）")
        do {
            let due = try calendar.addingWorkingDays(t.limitDays, to: t.startOn)
            state.dueOn = due
            note(due, "办理期限：\(due.chinese)（\(due.chineseWeekday)）")
            let end = t.completedOn ?? today
            // Past the due date the reading may reach a year without a holiday notice (a reply
            // or today in it): the days up to the due date are read, the standing still known.
            if let days = try? explain(from: t.startOn, through: max(due, min(end, due.adding(days: 366))), calendar: calendar) {
                state.days = days
            } else {
                state.days = try explain(from: t.startOn, through: due, calendar: calendar)
            }
            if let done = t.completedOn {
                let onTime = done <= due
                state.completedOnTime = onTime
                state.handlingDays = try? calendar.workingDaysElapsed(since: t.startOn, asOf: max(done, t.startOn))
                state.countedDays = state.handlingDays ?? 0
                note(
                    done,
                    "办结，" + (state.handlingDays.map { "用时 \($0) 个工作日" } ?? "用时暂无法计算（缺少节假日安排）")
                        + (onTime ? "，在期限内" : "，超过办理期限"), warning: !onTime)
            } else {
                let counted = try? calendar.workingDaysElapsed(since: t.startOn, asOf: max(today, t.startOn))
                state.countedDays = counted ?? 0
                state.remainingDays = counted.map { max(0, t.limitDays - $0) }
                if today > due {
                    state.isOverdue = true
                    let late = try? calendar.countWorkingDays(from: due.adding(days: 1), through: today)
                    note(today, "已超过办理期限" + (late.map { " \($0) 个工作日" } ?? "（超过的工作日数缺少节假日安排，暂无法计算）"), warning: true)
                } else if due <= dueSoonThrough(today: today, dueSoonDays: dueSoonDays, calendar: calendar) {
                    state.isDueSoon = true
                    note(today, "即将到期（\(dueSoonDays) 个工作日内）", warning: true)
                }
            }
        } catch {
            state.problem = (error as? LocalizedError)?.errorDescription ?? "\(error)"
            note(nil, "无法计算办理期限：\(state.problem!)", warning: true)
            // Answered within the known calendar: on time whatever the due date turns out to be.
            let known = summary(t, calendar: calendar)
            if let done = t.completedOn, let days = known.handlingDays, let onTime = known.onTime {
                state.handlingDays = days
                state.countedDays = days
                state.completedOnTime = onTime
                note(done, "办结，用时 \(days) 个工作日" + (onTime ? "，在期限内（期限晚于已公布的节假日安排）" : "，超过办理期限"), warning: !onTime)
            }
        }
        state.notes = state.notes.enumerated()
            .sorted { ($0.element.date?.dayNumber ?? .max, $0.offset) < ($1.element.date?.dayNumber ?? .max, $1.offset) }
            .map(\.element)
        return state
    }

    /// The last due date that is due soon today (`WorkingDayCalendar.dueSoonThrough`).
    public static func dueSoonThrough(today: CivilDate, dueSoonDays: Int, calendar: WorkingDayCalendar) -> CivilDate {
        calendar.dueSoonThrough(today: today, workingDays: dueSoonDays)
    }

    /// What the lists and figures store, without the explanation (imports compute it per row):
    /// the due date, and for a closed message its handling days and whether it was on time.
    /// Nil where the calendar has no data for the dates.
    public static func summary(_ t: MessageTimeline, calendar: WorkingDayCalendar) -> (dueOn: CivilDate?, handlingDays: Int?, onTime: Bool?) {
        let due = try? calendar.addingWorkingDays(t.limitDays, to: t.startOn)
        guard let done = t.completedOn else { return (due, nil, nil) }
        let days = try? calendar.workingDaysElapsed(since: t.startOn, asOf: max(done, t.startOn))
        if let due { return (due, days, done <= due) }
        // The due date lies past the last holiday notice, but an answer whose working days can
        // be counted came within the known calendar, before every day the due date can be: on
        // time, and its handling days count (a December answer must not leave the year's figures
        // for want of the next year's notice; review 12h). Only when the start day's year is
        // known: otherwise the unknown days lie before the answer (received 2018-12-31, answered
        // after a due date in 2019), and the count says nothing about the due date (review 12i).
        guard calendar.knownYears.contains(t.startOn.year) else { return (nil, nil, nil) }
        return (nil, days, days.map { $0 <= t.limitDays })
    }

    /// The day-by-day reading, as the request clock gives it.
    static func explain(from start: CivilDate, through end: CivilDate, calendar: WorkingDayCalendar) throws -> [ClockDay] {
        var days: [ClockDay] = []
        var counted = 0
        var date = start
        if calendar.convention == .startDayIncluded, try calendar.isWorkingDay(start) {
            counted = 1
            days.append(ClockDay(date: start, kind: .counted, countedAs: 1, note: "收到之日，起算日计入"))
        } else {
            days.append(ClockDay(date: start, kind: .start, countedAs: nil, note: "收到之日"))
        }
        while date < end {
            date = date.adding(days: 1)
            let entry = calendar.schedule.entries[date]
            if try calendar.isWorkingDay(date) {
                counted += 1
                days.append(ClockDay(date: date, kind: .counted, countedAs: counted, note: entry?.designation == .workday ? "\(entry!.name)调休上班" : nil))
            } else if entry?.designation == .holiday {
                days.append(ClockDay(date: date, kind: .holiday, countedAs: nil, note: entry?.name))
            } else {
                days.append(ClockDay(date: date, kind: .weekend, countedAs: nil, note: nil))
            }
        }
        return days
    }
}
