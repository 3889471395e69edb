import Testing
@testable import GongkaiCore

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

@Suite("Message figures: the rate definitions on their edge cases")
struct MessageTallyTests {
    let year2023 = MessagePeriod.year(2023)!

    func fact(_ status: MessageStatus = .completed, channel: String = "12345热线", received: String = "2023-05-06", completed: String? = "2023-05-08",
              rating: Satisfaction? = nil, rated: String? = nil, onTime: Bool? = true, days: Int? = 2) -> MessageFact {
        MessageFact(channel: channel, status: status, receivedOn: d(received), completedOn: completed.map(d), satisfaction: rating,
                    ratedOn: rated.map(d) ?? (rating == nil ? nil : completed.map(d)), onTime: onTime, handlingDays: days)
    }

    @Test func theSeedsHotlineFiguresGiveItsRates() {
        // 12345: 7,518 received, 7,508 completed, 10 open (the seed's 99.87 %)
        var facts = Array(repeating: fact(), count: 7_508)
        facts += Array(repeating: fact(.accepted, completed: nil, onTime: nil, days: nil), count: 10)
        facts += Array(repeating: fact(channel: "县长信箱"), count: 98) + Array(repeating: fact(channel: "政务服务网"), count: 191)
            + Array(repeating: fact(channel: "微信公众号"), count: 14)
        let byChannel = MessageTally.count(facts, in: year2023)
        let total = MessageTally.total(byChannel)
        #expect(byChannel["12345热线"]?.received == 7_518)
        #expect(byChannel["12345热线"]?.open == 10)
        #expect(MessageTally.percent(byChannel["12345热线"]?.completionRate) == "99.87%")
        // the total is the channels' sum: 7,821, not the 7,807 the seed states
        #expect(total.received == 7_821)
        #expect(total.received == byChannel.values.map(\.received).reduce(0, +))
        #expect(total.completed + total.open == total.received)
    }

    @Test func noRatingsGiveNoSatisfactionRateNotZeroOrHundred() {
        let t = MessageTally.total(MessageTally.count([fact(), fact()], in: year2023))
        #expect(t.completed == 2)
        #expect(t.rated == 0)
        #expect(t.satisfactionRate == nil)
        #expect(t.ratedShare == 0)
        #expect(MessageTally.percent(t.satisfactionRate) == "—")
        #expect(MessageTally.percent(t.completionRate) == "100.00%")
    }

    @Test func allOpenGivesZeroCompletionAndNoOtherRates() {
        let open = [fact(.received, completed: nil, onTime: nil, days: nil), fact(.accepted, completed: nil, onTime: nil, days: nil)]
        let t = MessageTally.total(MessageTally.count(open, in: year2023))
        #expect(t.received == 2 && t.completed == 0 && t.open == 2)
        #expect(t.completionRate == 0)
        #expect(t.satisfactionRate == nil && t.ratedShare == nil && t.onTimeRate == nil && t.averageHandlingDays == nil)
        #expect(MessageTally.total(MessageTally.count([], in: year2023)).completionRate == nil)
    }

    @Test func satisfactionCountsSatisfiedAndBasicallySatisfiedOverTheRated() {
        let facts = [fact(rating: .satisfied), fact(rating: .basicallySatisfied), fact(rating: .dissatisfied), fact(rating: .satisfied), fact()]
        let t = MessageTally.total(MessageTally.count(facts, in: year2023))
        #expect(t.rated == 4 && t.satisfied == 2 && t.basicallySatisfied == 1 && t.dissatisfied == 1)
        #expect(t.satisfactionRate == 0.75)
        #expect(t.ratedShare == 0.8)
    }

    @Test func aPeriodCrossingAYearEnd() {
        // received 2023-12-30, closed 2024-01-03 and rated 2024-01-04
        let crossing = fact(received: "2023-12-30", completed: "2024-01-03", rating: .satisfied, rated: "2024-01-04")
        let january = fact(received: "2024-01-10", completed: "2024-01-11")
        let facts = [crossing, january, fact(received: "2023-11-30", completed: "2023-12-01")]
        // December to January: both received in it, both closed and the rating given by its end
        let winter = MessageTally.total(MessageTally.count(facts, in: MessagePeriod(from: d("2023-12-01"), through: d("2024-01-31"))!))
        #expect(winter.received == 2 && winter.completed == 2 && winter.rated == 1)
        // the year 2023, as at its last day: the December message was still open
        let y2023 = MessageTally.total(MessageTally.count(facts, in: year2023))
        #expect(y2023.received == 2 && y2023.completed == 1 && y2023.open == 1 && y2023.rated == 0)
        // 2024 counts only what it received
        let y2024 = MessageTally.total(MessageTally.count(facts, in: MessagePeriod.year(2024)!))
        #expect(y2024.received == 1 && y2024.completed == 1)
        #expect(MessagePeriod(from: d("2024-01-02"), through: d("2024-01-01")) == nil)
    }

    @Test func notAcceptedIsClosedAndConvertedIsCountedElsewhere() {
        let facts = [fact(.notAccepted), fact(.convertedToRequest, completed: nil), fact()]
        let t = MessageTally.total(MessageTally.count(facts, in: year2023))
        #expect(t.received == 2 && t.completed == 2 && t.notAccepted == 1)
    }

    @Test func onTimeAndAverageHandling() {
        let facts = [fact(onTime: true, days: 2), fact(onTime: false, days: 20), fact(onTime: true, days: 5)]
        let t = MessageTally.total(MessageTally.count(facts, in: year2023))
        #expect(t.onTime == 2 && t.timed == 3)
        #expect(MessageTally.percent(t.onTimeRate) == "66.67%")
        #expect(t.averageHandlingDays == 9)
    }
}
