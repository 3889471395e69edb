import Fluent
import Foundation
import GongkaiCore

/// Table 二's figures that come from other systems, entered for an agency and year by the form
/// (`value.<cell>`, `source.<cell>`) or imported from CSV. All or nothing; only figures that
/// changed are rewritten, so "who entered it, when" stays true. A report already submitted,
/// approved or published is not changed behind its reviewers' backs.
enum ReportFigureService {
    struct Figure: Equatable {
        var value: Decimal?
        var source: String
    }

    /// The form door: every table-二 cell of the year's format may be sent. The same order as
    /// the other services: may write there (403) → year and every figure valid (422) → the
    /// report still editable (409) → the writes.
    static func save(agencyID: Int, year: Int, fields: FormFields, staff: StaffPrincipal, by actor: AuditActor,
                     on db: any Database) async throws -> Int {
        try checkWrite(agencyID, staff: staff)
        try RequestStatistics.checkYear(year)
        let schema = ReportSchema.of(ReportFormatVersion.inForce(forYear: year)!)
        let cells = tableTwoCells(schema)
        let known = Set(cells.map(\.rawValue))
        if let unknown = fields.names.first(where: { $0.hasPrefix("value.") && !known.contains(String($0.dropFirst("value.".count))) }) {
            throw AppError.validation(["figures": "“\(unknown.dropFirst("value.".count))”不是 \(year) 年格式表二的单元格"])
        }
        var figures: [CellID: Figure] = [:]
        var errors: [String: String] = [:]
        for cell in cells where fields.has("value.\(cell.rawValue)") {
            switch parse(fields["value.\(cell.rawValue)"], cell: cell, source: fields["source.\(cell.rawValue)"], schema: schema) {
            case .success(let figure): figures[cell] = figure
            case .failure(let problem): errors["value.\(cell.rawValue)"] = problem.message
            }
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let batch = [(agencyID, year, figures)]
        return try await db.writeTransaction { tx in
            try await apply(batch, by: actor, on: tx)
        }
    }

    /// The CSV door: `agency_code,year,cell,value,source`, one figure per line, all or nothing.
    static func importCSV(_ text: String, staff: StaffPrincipal, by actor: AuditActor, on db: any Database) async throws -> Int {
        let rows = CSV.parse(text).filter { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        let header = rows.first?.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? []
        let columns = ["agency_code", "year", "cell", "value", "source"]
        guard columns.allSatisfy(header.contains) else {
            throw AppError.validation(["file": "第 1 行应为表头：\(columns.joined(separator: ","))"])
        }
        func column(_ row: [String], _ name: String) -> String {
            let i = header.firstIndex(of: name)!
            return i < row.count ? row[i].trimmingCharacters(in: .whitespaces) : ""
        }
        // Permission first: every agency the file names that exists must be one the user writes for.
        var agencies: [String: Int] = [:]
        for row in rows.dropFirst() {
            let code = column(row, "agency_code").lowercased()
            guard agencies[code] == nil, let agency = try await Agency.query(on: db).filter(\.$code == code).first() else { continue }
            let id = try agency.requireID()
            try checkWrite(id, staff: staff)
            agencies[code] = id
        }
        var batches: [String: (Int, Int, [CellID: Figure])] = [:]
        for (index, row) in rows.dropFirst().enumerated() {
            let line = index + 2
            func fail(_ message: String) -> AppError { AppError.validation(["file": "第 \(line) 行：\(message)"]) }
            let code = column(row, "agency_code").lowercased()
            guard agencies[code] != nil else { throw fail("机构代号“\(code)”不存在") }
            guard let year = Int(column(row, "year")), (try? RequestStatistics.checkYear(year)) != nil else {
                throw fail("年度“\(column(row, "year"))”无效（\(RequestStatistics.firstYear) 年起）")
            }
            let schema = ReportSchema.of(ReportFormatVersion.inForce(forYear: year)!)
            let cell = CellID(column(row, "cell"))
            guard tableTwoCells(schema).contains(cell) else { throw fail("“\(cell.rawValue)”不是 \(year) 年格式表二的单元格") }
            switch parse(column(row, "value"), cell: cell, source: column(row, "source"), schema: schema) {
            case .success(let figure):
                let key = "\(code)|\(year)"
                var batch = batches[key] ?? (agencies[code]!, year, [:])
                guard batch.2[cell] == nil else { throw fail("\(cell.rawValue) 在文件中出现了两次") }
                batch.2[cell] = figure
                batches[key] = batch
            case .failure(let problem): throw fail(problem.message)
            }
        }
        guard !batches.isEmpty else { throw AppError.validation(["file": "文件中只有表头，没有数据"]) }
        let ordered = batches.values.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        return try await db.writeTransaction { tx in
            try await apply(ordered, by: actor, on: tx)
        }
    }

    static func tableTwoCells(_ schema: ReportSchema) -> [CellID] {
        schema.allCells.filter { $0.rawValue.hasPrefix("t2.") }
    }

    struct Problem: Error { let message: String }

    /// A figure as typed: empty clears it; counts are whole numbers, not negative (2019's 本年增/减
    /// may be); amounts have at most 6 decimals; a value needs its source.
    static func parse(_ text: String, cell: CellID, source: String, schema: ReportSchema) -> Result<Figure, Problem> {
        let folded = String(text.map { c -> Character in
            guard let ascii = c.unicodeScalars.first.map(\.value), (0xFF10...0xFF19).contains(ascii) || ascii == 0xFF0E || ascii == 0xFF0D else { return c }
            return Character(UnicodeScalar(ascii - 0xFEE0)!)
        }).replacingOccurrences(of: "，", with: ",")
        guard !folded.isEmpty else { return .success(Figure(value: nil, source: "")) }
        guard source.count <= 200 else { return .failure(Problem(message: "数据来源不能超过 200 个字")) }
        // Commas only as thousands grouping: "1,234" is 1234; "0,5" or "12,34" is not a number.
        if folded.contains(","), folded.range(of: #"^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$"#, options: .regularExpression) == nil {
            return .failure(Problem(message: "“\(text)”不是数字（逗号只能用作千位分隔，如 1,234；小数点请用“.”）"))
        }
        let plain = folded.replacingOccurrences(of: ",", with: "")
        guard plain.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil,
              let value = Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX")) else {
            return .failure(Problem(message: "“\(text)”不是数字"))
        }
        // The bounds the report check reads back from the published HTML and Word (a fee in 万元
        // of at most 9 integer digits and 4 decimals; a count of at most 12 digits).
        let bound = schema.isDecimal(cell) ? #"^-?[0-9]{1,9}(\.[0-9]{1,4})?$"# : #"^-?[0-9]{1,12}(\.[0-9]+)?$"#
        guard plain.range(of: bound, options: .regularExpression) != nil else {
            return .failure(Problem(message: schema.isDecimal(cell) ? "金额（万元）最多 9 位整数、4 位小数" : "件数最多 12 位数字"))
        }
        if value < 0, !schema.allowsNegative(cell) { return .failure(Problem(message: "不能为负数")) }
        if !schema.isDecimal(cell), !value.isWholeNumber { return .failure(Problem(message: "件数应为整数")) }
        guard !source.isEmpty else { return .failure(Problem(message: "请注明数据来源（如：县司法局行政执法统计）")) }
        return .success(Figure(value: value, source: source))
    }

    private static func checkWrite(_ agencyID: Int, staff: StaffPrincipal) throws {
        guard staff.can(.prepareReports, inAgency: agencyID) else { throw AppError.forbidden("您不能填报该机关的年度报告数据") }
    }

    /// Writes the figures that changed, once every report they belong to is known to be editable.
    private static func apply(_ batches: [(Int, Int, [CellID: Figure])], by actor: AuditActor, on tx: any Database) async throws -> Int {
        for (agencyID, year, _) in batches {
            if let report = try await ReportService.find(agencyID: agencyID, year: year, on: tx), !report.status.isEditable {
                throw ReportService.locked(report.status)
            }
        }
        var changed = 0
        for (agencyID, year, figures) in batches {
            let existing = try await ReportFigureEntry.query(on: tx).filter(\.$agency.$id == agencyID).filter(\.$year == year).all()
            let byCell = Dictionary(existing.map { ($0.cell, $0) }, uniquingKeysWith: { a, _ in a })
            for (cell, figure) in figures.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let entry = byCell[cell.rawValue]
                switch (entry, figure.value) {
                case (nil, nil):
                    continue
                case (let entry?, nil):
                    let before = entry.auditSnapshot
                    try await entry.delete(on: tx)
                    try await AuditLog.record(.update, entityType: .reportFigure, entityID: String(entry.id ?? 0),
                                              summary: "清除 \(year) 年表二 \(cell.rawValue)", before: before, after: nil,
                                              agencyID: agencyID, by: actor, on: tx)
                case (let entry?, let value?):
                    guard entry.decimalValue != value || entry.source != figure.source else { continue }
                    let before = entry.auditSnapshot
                    entry.value = value.plain
                    entry.source = figure.source
                    entry.enteredBy = actor.name
                    entry.enteredAt = Date()
                    try await entry.save(on: tx)
                    try await AuditLog.record(.update, entry, summary: "修改 \(year) 年表二 \(cell.rawValue)：\(value.plain)", before: before, by: actor, on: tx)
                case (nil, let value?):
                    let entry = ReportFigureEntry(agencyID: agencyID, year: year, cell: cell, value: value, source: figure.source, by: actor)
                    try await entry.create(on: tx)
                    try await AuditLog.record(.create, entry, summary: "填报 \(year) 年表二 \(cell.rawValue)：\(value.plain)", before: nil, by: actor, on: tx)
                }
                changed += 1
            }
        }
        return changed
    }
}
