import Foundation

/// A report file as given to the checker.
public struct ReportFile: Sendable {
    public enum Kind: String, Sendable, Codable {
        case text, html, docx
    }

    public let name: String
    public let data: Data
    public let kind: Kind

    /// The kind from the file name, or from the first bytes when the name says nothing.
    public init(name: String, data: Data, kind: Kind? = nil) {
        self.name = name
        self.data = data
        self.kind = kind ?? ReportFile.kind(name: name, data: data)
    }

    public static func kind(name: String, data: Data) -> Kind {
        switch (name as NSString).pathExtension.lowercased() {
        case "html", "htm", "shtml", "xhtml": return .html
        case "docx": return .docx
        case "txt", "text", "csv", "tsv", "md": return .text
        default:
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
            let head = String(decoding: data.prefix(1024), as: UTF8.self).lowercased()
            return head.contains("<html") || head.contains("<!doctype") || head.contains("<table") || head.contains("<body") ? .html : .text
        }
    }

    /// Extensions read by the checker (PDF goes through `pdftotext` outside the core: `PDFTextChoice`).
    public static let readableExtensions: Set<String> = ["txt", "text", "html", "htm", "shtml", "xhtml", "docx", "tsv", "csv", "md"]
}

/// Why a file could not be read at all (the checker's only failure: anything it can read gets a
/// result, however few numbers it finds).
public struct ReportReadError: Error, Equatable, LocalizedError {
    public let message: String
    public init(message: String) { self.message = message }
    public var errorDescription: String? { message }
}

/// What the checker read and found: metadata, every cell of the format (nil when missing), the
/// repairs it made, the findings and the checks that held.
public struct ReportCheckResult: Sendable, Codable {
    public struct MissingCell: Sendable, Codable, Equatable {
        public let cell: CellID
        public let reason: String
    }

    public var source: String
    public var sourceKind: ReportFile.Kind
    /// Nil when the format could not be recognised or is not supported (see findings, rule U1).
    public var formatVersion: ReportFormatVersion?
    public var year: Int?
    public var issuer: String?
    public var sectionsFound: [ReportSection]
    public var tablesFound: [String]
    public var cells: [String: Decimal?]
    public var missingCells: [MissingCell]
    public var repairs: [Repair]
    public var findings: [Finding]
    public var passed: [PassedCheck]
    /// Relations assumed to read some cells (digits run together, a lost value); the rules
    /// named here are not counted as passed where they were assumed.
    public var assumptions: [Assumption] = []
    /// The format in force for the report's year (2021 for 2021 onward), when the year is known;
    /// differs from `formatVersion` when the report prints a superseded format (finding V1).
    public var expectedFormatVersion: ReportFormatVersion?

    /// The issuer for people: the name, or 未能确定 when the report does not state it.
    public var issuerText: String { issuer ?? "未能确定" }

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }

    /// The report as read, for year-over-year checks and renderers.
    public var report: AnnualReport?

    enum CodingKeys: String, CodingKey {
        case source, sourceKind, formatVersion, year, issuer, sectionsFound, tablesFound, cells, missingCells, repairs, findings, passed
        case assumptions, expectedFormatVersion
    }

    /// Every key is always present: a value that could not be determined is `null` (an issuer
    /// the report does not state, a year or format not recognised), never an absent key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(sourceKind, forKey: .sourceKind)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(year, forKey: .year)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(sectionsFound, forKey: .sectionsFound)
        try c.encode(tablesFound, forKey: .tablesFound)
        try c.encode(cells, forKey: .cells)
        try c.encode(missingCells, forKey: .missingCells)
        try c.encode(repairs, forKey: .repairs)
        try c.encode(findings, forKey: .findings)
        try c.encode(passed, forKey: .passed)
        try c.encode(assumptions, forKey: .assumptions)
        try c.encode(expectedFormatVersion, forKey: .expectedFormatVersion)
    }
}

/// 报告体检: reads a published annual report and says what does not add up.
public enum ReportChecker {
    /// Files larger than this are refused with a message (a report is tens of kilobytes).
    public static let maxBytes = 20 * 1024 * 1024

    /// Checks a file; with last year's report (see `report(from:)`) also the year-over-year rules.
    public static func check(_ file: ReportFile, previous: AnnualReport? = nil) throws -> ReportCheckResult {
        var result = check(normalized: try normalizedText(file), source: file.name, kind: file.kind)
        if let previous, let report = result.report {
            let yoy = CrossChecks.yearOverYear(report, previous: previous)
            result.findings += yoy.findings
            result.passed += yoy.passed
            let (finding, share) = NarrativeChecks.repetition(current: report, previous: previous)
            if let finding { result.findings.append(finding) } else {
                result.passed.append(PassedCheck(rule: "Y1", checked: 1,
                                                 message: "与上一年度报告相同的句子占 \(Int((share * 100).rounded()))%，未超过一半"))
            }
        }
        return result
    }

    /// The report a file holds, read without checking it (last year's report, for comparison);
    /// nil when it is not a report in a supported format.
    public static func report(from file: ReportFile) throws -> AnnualReport? {
        read(try normalizedText(file)).report
    }

    /// Text beyond this is refused before it is read: a report's text is tens of kilobytes (a
    /// PDF's with its layout a few hundred), and reading is roughly linear only up to a point —
    /// a 10 MB upload of table-like lines took minutes and gigabytes (review 10k H4, M3).
    public static let maxTextBytes = 1024 * 1024
    /// Lines beyond this are refused too: a report's layout text has a few thousand, and 2 MB of
    /// `（一）予以公开` / `1` lines (174,000) took 35 s in a debug build.
    public static let maxLines = 20_000
    /// A longer run of digits is no figure nor any row of glued figures (a table 三 row glued
    /// whole is under 60 digits, a whole table glued a few hundred): such text is refused before
    /// any splitting, which costs more the longer the run (review 10k H4: 10 MB of one row).
    public static let maxDigitRun = 2_000

    /// Why a text is not read, or nil: too large, or a run of digits no table holds.
    public static func refusal(ofText text: String) -> String? {
        var text = text
        if text.utf8.count > maxTextBytes { return sizeRefusal(text.utf8.count) }
        return text.withUTF8 { refusal(of: TextShape($0)) }
    }

    private static func sizeRefusal(_ bytes: Int) -> String {
        // The bytes too: just over the limit, "约 1.0 MB" against a limit of 1 MB says nothing.
        let size = String(format: "%.1f", Double(bytes) / 1_048_576)
        return "报告文字过多（\(bytes) 字节，约 \(size) MB；年度报告通常不到 0.1 MB），"
            + "超出报告体检的读取上限（\(maxTextBytes / 1024 / 1024) MB，即 \(maxTextBytes) 字节），未作检查"
    }

    /// Why a text no larger than the limit is not read, or nil: too many lines, or a run of digits no table holds.
    private static func refusal(of shape: TextShape) -> String? {
        if shape.lines > maxLines {
            return "报告有 \(shape.lines) 行，远多于任何年度报告（通常不到几千行），超出报告体检的读取上限（\(maxLines) 行），未作检查"
        }
        if shape.longestDigitRun > maxDigitRun {
            return "文件中有一串 \(shape.longestDigitRun) 位的数字，远长于任何表格行（一行连在一起的数字不过几十位），无法读取，未作检查"
        }
        return nil
    }

    /// What refusing a text looks at — its lines and its longest run of digits — and whether its
    /// bytes are valid UTF-8 at all (a file's bytes, not yet decoded), in one pass over them.
    private struct TextShape {
        var lines = 0
        var longestDigitRun = 0
        /// False for bytes that are no UTF-8 text: then the counts are of the bytes up to the first
        /// invalid one only.
        var isValidUTF8 = true

        init(_ b: UnsafeBufferPointer<UInt8>) {
            // A line ends where the normaliser ends one (`ReportText.normalize`): LF, CR, CR LF, form
            // feed, NEL, U+2028, U+2029; a last line without its end counts as well (review 10l L3, L4).
            // ASCII digits and full-width ones (EF BC 90…99), which the normaliser makes digits.
            var lines = 0, longest = 0, run = 0, i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                // A CJK ideograph (lead byte and two continuation bytes), most of a report:
                // neither a digit nor a line feed. Asked first.
                if c >= 0xE4 && c <= 0xE9 {
                    guard i + 2 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80 else {
                        isValidUTF8 = false
                        break
                    }
                    run = 0
                    i += 3
                    continue
                }
                if c >= 0x30 && c <= 0x39 {
                    run += 1
                    i += 1
                } else if c == 0xEF, i + 2 < n, b[i + 1] == 0xBC, b[i + 2] >= 0x90, b[i + 2] <= 0x99 {
                    run += 1
                    i += 3
                } else if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 {
                    lines += 1
                    run = 0
                    i += 3
                } else if c == 0xC2, i + 1 < n, b[i + 1] == 0x85 {
                    lines += 1
                    run = 0
                    i += 2
                } else if c < 0x80 {
                    if c == 0x0A || c == 0x0C || c == 0x0D && (i + 1 == n || b[i + 1] != 0x0A) { lines += 1 }
                    run = 0
                    i += 1
                } else {
                    // Any other scalar: no digit, no line end.
                    let length = Self.sequenceLength(b, i)
                    guard length > 0 else {
                        isValidUTF8 = false
                        break
                    }
                    run = 0
                    i += length
                }
                if run > longest { longest = run }
            }
            // The last line, unless the text ends with a line end.
            if let last = b.last, last != 0x0A, last != 0x0C, last != 0x0D, !(n >= 2 && last == 0x85 && b[n - 2] == 0xC2),
                !(n >= 3 && b[n - 3] == 0xE2 && b[n - 2] == 0x80 && (last == 0xA8 || last == 0xA9))
            {
                lines += 1
            }
            self.lines = lines
            longestDigitRun = longest
        }

        /// How many bytes the scalar led by `b[i]` (not ASCII) has, or 0 where the bytes are no
        /// valid UTF-8: the well-formed sequences of the Unicode standard (table 3-7), as Swift
        /// validates them (no overlong forms, no surrogates, nothing above U+10FFFF).
        private static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
            func continues(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool { k < b.count && b[k] >= low && b[k] <= high }
            switch b[i] {
            case 0xC2...0xDF: return continues(i + 1) ? 2 : 0
            case 0xE0: return continues(i + 1, 0xA0) && continues(i + 2) ? 3 : 0
            case 0xED: return continues(i + 1, 0x80, 0x9F) && continues(i + 2) ? 3 : 0
            case 0xE1...0xEF: return continues(i + 1) && continues(i + 2) ? 3 : 0
            case 0xF0: return continues(i + 1, 0x90) && continues(i + 2) && continues(i + 3) ? 4 : 0
            case 0xF1...0xF3: return continues(i + 1) && continues(i + 2) && continues(i + 3) ? 4 : 0
            case 0xF4: return continues(i + 1, 0x80, 0x8F) && continues(i + 2) && continues(i + 3) ? 4 : 0
            default: return 0
            }
        }
    }

    /// The normalised text of a file (`ReportText.normalize` of `extractText`).
    static func normalizedText(_ file: ReportFile) throws -> String {
        if let text = try normalizedUTF8Text(file) { return text }
        return ReportText.normalize(try extractText(file))
    }

    /// The same for a UTF-8 text file (most reports), read from its bytes: checked to be valid
    /// UTF-8 in the pass that counts its lines and digits for `refusal`, then normalised, with no
    /// String made of the text as read (making one validated every byte, a fortieth of a check).
    /// Nil for any other file, read through `extractText`.
    private static func normalizedUTF8Text(_ file: ReportFile) throws -> String? {
        guard file.kind == .text, !file.data.isEmpty, file.data.count <= maxBytes else { return nil }
        return try file.data.withUnsafeBytes { raw -> String? in
            let data = raw.assumingMemoryBound(to: UInt8.self)
            // Larger text is refused, and said how large, by `extractText`.
            guard let range = TextDecoding.utf8Text(in: data), range.count <= maxTextBytes else { return nil }
            let bytes = UnsafeBufferPointer(rebasing: data[range])
            let shape = TextShape(bytes)
            guard shape.isValidUTF8 else { return nil }
            if let why = refusal(of: shape) { throw ReportReadError(message: why) }
            return ReportText.normalize(utf8: bytes)
        }
    }

    /// The text of a file, tables as tab-separated lines; refused (see `refusal(ofText:)`) when
    /// too large to be a report.
    public static func extractText(_ file: ReportFile) throws -> String {
        let text = try extractedText(file)
        if let why = refusal(ofText: text) { throw ReportReadError(message: why) }
        return text
    }

    private static func extractedText(_ file: ReportFile) throws -> String {
        guard !file.data.isEmpty else { throw ReportReadError(message: "文件为空") }
        guard file.data.count <= maxBytes else {
            throw ReportReadError(message: "文件过大（\(file.data.count / 1024 / 1024) MB），报告体检只接受 \(maxBytes / 1024 / 1024) MB 以内的文件")
        }
        switch file.kind {
        case .docx:
            do { return try DocxExtractor.text(fromDocx: file.data) } catch let failure as DocxExtractor.Failure {
                throw ReportReadError(message: failure.message)
            }
        case .html:
            guard case .text(let html, _) = TextDecoding.decode(file.data) else {
                throw ReportReadError(message: "文件不是可识别的网页（HTML）文本")
            }
            return try HTMLExtractor.text(fromHTML: html)
        case .text:
            guard case .text(let text, _) = TextDecoding.decode(file.data) else {
                throw ReportReadError(message: "文件不是文本（可能是图片、PDF 或其他二进制文件）；PDF 请先用 pdftotext 转成文本")
            }
            return text
        }
    }

    /// What reading finds in normalised text: its structure and, for a supported format, the tables.
    struct Reading {
        let structure: ReportStructure
        let tables: TableReading?
        let report: AnnualReport?
    }

    static func read(_ text: String) -> Reading {
        let structure = ReportStructure.split(text)
        guard let version = structure.formatVersion, !(structure.year.map { $0 < 2019 } ?? false) else {
            return Reading(structure: structure, tables: nil, report: nil)
        }
        let schema = ReportSchema.of(version)
        // Tables: each read from its own section, or from the whole text when headings are missing.
        func tokens(_ section: ReportSection) -> [ReportToken] {
            ReportTokenizer.tokens(structure.sections[section] ?? structure.text)
        }
        var tables = TableReader.readT2(tokens(.proactive), schema: schema)
        let requestTokens = tokens(.requests)
        // Weighed once for both tables.
        let requestValuesApart = RowSolver.valuesPrintedApart(requestTokens)
        tables.merge(TableReader.readT3(requestTokens, schema: schema, valuesApart: requestValuesApart))
        // Table 四 has one or two rows of values: whether the copy prints values apart shows
        // better in table 三, printed the same way (review 10n H1).
        let reviewTokens = tokens(.reviewLitigation)
        let valuesApart = requestValuesApart || RowSolver.valuesPrintedApart(reviewTokens)
        tables.merge(TableReader.readT4(reviewTokens, schema: schema, valuesApart: valuesApart))
        retractRefutedReadings(&tables, version: version)
        let report = AnnualReport(formatVersion: version, year: structure.year, issuer: structure.issuer,
                                  sections: structure.sections, cells: tables.cells)
        return Reading(structure: structure, tables: tables, report: report)
    }

    /// Whether some table-三 row with every cell read breaks its own total (R4: the 总计 column,
    /// last, is the sum of the others) — exactly when the cross checks find an R4 error. It restates
    /// R4 of `CrossChecks`: a change to that rule (a tolerance, a cell left out) must be made here too.
    private static func breaksRowTotal(_ cells: [CellID: Decimal], grid: [[CellID]]) -> Bool {
        grid.contains { row in
            guard let totalCell = row.last, let total = cells[totalCell] else { return false }
            var sum: Decimal = 0
            for cell in row.dropLast() {
                guard let v = cells[cell] else { return false }
                sum += v
            }
            return sum != total
        }
    }

    /// A row read by assuming a column relation (R1/R2) is one admissible reading among others:
    /// when the cross checks then find R1 or R2 broken in a column through a cell of such a row,
    /// the evidence refutes that reading, and the error it gives is no finding about the report
    /// (review 10j H3: short rows read by assumptions added up to a false R1). The row's assumed
    /// cells are left empty with the reason, and the checks run again, until no such error is left
    /// (each round empties cells, so it ends). A broken relation whose cells were all read without
    /// an R1/R2 assumption stays an error — a cell forced by its row's own total (R4) or the
    /// groups' totals (R5), relations the format requires, is evidence, not an assumption: the
    /// only reading that keeps them is the row as printed, and a misprint it shows is a finding
    /// (review 10l M1: `（七）总计21712001623176552`, read 217 120 0 16 23 176 552 as its only
    /// reading, hid its true R1 errors when it was emptied) — unless the column relations break
    /// through it in two columns or more besides 总计. One misprinted cell breaks its own column and
    /// 总计; a row whose printed total is itself misprinted has no cut that keeps R4 but an invented
    /// one (`945423045104330`, printed 94 54 23 0 45 104 330, the total 10 off, read
    /// 9 45 4230 45 1 0 4330), which breaks several (review 10m H2): that reading is refuted —
    /// when another cut of its digits makes those columns hold (`T3RowRecut`).
    static func retractRefutedReadings(_ tables: inout TableReading, version: ReportFormatVersion) {
        guard tables.assumptions.contains(where: { $0.rule != ReportRule.r5.rawValue }) else { return }
        func rowOf(_ cell: CellID) -> Substring {
            let raw = cell.rawValue
            return raw.utf8.lastIndex(of: 0x2E).map { raw[..<$0] } ?? Substring(raw)
        }
        func columnOf(_ cell: CellID) -> Substring {
            let raw = cell.rawValue
            return raw.utf8.lastIndex(of: 0x2E).map { raw[raw.utf8.index(after: $0)...] } ?? Substring(raw)
        }
        // First whether R1 or R2 is broken at all, on the grid (the full cross checks run only
        // then: a report read under assumptions, the seed's among them, usually keeps both).
        let schema = ReportSchema.of(version)
        let grid = schema.t3Grid
        // The rows R1 and R2 name, found once a format.
        let places = CrossChecks.rowPlaces[version]!
        let newReceived = places.newReceived, carriedIn = places.carriedIn
        let resultTotal = places.resultTotal, carriedOut = places.carriedOut
        let leaves = places.leaves
        let cells = tables.cells
        let broken = schema.t3Columns.indices.contains { c in
            if let a = cells[grid[newReceived][c]], let b = cells[grid[carriedIn][c]], let t = cells[grid[resultTotal][c]],
                let d = cells[grid[carriedOut][c]], a + b != t + d
            {
                return true
            }
            guard let total = cells[grid[resultTotal][c]] else { return false }
            var sum: Decimal = 0
            for r in leaves {
                guard let v = cells[grid[r][c]] else { return false }
                if !v.isZero { sum += v }  // (most cells are 0: adding it changes no value)
            }
            return sum != total
        }
        guard broken else { return }
        let rows = schema.t3Rows.map(\.id)
        for _ in 0..<32 {
            // A row that breaks its own total (R4) leaves every reading standing (see below): told
            // from the cells, without running the checks and making their messages only to drop them.
            if breaksRowTotal(tables.cells, grid: grid) { return }
            let report = AnnualReport(formatVersion: version, cells: tables.cells)
            let outcome = CrossChecks.run(report, printedRows: tables.printedRows, assumptions: tables.assumptions)
            // The report is inconsistent whatever the reading when a row breaks its own total, or
            // a relation breaks through cells read without any assumption: then no error is laid
            // at an assumption's door, and the readings stand (a misprint is still reported).
            let columnErrors = outcome.findings.filter { $0.rule == ReportRule.r1.rawValue || $0.rule == ReportRule.r2.rawValue }
            let brokenCells = Set(columnErrors.flatMap(\.cells))
            func refutable(_ a: Assumption) -> Bool {
                if a.rule == ReportRule.r1.rawValue || a.rule == ReportRule.r2.rawValue { return true }
                guard a.rule == ReportRule.r4.rawValue else { return false }
                let columns = Set(a.cells.filter(brokenCells.contains).map(columnOf).filter { $0 != "total" })
                guard columns.count >= 2, let row = a.scope.first.flatMap(rows.firstIndex(of:)) else { return false }
                // Refuted only when another cut of the row's digits makes those columns hold: a
                // misprint in another row breaks the same columns, and its errors must stay
                // (review 10n M1: a glued 总计 read right was emptied for 本年新收's misprint).
                let broken = schema.t3Columns.indices.filter { columns.contains(Substring(schema.t3Columns[$0].id)) }
                return T3RowRecut.holdsOtherwise(
                    row: row, brokenColumns: broken, cells: tables.cells, grid: grid,
                    rows: (newReceived, carriedIn, resultTotal, carriedOut), leaves: leaves)
            }
            // Weighed once an assumption a round (a recut may search many cuts).
            let refutableOnes = tables.assumptions.map(refutable)
            var assumedCells = Set<CellID>()
            for (a, isRefutable) in zip(tables.assumptions, refutableOnes) where isRefutable { assumedCells.formUnion(a.cells) }
            guard !outcome.findings.contains(where: { $0.rule == ReportRule.r4.rawValue }),
                columnErrors.allSatisfy({ $0.cells.contains(where: assumedCells.contains) })
            else { return }
            var refuted: [CellID: String] = [:]
            for finding in columnErrors {
                let relation = finding.rule == ReportRule.r1.rawValue ? "本年新收 + 上年结转 = 办理结果总计 + 结转下年度" : "（七）总计 = 各项办理结果之和"
                for cell in finding.cells {
                    let row = rowOf(cell)
                    for (a, isRefutable) in zip(tables.assumptions, refutableOnes) where isRefutable && a.cells.contains(cell) {
                        let why =
                            a.rule == ReportRule.r4.rawValue
                            ? "本行的数字连在一起，按 R4 拆出的读法与表三的 \(finding.rule)（\(relation)）在多列矛盾：本行可能印错或拆错，无法确定"
                            : "本行按 \(a.rule) 的假设读出的数与表三的 \(finding.rule)（\(relation)）矛盾：这种读法被否定，其他读法又不唯一，无法确定"
                        for assumed in a.cells where rowOf(assumed) == row && tables.cells[assumed] != nil { refuted[assumed] = why }
                    }
                }
            }
            guard !refuted.isEmpty else { return }
            for (cell, why) in refuted {
                tables.cells[cell] = nil
                tables.missing[cell] = why
            }
            tables.assumptions = tables.assumptions.compactMap { a in
                let kept = a.cells.filter { refuted[$0] == nil }
                guard kept.count != a.cells.count else { return a }
                guard !kept.isEmpty, let rule = ReportRule(rawValue: a.rule) else { return nil }
                return Assumption(rule: rule, scope: a.scope, cells: kept, message: a.message + "（其中按假设读出、又与列间勾稽关系矛盾的格已留空）")
            }
        }
    }

    /// Checks text already extracted from a file.
    public static func check(text raw: String, source: String = "", kind: ReportFile.Kind = .text) -> ReportCheckResult {
        check(normalized: ReportText.normalize(raw), source: source, kind: kind)
    }

    /// The same for text already normalised (`ReportText.normalize`).
    static func check(normalized text: String, source: String, kind: ReportFile.Kind) -> ReportCheckResult {
        let reading = read(text)
        let structure = reading.structure
        var result = ReportCheckResult(
            source: source, sourceKind: kind, formatVersion: nil, year: structure.year, issuer: structure.issuer,
            sectionsFound: ReportSection.allCases.filter { structure.sections[$0] != nil }, tablesFound: [], cells: [:],
            missingCells: [], repairs: [], findings: [], passed: [], report: nil)

        guard let report = reading.report, let tables = reading.tables else {
            let why: String
            if let year = structure.year, year < 2019 {
                why = "这是 \(year) 年度的报告；2018 年及以前的报告使用修订前条例的统计表，报告体检不支持，未作判断"
            } else if structure.sections.count < 3, structure.formatEvidence.isEmpty {
                why = "未找到政府信息公开工作年度报告的章节和表格，这似乎不是一份年度报告"
            } else {
                why = "无法识别报告格式（既无 2021 年版也无 2019 年版表格的特征），未作判断"
            }
            result.findings.append(Finding(rule: .unsupportedFormat, message: why))
            return result
        }
        let version = report.formatVersion
        result.formatVersion = version
        result.expectedFormatVersion = structure.expectedFormatVersion
        let schema = report.schema
        result.report = report
        result.tablesFound = tables.tablesFound
        result.repairs = tables.repairs
        result.assumptions = tables.assumptions
        if let finding = FormatCheck.superseded(printed: version, expected: structure.expectedFormatVersion, year: structure.year) {
            result.findings.append(finding)
        }
        if let finding = FormatCheck.yearConflict(structure.yearConflict) { result.findings.append(finding) }
        result.findings += FormatCheck.supersededTables(tables.otherFormat, read: version, expected: structure.expectedFormatVersion,
                                                         year: structure.year)
        // Every cell of the format by its name: the names' table is made once a format, and its
        // values mapped (inserting 200 names hashed them all, a hundredth of a check).
        result.cells = cellNames(version).mapValues { tables.cells[$0] }
        result.missingCells = schema.allCells.compactMap { cell in tables.missing[cell].map { .init(cell: cell, reason: $0) } }

        // Completeness.
        for section in ReportSection.allCases where structure.sections[section] == nil {
            result.findings.append(Finding(rule: .missingSection, message: "未找到“\(section.heading)”部分",
                                           location: .init(table: section.heading)))
        }
        for table in ["二", "三", "四"] where !tables.tablesFound.contains(table) {
            result.findings.append(Finding(rule: .missingTable, message: "未找到表\(table)", location: .init(table: "表\(table)")))
        }
        // 一 and 五 need substance; 六 may rightly say just 无 (2019) but not nothing at all.
        for (section, minimum) in [(ReportSection.overview, 8), (.problems, 8), (.other, 1)] {
            if let body = structure.sections[section], !hasSubstance(body, minimum: minimum) {
                result.findings.append(Finding(rule: .emptySection, message: "“\(section.heading)”部分没有实际内容",
                                               location: .init(table: section.heading)))
            }
        }
        if let overview = structure.sections[.overview] {
            // Scalars but spaces, line feeds and tabs, counted on the UTF-8 bytes: every byte
            // but a continuation byte starts a scalar.
            var length = 0
            var text = overview
            text.withUTF8 { b in
                for c in b where c & 0xC0 != 0x80 && c != 0x20 && c != 0x0A && c != 0x09 { length += 1 }
            }
            if length > 1_100 {
                result.findings.append(Finding(
                    rule: .overviewTooLong, severity: .info, expected: "约 1000 字以内", actual: "\(length) 字",
                    message: "“一、总体情况”约 \(length) 字，年度报告格式要求篇幅原则上不超过一千字",
                    location: .init(table: ReportSection.overview.heading)))
            }
        }
        result.findings += missingCellFindings(tables, schema: schema)

        // Arithmetic.
        let cross = CrossChecks.run(report, printedRows: tables.printedRows, assumptions: tables.assumptions)
        result.findings += cross.findings
        result.passed += cross.passed

        // What the text says.
        var restated = 0, summed = 0
        for section in ReportSection.allCases {
            guard let body = structure.sections[section] else { continue }
            // Counts in Chinese numerals (五十件) are compared like digits; quotes show them in digits.
            let (narrative, scalars) = NarrativeChecks.arabicNumeralsAndScalars(
                [.overview, .problems, .other].contains(section) ? body : narrativeLines(of: body))
            // Restated table numbers live in the overview; elsewhere the words are too loose.
            let r = section == .overview
                ? NarrativeChecks.restatements(in: narrative, section: section, report: report, missing: tables.missing, scalars: scalars)
                : (findings: [], passed: 0)
            let s = NarrativeChecks.sums(in: narrative, section: section, year: report.year, scalars: scalars)
            result.findings += r.findings + s.findings
            restated += r.passed
            summed += s.passed
        }
        if restated > 0 {
            result.passed.append(PassedCheck(rule: "N1", checked: restated, message: "正文中 \(restated) 处数字与表格一致"))
        }
        if summed > 0 {
            result.passed.append(PassedCheck(rule: "N2", checked: summed, message: "正文中 \(summed) 处合计与分项之和一致"))
        }
        let fees = NarrativeChecks.feeStatement(sections: structure.sections, version: version)
        result.findings += fees
        if fees.isEmpty, structure.sections[.other] != nil {
            result.passed.append(PassedCheck(rule: "F1", checked: 1, message: "第六部分报告了信息处理费情况"))
        }
        result.findings.sort { ($0.severity, $0.rule) < ($1.severity, $1.rule) }
        return result
    }

    /// Each cell of a format by its name (`CellID.rawValue`), the keys of `ReportCheckResult.cells`.
    private static func cellNames(_ version: ReportFormatVersion) -> [String: CellID] {
        version == .v2019 ? cellNames2019 : cellNames2021
    }
    /// Each cell of a format by its place in `allCells`.
    static func cellIndex(_ version: ReportFormatVersion) -> [CellID: Int] {
        version == .v2019 ? cellIndex2019 : cellIndex2021
    }
    private static let cellIndex2019 = Dictionary(uniqueKeysWithValues: ReportSchema.v2019.allCells.enumerated().map { ($1, $0) })
    private static let cellIndex2021 = Dictionary(uniqueKeysWithValues: ReportSchema.v2021.allCells.enumerated().map { ($1, $0) })
    /// Each cell's table, row and column as the format names them (`ReportSchema.describe`), by
    /// its place in `allCells`: described once a format, not again for every missing cell of
    /// every report (a fortieth of a check).
    static func places(_ version: ReportFormatVersion) -> [(table: String, row: String, column: String)] {
        version == .v2019 ? places2019 : places2021
    }
    private static let places2019 = ReportSchema.v2019.allCells.map(ReportSchema.v2019.describe)
    private static let places2021 = ReportSchema.v2021.allCells.map(ReportSchema.v2021.describe)
    private static let cellNames2019 = names(of: ReportSchema.v2019.allCells)
    private static let cellNames2021 = names(of: ReportSchema.v2021.allCells)
    private static func names(of cells: [CellID]) -> [String: CellID] {
        var names: [String: CellID] = [:]
        names.reserveCapacity(cells.count)
        for cell in cells { names[cell.rawValue] = cell }
        return names
    }

    /// Whether the key of a section's text (`ReportText.key`) has at least `minimum` characters.
    /// The key of the text's first 32 scalars is tried first, on the bytes (keying a whole section
    /// was a fortieth of a check; walking a scalar view to the 256th scalar and keying those, a
    /// hundredth): the
    /// key of a prefix cut between scalars is a prefix of the whole key, and more than `minimum`
    /// characters there leave at least `minimum` in the whole key, whatever the scalars after the
    /// cut may join to its last character.
    private static func hasSubstance(_ body: String, minimum: Int) -> Bool {
        var body = body
        return body.withUTF8 { bytes in
            // Where the 33rd scalar starts: every byte but a continuation byte starts one.
            var cut = 0, scalars = 0
            while cut < bytes.count {
                if bytes[cut] & 0xC0 != 0x80 {
                    if scalars == 32 { break }
                    scalars += 1
                }
                cut += 1
            }
            if cut < bytes.count, keyHasCharacters(UnsafeBufferPointer(rebasing: bytes[..<cut]), atLeast: minimum + 1) { return true }
            return keyHasCharacters(bytes, atLeast: minimum)
        }
    }

    /// Whether `ReportText.key` of the valid UTF-8 `text` has at least `count` characters. Counted
    /// on the key's bytes (no string of them made) while they are ASCII letters and digits and CJK
    /// ideographs (E4–E9 lead bytes): each is one character, as none of them joins a scalar before
    /// or after it (the marks that join are not in a key); any other byte leaves the count to the
    /// string.
    private static func keyHasCharacters(_ text: UnsafeBufferPointer<UInt8>, atLeast count: Int) -> Bool {
        let plain: Int? = ReportText.withKeyBytes(of: text) { b -> Int? in
            var i = 0, characters = 0
            while i < b.count {
                if b[i] < 0x80 { i += 1 } else if b[i] >= 0xE4 && b[i] <= 0xE9 { i += 3 } else { return nil }
                characters += 1
            }
            return characters
        }
        if let plain { return plain >= count }
        // `prefix` counts at most `count` characters.
        return ReportText.key(String(validUTF8: text)).prefix(count).count >= count
    }

    /// Lines of a table section that are prose, not table rows (no tabs, long enough to be text).
    private static func narrativeLines(of body: String) -> String {
        // On UTF-8 bytes: a line's scalars are its bytes that are no continuation bytes.
        // On the body's contiguous bytes (iterating the string's UTF-8 view cost four times as much).
        var out: [UInt8] = []
        var body = body
        body.withUTF8 { bytes in
            for line in bytes.split(separator: 0x0A) {
                var scalars = 0
                var cells = false
                for b in line {
                    if b & 0xC0 != 0x80 { scalars += 1 }
                    if b == 0x09 || b == 0x7C { cells = true; break }
                }
                guard scalars > 30, !cells else { continue }
                if !out.isEmpty { out.append(0x0A) }
                out.append(contentsOf: line)
            }
        }
        // Whole lines of the body: valid UTF-8, not validated again.
        return out.withUnsafeBufferPointer { String(validUTF8: $0) }
    }

    /// One finding per table row (or table) with missing cells, naming the columns and the reason.
    private static func missingCellFindings(_ tables: TableReading, schema: ReportSchema) -> [Finding] {
        // Each row's missing cells by their places in `allCells`.
        var byRow: [String: [Int]] = [:]
        var order: [String] = []
        // The missing cells in the format's order: each of them placed by the format's index (a
        // few lookups), not every cell of the format looked up among them (two hundred).
        let index = cellIndex(schema.version)
        let allCells = schema.allCells
        let places = places(schema.version)
        for position in tables.missing.keys.compactMap({ index[$0] }).sorted() {
            // The identifier up to its last dot (identifiers are ASCII, their parts never empty):
            // cut on the bytes, not split by characters and joined again.
            let raw = allCells[position].rawValue
            let row = raw.utf8.lastIndex(of: 0x2E).map { String(raw[..<$0]) } ?? ""
            if byRow[row] == nil { order.append(row) }
            byRow[row, default: []].append(position)
        }
        return order.compactMap { row -> Finding? in
            let positions = byRow[row]!
            let cells = positions.map { allCells[$0] }
            let reasons = Set(cells.compactMap { tables.missing[$0] })
            // A table that was not found at all is reported once, as C2.
            if reasons.allSatisfy({ $0.hasPrefix("未找到表") }) { return nil }
            let first = places[positions[0]]
            let printedRow = cells[0].table == "t3" ? (tables.printedRows[String(row.dropFirst(3))] ?? first.row) : first.row
            let columns = positions.map { places[$0].column }
            let reasonText = reasons.sorted().joined(separator: "；")
            return Finding(
                rule: .missingCell, cells: cells, expected: "数值", actual: reasonText,
                message: "\(first.table)“\(printedRow)”\(cells.count == 1 ? "“\(columns[0])”" : "有 \(cells.count) 格（\(columns.joined(separator: "、"))）")未填写或无法确定：\(reasonText)",
                location: .init(table: first.table, row: printedRow, column: columns.joined(separator: "、")))
        }
    }
}

extension ReportSchema {
    /// `describe(cell)`, looked up among the descriptions made once a format (`ReportChecker.places`).
    func place(of cell: CellID) -> (table: String, row: String, column: String) {
        guard let position = ReportChecker.cellIndex(version)[cell] else { return describe(cell) }
        return ReportChecker.places(version)[position]
    }
}
