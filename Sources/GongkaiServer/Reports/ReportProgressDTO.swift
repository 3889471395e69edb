import GongkaiCore
import Vapor

/// One agency's report status on a year, as the staff API lists them.
struct ReportProgressDTO: Content {
    var agencyId: Int
    var agencyName: String
    var reportId: Int?
    var year: Int
    var status: ReportStatus
    var dueOn: String
    var isLate: Bool
    var publishedOn: String?
    var publishedVersion: Int?

    init(_ row: ReportProgress, year: Int, today: CivilDate) {
        agencyId = row.agencyID
        agencyName = row.agencyName
        reportId = row.reportID
        self.year = year
        status = row.status
        dueOn = row.dueOn.iso
        isLate = row.isLate(today: today)
        publishedOn = row.publishedOn?.iso
        publishedVersion = row.publishedVersion
    }
}
