import Foundation
import GongkaiCore
import Vapor

/// The figures as the API gives them: the stats keys of the CLI, and the rest.
struct MessageFiguresDTO: Content {
    struct Channel: Content {
        var name: String
        var received: Int
        var completed: Int
        var open: Int
        var rated: Int
        var completionRate: Double?
        var satisfactionRate: Double?
    }

    struct Month: Content {
        var month: String
        var received: Int
        var completed: Int
    }

    var agencyIds: [Int]
    var from: CivilDate
    var through: CivilDate
    var stats: MessageStatsJSON
    var notAccepted: Int
    var ratedShare: Double?
    var onTimeRate: Double?
    var averageHandlingDays: Double?
    var channels: [Channel]
    var months: [Month]

    init(_ f: MessageFigures) {
        agencyIds = f.agencyIDs
        from = f.period.from
        through = f.period.through
        stats = MessageStatsJSON(f)
        notAccepted = f.total.notAccepted
        ratedShare = f.total.ratedShare
        onTimeRate = f.total.onTimeRate
        averageHandlingDays = f.total.averageHandlingDays
        channels = f.channels.map { Channel(name: $0.name, received: $0.tally.received, completed: $0.tally.completed, open: $0.tally.open,
                                            rated: $0.tally.rated, completionRate: $0.tally.completionRate, satisfactionRate: $0.tally.satisfactionRate) }
        months = f.months.map { Month(month: $0.month, received: $0.received, completed: $0.completed) }
    }
}
