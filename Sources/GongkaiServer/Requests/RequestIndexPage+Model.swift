import GongkaiCore

extension RequestIndexPage.Row {
    /// A work-list line. "距期限" counts the working days left to the due date from today.
    init(_ r: DisclosureRequest, officerName: String?, context: RequestContext) throws {
        let running: Set<ClockState.Phase> = [.running, .waitingOnThirdParty, .waitingOnFee]
        var remaining = "—"
        if running.contains(r.status), let due = r.dueOn, due >= context.today,
           let days = try? context.calendar.countWorkingDays(from: context.today.adding(days: 1), through: due) {
            remaining = "\(days) 个工作日"
        }
        self.init(
            id: try r.requireID(), trackingNumber: r.trackingNumber, applicant: r.applicantName,
            description: String(r.description.prefix(40)), channel: r.channel.chineseLabel, receivedOn: r.receivedOn?.iso ?? "待确认",
            phase: r.status, overdue: r.isOverdue(today: context.today),
            dueOn: r.dueOn?.iso ?? (r.receivedOn != nil && r.status != .concluded ? "待定（见详情）" : "—"), remaining: remaining,
            officer: officerName ?? "—")
    }
}
