import GongkaiCore

/// Why the open requests' clocks are refreshed, so that a due date that moves is explained in
/// the history and the audit log by what moved it.
enum ClockRefreshReason: Sendable {
    /// Holiday data was imported or replaced.
    case holidayChange
    /// Days passed (`gongkai serve` at start and every hour): a pause that lapsed, the estimate
    /// of a receipt not yet recorded, or a setting or holiday year changed by another instance.
    case passingDays

    var eventKind: RequestEventKind { self == .holidayChange ? .deadlineRecomputed : .deadlineUpdated }

    func summary(from old: CivilDate?, to new: CivilDate?) -> String {
        let change = "答复期限由 \(old?.iso ?? "无") 改为 \(new?.iso ?? "无")"
        switch self {
        case .holidayChange: return "节假日安排变更，\(change)"
        case .passingDays: return "按当日情况重新计算（含尚未登记的收到日期的估算），\(change)"
        }
    }
}
