import Foundation
import GongkaiCore
import Vapor

/// `gongkai messages stats --json`: the keys the annual report's draft reads (#12).
struct MessageStatsJSON: Codable, Sendable {
    var received: Int
    var completed: Int
    var open: Int
    var byChannel: [String: Int]
    var rated: Int
    var satisfied: Int
    var basicallySatisfied: Int
    var dissatisfied: Int
    /// Fractions in [0, 1]; null when there is nothing to divide by.
    var completionRate: Double?
    var satisfactionRate: Double?

    init(_ f: MessageFigures) {
        let t = f.total
        received = t.received
        completed = t.completed
        open = t.open
        byChannel = f.byChannel
        rated = t.rated
        satisfied = t.satisfied
        basicallySatisfied = t.basicallySatisfied
        dissatisfied = t.dissatisfied
        completionRate = t.completionRate
        satisfactionRate = t.satisfactionRate
    }

    enum CodingKeys: String, CodingKey {
        case received, completed, open, byChannel, rated, satisfied, basicallySatisfied, dissatisfied, completionRate, satisfactionRate
    }

    /// Nulls are written, not left out: every key is always there.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(received, forKey: .received)
        try c.encode(completed, forKey: .completed)
        try c.encode(open, forKey: .open)
        try c.encode(byChannel, forKey: .byChannel)
        try c.encode(rated, forKey: .rated)
        try c.encode(satisfied, forKey: .satisfied)
        try c.encode(basicallySatisfied, forKey: .basicallySatisfied)
        try c.encode(dissatisfied, forKey: .dissatisfied)
        try c.encode(completionRate, forKey: .completionRate)
        try c.encode(satisfactionRate, forKey: .satisfactionRate)
    }
}

extension MessageStatsJSON: Content {}
