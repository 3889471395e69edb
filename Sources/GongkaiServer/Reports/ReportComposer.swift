import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// Makes an agency's report on a year from the records: tables 三 and 四 by `RequestStatistics`
/// (over the agency, or its subtree for a county-wide report), table 二 from the entered figures
/// (summed over the subtree; a normative-document cell an agency left empty counted from the
/// publications register when it keeps such documents there), the written sections with live figures resolved, the fee
/// statement from the paid fee notices, and the readiness check against last year's published
/// report.
enum ReportComposer {
    static func compose(agency: Agency, year: Int, record: AgencyReport?, deadlines: ReportDeadlineRules,
                        on db: any Database) async throws -> ComposedReport {
        let agencyID = try agency.requireID()
        let includeSubtree = record?.includeSubtree ?? false
        let agencyIDs = includeSubtree ? try await AgencyTree.subtreeIDs(of: [agencyID], on: db) : [agencyID]
        var report = try await RequestStatistics.report(agencyIDs: agencyIDs, year: year, on: db)
        report.issuer = agency.name

        let register = try await PublicationFigures.reportPart(agencyIDs: agencyIDs, year: year, on: db)
        let two = try await tableTwo(agencyIDs: agencyIDs, year: year, schema: report.schema, register: register, on: db)
        let (figures, sources, missingAgencies, registerFindings) = (two.figures, two.sources, two.silent, two.overruled)
        for (cell, value) in figures { report.cells[cell] = value }

        let paid = try await paidFees(agencyIDs: agencyIDs, year: year, on: db)
        var values = LiveFigure.fromTables(report)
        if let published = register.published, let interpretations = register.interpretations {
            values[.publications] = String(published)
            values[.interpretations] = String(interpretations)
        }
        values[.feesCollected] = String(paid.reduce(0, +))
        values.merge(LiveFigure.fromMessages(try await messageTally(agencyIDs: agencyIDs, year: year, on: db))) { $1 }
        var unresolved: [String] = []
        for (section, text) in record?.writtenSections ?? [:] {
            let rendered = LiveText.render(text, values: values)
            report.sections[section] = rendered.text
            unresolved += rendered.unresolved
        }

        let previous = try await PublishedReportQuery.latest(agencyID: agencyID, year: year - 1, on: db)?.document.report
        var readiness = ReportReadiness.of(report, unresolved: unresolved, previous: previous, paidFees: paid)
        readiness.warnings += registerFindings
        if !missingAgencies.isEmpty {
            readiness.warnings.append(Finding(
                rule: .missingCell, severity: .warning, actual: missingAgencies.joined(separator: "、"),
                message: "汇总范围内有 \(missingAgencies.count) 个机关没有填报表二数据（\(missingAgencies.prefix(5).joined(separator: "、"))\(missingAgencies.count > 5 ? "等" : "")），表二合计可能偏小",
                location: .init(table: "表二", row: "汇总")))
        }
        return ComposedReport(
            agency: agency, year: year, record: record, scope: includeSubtree ? .subtree : .agency, agencyIDs: agencyIDs,
            report: report, liveValues: values, unresolved: unresolved, readiness: readiness, figureSources: sources,
            feeStatement: FeeStatement.text(paidAmounts: paid),
            dueOn: deadlines.dueOn(reportYear: year, kind: agency.kind, level: agency.governmentLevel))
    }

    /// Where table 二's normative-document rows come from when the agencies publish here.
    static let registerSource = "公开信息登记（自动统计）"

    /// Table 二, art20_1 (2021 format): the columns the register counts.
    static let registerColumns: [(column: String, value: @Sendable (PublicationFigures.Normative) -> Int)] = [
        ("issued_this_year", { $0.issuedThisYear }), ("repealed_this_year", { $0.repealedThisYear }), ("in_force", { $0.inForce }),
    ]

    /// The year's public messages (政民互动) over the report's agencies, as the messages pages count them.
    static func messageTally(agencyIDs: [Int], year: Int, on db: any Database) async throws -> MessageTally {
        guard let first = CivilDate(year: year, month: 1, day: 1), let last = CivilDate(year: year, month: 12, day: 31) else {
            return MessageTally()
        }
        return try await MessageFigures.query(agencyIDs: agencyIDs, from: first, through: last, on: db).total
    }

    /// Table 二 of the agencies: what each entered, summed; an art20_1 cell (2021 format) an
    /// agency left empty is counted from the publications register when the agency keeps
    /// documents of that kind there. What an agency entered wins — the register may not hold its
    /// older documents — and a warning says where the two differ. With where each figure comes
    /// from and the agencies that entered nothing.
    static func tableTwo(agencyIDs: [Int], year: Int, schema: ReportSchema, register: PublicationFigures.ReportPart,
                         on db: any Database) async throws
        -> (figures: [CellID: Decimal], sources: [CellID: ComposedReport.FigureSource], silent: [String], overruled: [Finding])
    {
        var (figures, sources, silent, entries) = try await entered(agencyIDs: agencyIDs, year: year, schema: schema, on: db)
        guard schema.version == .v2021 else { return (figures, sources, silent, []) }
        var differing: [Finding] = []
        for (row, byAgency) in [("rules", register.rules), ("normative_docs", register.normativeDocuments)] where !byAgency.isEmpty {
            for (column, value) in registerColumns {
                let cell = CellID.t2("art20_1", row, column)
                let typed = Dictionary(entries.filter { $0.cell == cell.rawValue }.compactMap { e in e.decimalValue.map { (e.$agency.id, $0) } },
                                       uniquingKeysWith: { a, _ in a })
                let counted = byAgency.filter { typed[$0.key] == nil }.values.map(value).reduce(0, +)
                for (agency, n) in byAgency {
                    if let typedValue = typed[agency], typedValue != Decimal(value(n)) {
                        differing.append(Finding(
                            rule: .missingCell, severity: .warning, cells: [cell], expected: String(value(n)), actual: typedValue.plain,
                            message: "表二 \(cell.rawValue) 填报为 \(typedValue.plain)，公开信息登记统计为 \(value(n))：以填报为准，请核对",
                            location: .init(table: "表二", row: "第二十条第（一）项")))
                    }
                }
                guard byAgency.keys.contains(where: { typed[$0] == nil }) else { continue }
                let total = Decimal(counted) + (figures[cell] ?? 0)
                figures[cell] = total
                sources[cell] = .init(value: total, source: typed.isEmpty ? registerSource : registerSource + "与填报的合计",
                                      enteredBy: "系统", enteredAt: Date())
            }
        }
        return (figures, sources, silent, differing)
    }

    /// Table 二 as entered: each cell summed over the agencies (a cell nobody entered stays
    /// missing), where each figure came from, the agencies that entered nothing, and the entries.
    static func entered(agencyIDs: [Int], year: Int, schema: ReportSchema, on db: any Database) async throws
        -> ([CellID: Decimal], [CellID: ComposedReport.FigureSource], [String], [ReportFigureEntry])
    {
        let entries = try await ReportFigureEntry.query(on: db).filter(\.$agency.$id ~~ agencyIDs).filter(\.$year == year).all()
        let cells = Set(schema.allCells.filter { $0.rawValue.hasPrefix("t2.") })
        var sums: [CellID: Decimal] = [:]
        var sources: [CellID: ComposedReport.FigureSource] = [:]
        var contributors: [CellID: Int] = [:]
        for entry in entries {
            let cell = CellID(entry.cell)
            guard cells.contains(cell), let value = entry.decimalValue else { continue }
            sums[cell, default: 0] += value
            contributors[cell, default: 0] += 1
            if let known = sources[cell], known.enteredAt > entry.enteredAt {
                sources[cell]!.value = sums[cell]!
            } else {
                sources[cell] = .init(value: sums[cell]!, source: entry.source, enteredBy: entry.enteredBy, enteredAt: entry.enteredAt)
            }
        }
        var silent: [String] = []
        if agencyIDs.count > 1 {
            for cell in sources.keys where contributors[cell, default: 0] > 1 {
                sources[cell]!.source = "\(contributors[cell]!) 个机关填报的合计"
            }
            let entered = Set(entries.map(\.$agency.id))
            let missing = agencyIDs.filter { !entered.contains($0) }
            if !missing.isEmpty {
                silent = try await Agency.query(on: db).filter(\.$id ~~ missing).sort(\.$name).all().map(\.shortName)
            }
        }
        return (sums, sources, silent, entries)
    }

    /// The information processing fees paid in the year (yuan, one amount per notice).
    static func paidFees(agencyIDs: [Int], year: Int, on db: any Database) async throws -> [Int] {
        let rows = try await db.requireSQL().raw("""
            SELECT f.amount FROM request_fee_notices f JOIN disclosure_requests r ON r.id = f.request_id
            WHERE r.agency_id IN (\(binds: agencyIDs)) AND f.paid_on >= \(bind: "\(year)-01-01") AND f.paid_on <= \(bind: "\(year)-12-31")
            """).all()
        return try rows.map { try $0.decode(column: "amount", as: Int.self) }
    }
}
