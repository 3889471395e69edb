import Foundation
import GongkaiCore

/// Where one agency's report on a year stands, as a supervising office's dashboard shows it.
struct ReportProgress {
    var agencyID: Int
    var agencyName: String
    var agencyKind: AgencyKind
    /// Depth below the first agency listed, for indenting.
    var depth: Int
    var reportID: Int?
    var status: ReportStatus
    var dueOn: CivilDate
    var publishedOn: CivilDate?
    var publishedVersion: Int?
    var returnComment: String

    /// Not published by its due date (still open, or published after it).
    func isLate(today: CivilDate) -> Bool {
        if let publishedOn { return publishedOn > dueOn }
        return today > dueOn
    }

    /// 已发布 · 逾期 and the like.
    func label(today: CivilDate) -> String {
        guard isLate(today: today) else { return status.chineseLabel }
        return status == .published ? "已发布（逾期）" : "\(status.chineseLabel) · 逾期"
    }

    /// Days left until the due date (negative once passed).
    func daysLeft(today: CivilDate) -> Int { dueOn.dayNumber - today.dayNumber }
}
