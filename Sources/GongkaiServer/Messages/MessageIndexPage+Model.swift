import GongkaiCore

extension MessageIndexPage.Row {
    /// A work-list line; the sender's name and phone are masked in lists.
    init(_ m: PublicMessage, agencyName: String, today: CivilDate) throws {
        self.init(
            id: try m.requireID(), reference: m.reference, channel: m.channelName, kind: m.kind.chineseLabel, subject: String(m.subject.prefix(40)),
            sender: m.senderName.isEmpty ? "—" : Masking.name(m.senderName) + (m.senderPhone.isEmpty ? "" : " " + Masking.phone(m.senderPhone)),
            receivedOn: m.receivedOn.iso, status: m.status, overdue: m.isOverdue(today: today), dueOn: m.status.isOpen ? (m.dueOn?.iso ?? "—") : "—",
            agency: agencyName)
    }
}
