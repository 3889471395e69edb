import Foundation

/// What was read from the tables, cell by cell, with the reason for every cell that was not.
struct TableReading: Sendable {
    var cells: [CellID: Decimal] = [:]
    var missing: [CellID: String] = [:]
    var repairs: [Repair] = []
    /// Relations assumed to read some cells (see `Assumption`).
    var assumptions: [Assumption] = []
    /// Row id → the row label as printed (table 三), for locations.
    var printedRows: [String: String] = [:]
    var tablesFound: [String] = []
    /// Tables (or a row group) printed in the other format than the one read: what was seen, for V1.
    var otherFormat: [(table: String, what: String)] = []

    mutating func merge(_ other: TableReading) {
        Self.add(other.cells, to: &cells)
        Self.add(other.missing, to: &missing)
        repairs += other.repairs
        assumptions += other.assumptions
        Self.add(other.printedRows, to: &printedRows)
        tablesFound += other.tablesFound
        otherFormat += other.otherFormat
    }

    /// `other`'s entries added to `mine`, `mine`'s kept where both have a key. The smaller one is
    /// added to the larger (table 三 has most of the cells): the same entries, fewer inserts.
    private static func add<Key, Value>(_ other: [Key: Value], to mine: inout [Key: Value]) {
        if other.count > mine.count {
            var merged = other
            merged.merge(mine) { _, kept in kept }
            mine = merged
        } else {
            mine.merge(other) { kept, _ in kept }
        }
    }
}

/// Reads tables 二, 三 and 四 from the tokens of their sections by finding the row labels in
/// order (tolerant of spaces, line breaks, width and punctuation) and taking the values that
/// follow each label. Cells that cannot be read with certainty are missing, with the reason.
enum TableReader {
    // MARK: label keys (distinctive parts of the template's labels, after `ReportText.key`)

    static let t3Keys: [String: [String]] = [
        // Labels as agencies print them: 本年度新收…, 上一年度结转…, 结转至下一年度…; with a year in
        // place of 上年 / 下年度 (`二、2021年结转政府信息公开申请数量`, `四、结转2023年度继续办理`) the
        // words around it still name the row (review 10g).
        "new_received": ["本年新收", "本年度新收", "新收政府信息公开申请"], "carried_over_in": ["上年结转", "上年度结转", "上一年度结转", "结转政府信息公开申请"],
        "result_disclosed": ["予以公开"], "result_partially_disclosed": ["部分公开"],
        "withheld_state_secret": ["国家秘密"], "withheld_prohibited_by_law": ["禁止公开"],
        "withheld_three_security_one_stability": ["三安全一稳定", "三安全"], "withheld_third_party_rights": ["第三方合法权益", "第三方"],
        "withheld_internal_affairs": ["内部事务"], "withheld_process_info": ["过程性信息", "过程性"],
        "withheld_enforcement_case_file": ["执法案卷"], "withheld_admin_inquiry": ["行政查询", "查询事项"],
        "unable_not_held": ["不掌握"], "unable_needs_creation": ["另行制作"], "unable_unclear_after_correction": ["补正后"],
        "not_processed_petition_complaint": ["信访"], "not_processed_duplicate": ["重复申请"],
        "not_processed_publication": ["出版物"], "not_processed_mass_repetitive": ["大量反复"],
        "not_processed_confirm_or_reissue": ["重新出具", "确认或重新"],
        "other_no_correction": ["不补正"], "other_fee_unpaid": ["收费通知", "缴纳费用"], "other_misc": ["3其他", "其他"],
        "other_handling": ["其他处理"], "result_total": ["七总计", "总计"],
        "carried_over_out": ["结转下年", "结转下一年", "结转至下一年", "结转到下一年", "结转至下年", "继续办理"],
    ]
    static let t3HeaderKeys = ["勾稽关系", "申请人情况"]
    /// Group headers printed before some rows: not part of a row label as printed.
    static let groupKeys = ["本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理"]

    static let t2CaptionKeys: [String: [String]] = [
        "art20_1": ["第二十条第一项"], "art20_5": ["第二十条第五项"], "art20_6": ["第二十条第六项"],
        "art20_8": ["第二十条第八项"], "art20_9": ["第二十条第九项"],
    ]
    static let t2RowKeys: [String: [String]] = [
        "rules": ["规章"], "normative_docs": ["行政规范性文件", "规范性文件"], "admin_licensing": ["行政许可"],
        "other_external_services": ["其他对外管理服务事项", "对外管理服务"], "admin_penalty": ["行政处罚"],
        "admin_coercion": ["行政强制"], "admin_fees": ["行政事业性收费"], "central_procurement": ["政府集中采购", "集中采购"],
    ]

    // MARK: table 二

    /// Column heads of table 二 that only one format prints.
    static let t2Heads: [ReportFormatVersion: [String]] = [
        .v2021: ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"],
        .v2019: ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "第二十条第九项", "采购项目数量"],
    ]

    static func readT2(_ tokens: [ReportToken], schema: ReportSchema) -> TableReading {
        var reading = TableReading()
        // A table 二 printed with the other format's column heads (a 2022 report with the 2019
        // table 二 beside the 2021 table 三): its columns are not this format's, so no cell is
        // mapped across (本年新公开数量 is no 本年废止件数). Read by its own heads it would give
        // cells this format does not have: the cells stay empty, with the reason, and V1 says so.
        let other: ReportFormatVersion = schema.version == .v2021 ? .v2019 : .v2021
        // Heads are cells, never sentences: words with sentence punctuation (a table given as
        // an image and told in the text, "规范性文件对外公开总数量 25 件；") decide nothing.
        func isHead(_ t: ReportToken) -> Bool {
            guard t.kind == .text else { return false }
            var text = t.text
            return !text.withUTF8(hasSentencePunctuation)
        }
        func heads(_ range: Range<Int>) -> String {
            // The words' bytes run together (no token copied, no array of the words joined again).
            var words: [UInt8] = []
            for k in range where isHead(tokens[k]) { words.append(contentsOf: tokens[k].text.utf8) }
            return ReportText.key(String(decoding: words, as: UTF8.self))
        }
        let headText = heads(tokens.indices)
        let ownHeads = (t2Heads[schema.version] ?? []).filter { headText.hasSubstring($0) }
        let otherHeads = (t2Heads[other] ?? []).filter { headText.hasSubstring($0) }
        if ownHeads.isEmpty, otherHeads.count >= 2 {
            for cell in schema.allCells where cell.table == "t2" {
                reading.missing[cell] = "表二印的是\(other.chineseLabel)的栏目（\(otherHeads.joined(separator: "、"))），"
                    + "与本报告应使用的\(schema.version.chineseLabel)栏目不同，未按\(schema.version.chineseLabel)读取"
            }
            reading.tablesFound.append("二")
            reading.otherFormat.append(("表二", "栏目为“\(otherHeads.joined(separator: "”“"))”"))
            return reading
        }
        // Each block under its caption is decided by its own heads (review 10f): a 2022 report may
        // print the 2019 heads in some blocks and the 2021 heads in others. A block whose heads
        // are only the other format's is not read (its columns are not this format's), and V1
        // names it; the 2021 heads of another block do not make its columns 2021 ones.
        let captionIndex = LabelIndex(tokens)
        var captions: [(block: T2Block, token: Int)] = []
        var captionCursor = 0
        for block in schema.t2 {
            if let caption = captionIndex.find(t2CaptionKeyScalars[block.id] ?? [], from: captionCursor) {
                captionCursor = caption.end
                captions.append((block, caption.firstToken))
            }
        }
        var otherBlocks: Set<String> = []
        // A block's key is a run of the table's (a key keeps or drops each scalar on its own), so
        // a block shows the other format's heads only when the table does: with none there, no
        // block is keyed again.
        for (k, caption) in captions.enumerated() where !otherHeads.isEmpty {
            let blockText = heads(caption.token..<(k + 1 < captions.count ? captions[k + 1].token : tokens.count))
            let own = (t2Heads[schema.version] ?? []).filter { blockText.hasSubstring($0) }
            let others = (t2Heads[other] ?? []).filter { blockText.hasSubstring($0) }
            guard own.isEmpty, !others.isEmpty else { continue }
            otherBlocks.insert(caption.block.id)
            for row in caption.block.rows {
                for col in caption.block.columns {
                    reading.missing[.t2(caption.block.id, row.id, col.id)] =
                        "表二\(caption.block.caption)印的是\(other.chineseLabel)的栏目（"
                        + "\(others.joined(separator: "、"))），与本报告应使用的\(schema.version.chineseLabel)栏目不同，未按\(schema.version.chineseLabel)读取"
                }
            }
            reading.otherFormat.append(("表二", "\(caption.block.caption)的栏目为“\(others.joined(separator: "”“"))”"))
        }
        let converted = amountsInYuan(tokens, schema: schema)
        let tokens = converted ?? tokens
        // The same tokens when no amount was converted: the captions' index serves.
        let index = converted.map { LabelIndex($0) } ?? captionIndex
        var cursor = 0
        var found: [(block: T2Block, row: ReportLabel, match: LabelIndex.Match, cells: T2RowCells)] = []
        var anchors: [Int] = []  // first tokens of every label found, to bound value ranges
        let rowCells = t2RowCells[schema.version]!
        for (b, block) in schema.t2.enumerated() {
            if let caption = index.find(t2CaptionKeyScalars[block.id] ?? [], from: cursor) {
                cursor = caption.end
                anchors.append(caption.firstToken)
            }
            // The rows of a block printed in the other format are still found (their labels bound
            // the values of the rows around them) but not read.
            for (r, row) in block.rows.enumerated() {
                if let match = index.find(t2RowKeyScalars[row.id] ?? [], from: cursor) {
                    found.append((block, row, match, rowCells[b][r]))
                    anchors.append(match.firstToken)
                    cursor = match.end
                } else {
                    for col in block.columns { reading.missing[.t2(block.id, row.id, col.id)] = "表中未找到“\(row.label)”一行" }
                }
            }
        }
        guard !found.isEmpty else { return reading }
        reading.tablesFound.append("二")
        // Room for the table's cells: the dictionary never grows while the rows are written.
        // (A closure: a key path was applied through the runtime for every block.)
        reading.cells.reserveCapacity(found.count * schema.t2.reduce(0) { max($0, $1.columns.count) })
        let pageNumbers = RowSolver.lonePageNumbers(tokens)
        anchors.sort()
        let rowValues = found.map { item in
            withoutTypedSeparator(
                valueTokens(tokens, after: item.match.lastToken, before: anchors.first { $0 > item.match.lastToken }), width: item.cells.ids.count)
        }
        for (r, (block, row, _, cells)) in found.enumerated() where !otherBlocks.contains(block.id) {
            let (values, unsureSigns) = SignWords.settle(rowValues[r], negativeAllowed: cells.negativeAllowed)
            let ids = cells.ids
            // Table 二 has no relation between its columns: only what the digits alone prove is read.
            var analysis = RowSolver.analyze(
                values, width: ids.count, negativeAllowed: cells.negativeAllowed,
                lonePageNumbers: pageNumbers)
            // A run of digits cut into the row's cells stands only if the row lost no cell (review
            // 10i H2): its digits glued to its label — the copy dropped this row's separators, and a
            // run of n digits for n columns is then forced, as the issue defines it. Otherwise the
            // run may be fewer values with the other cells blank or lost: `行政规范性文件<tab>256`,
            // `<td>行政规范性文件</td><td>256</td>`. A run that is no one number (`044`) is no
            // such evidence, even where the table's other rows print each value separately: a
            // value may have been lost in the copy of this row, and 0 44 with one value lost is
            // admissible (review 10m H1: `规章<tab>037`, printed 2 0 37, was read 0 3 7).
            let gluedToLabel = values.first(where: { $0.kind != .empty })?.gluedToLabel == true
            analysis = withLostCells(
                analysis, values, width: ids.count, negativeAllowed: cells.negativeAllowed, cutStands: gluedToLabel)
            // A row in cells of a label and one cell holding one number, short of its columns
            // (`| 行政规范性文件 | 4 |`), reads like the same row in HTML (`<td>4</td>`, read as a
            // label and one value): the value may be any column's, the others blank or lost in
            // the copy, and no cell is read (review 10m L1: the `|` row read 本年制发 4).
            let printedCells = values.filter { $0.kind != .empty }
            if ids.count > 1, values.count < ids.count, printedCells.count == 1, printedCells[0].wholeCell,
                analysis.agreed.contains(where: { $0?.number != nil })
            {
                analysis = RowSolver.undetermined(
                    analysis, others: ids.count - 1,
                    problem: "本行按单元格印出，只有 1 格（\(printedCells[0].text)）：可能是任何一列的数，其余各格空白或在复制时丢失，无法确定")
            }
            RowWriter(table: "表二", row: row.label, ids: ids, columnLabels: cells.columnLabels)
                .write(analysis, into: &reading)
            for k in unsureSigns {
                reading.cells[ids[k]] = nil
                reading.missing[ids[k]] = SignWords.unsureReason(analysis.printed)
            }
        }
        return reading
    }

    /// A row whose digits were cut into its cells, re-read with the readings that take the run(s)
    /// as fewer values, the row's other cells blank or lost in the copy (`行政规范性文件 256`, an
    /// HTML row `<td>行政规范性文件</td><td>256</td>`: 256 with two blank cells as well as 2 5 6).
    /// Where such a reading exists no cell is forced, and the row is left unread with the reason
    /// (review 10i H2). `cutStands`: the row shows it lost no cell (the caller's evidence).
    static func withLostCells(
        _ analysis: RowSolver.Analysis, _ values: [ReportToken], width: Int, negativeAllowed: [Bool]?,
        cutStands: Bool
    ) -> RowSolver.Analysis {
        guard !cutStands, analysis.method == .solved, analysis.hasSplits, analysis.agreed.contains(where: { $0 != nil }) else { return analysis }
        let others = RowSolver.fewerValueReadings(values, width: width, negativeAllowed: negativeAllowed)
        guard others > 0 else { return analysis }
        // "fewer numbers", not "one number": `037` is no one number (a leading zero), yet 0 37 with
        // a cell lost is a reading.
        return RowSolver.undetermined(
            analysis, others: others,
            problem: "数字连在一起（\(analysis.printed)）：可以拆成 \(width) 个数，也可以读作少于 \(width) 个数而其余各格空白或在复制时丢失，"
                + "本行没有显示它不缺格，各种读法不一致，无法确定")
    }

    /// A fee printed in 元 in the 万元 column (`125000元`, `125000 元`): converted to 万元 exactly,
    /// the unit being explicit; never read as 万元. Only the number the word 元 follows directly
    /// (`12.5万元` is in 万元 already).
    /// A column headed in 元 (`本年收费金额（单位：元）`, `本年收费金额（元）`): every amount of the fee
    /// row without a unit of its own is in 元 too, and converted the same way (`125000` → 12.5).
    /// Nil when no amount is converted (the tokens stand as printed).
    private static func amountsInYuan(_ tokens: [ReportToken], schema: ReportSchema) -> [ReportToken]? {
        guard schema.version == .v2021, tokens.count > 1 else { return nil }
        let headInYuan = isFeeHeadInYuan(tokens)
        guard headInYuan || tokens.contains(where: { $0.kind == .text && startsWith($0.text, "元", yuanBytes) }) else { return nil }
        var out = tokens
        var changed = false
        for k in 0..<tokens.count {
            guard case .number(let n) = tokens[k].kind else { continue }
            let unit = k + 1 < tokens.count && tokens[k + 1].kind == .text && tokens[k + 1].line == tokens[k].line ? tokens[k + 1].text : ""
            // A number alone on its line after the row may be a page number: left as printed, for
            // the row's reader to weigh (never a converted amount that hides it).
            let inYuan =
                startsWith(unit, "元", yuanBytes)
                || headInYuan && !tokens[k].aloneOnLine && !startsWith(unit, "万", tenThousandBytes) && !startsWith(unit, "亿", hundredMillionBytes)
            guard inYuan, isFeeRow(tokens, before: k) else { continue }
            let tenThousands = n / 10_000
            // Never an integer's digits: the value is a decimal amount, one cell, not glued counts.
            let text = "\(tenThousands)"
            var converted = ReportToken(
                kind: .number(tenThousands), text: text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) ? text + ".0" : text,
                line: tokens[k].line)
            converted.markText = tokens[k].text + (startsWith(unit, "元", yuanBytes) ? "元" : "")
            converted.wholeCell = tokens[k].wholeCell
            out[k] = converted
            changed = true
        }
        return changed ? out : nil
    }

    private static let yuanBytes: [UInt8] = Array("元".utf8)
    private static let tenThousandBytes: [UInt8] = Array("万".utf8)
    private static let hundredMillionBytes: [UInt8] = Array("亿".utf8)

    /// `text.hasPrefix(unit)` for a unit of one ideograph, its bytes told first: no other scalar
    /// is canonically equivalent to 元, 万 or 亿, so a text whose bytes do not start with the
    /// unit's does not start with it (asked of every word of table 二, `hasPrefix` compared
    /// characters, a thousand instructions a word). `hasPrefix` still decides the rest (`元` with
    /// a combining mark is another character).
    private static func startsWith(_ text: String, _ unit: String, _ unitBytes: [UInt8]) -> Bool {
        text.utf8.starts(with: unitBytes) && text.hasPrefix(unit)
    }

    /// Whether a text holds `,`, `;` or `。`, told on its bytes (every word of table 二 is asked):
    /// an ASCII byte is never part of another scalar's bytes, and 。's first byte starts a scalar.
    private static func hasSentencePunctuation(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x2C || b == 0x3B { return true }
            if b == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x82 { return true }
            i += 1
        }
        return false
    }

    /// Whether the head of the fee column names 元 as its unit and not 万元: the words after
    /// 收费金额 up to the fee row's label (`本年收费金额（单位：元）`).
    private static func isFeeHeadInYuan(_ tokens: [ReportToken]) -> Bool {
        var words = ""
        var inHead = false
        for token in tokens where token.kind == .text {
            // Tested on the key's bytes: a key is made only for the words of the head.
            let (isRow, isHead) = ReportText.withKeyBytes(token.text) { key in
                (holds(key, feeRowBytes) || holds(key, articleBytes), holds(key, feeAmountBytes))
            }
            if isRow { if inHead { break } else { continue } }
            if isHead { inHead = true; words = "" }
            if inHead { words += ReportText.key(token.text) }
        }
        guard inHead, let amount = words.range(of: "收费金额") else { return false }
        let unit = words[amount.upperBound...]
        return unit.hasSubstring("元") && !unit.hasSubstring("万元") && !unit.hasSubstring("亿元")
    }

    private static let groupKeyBytes = groupKeys.map { Array($0.utf8) }

    /// Whether a key holds a group header's words (`groupKeys`).
    private static func isGroupKey(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        groupKeyBytes.contains { holds(key, $0) }
    }

    private static let feeRowBytes = Array("行政事业性收费".utf8)
    private static let articleBytes = Array("第二十条".utf8)
    private static let feeAmountBytes = Array("收费金额".utf8)

    private static func holds(_ key: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { String.search(key, $0) }
    }

    /// Whether the nearest label before token `k` is the fee row's (行政事业性收费), whose amount
    /// the 2021 table prints in 万元.
    private static func isFeeRow(_ tokens: [ReportToken], before k: Int) -> Bool {
        var i = k - 1
        while i >= 0, tokens[i].kind != .text { i -= 1 }
        var key = ""
        while i >= 0, tokens[i].kind == .text, key.count < 24 { key = tokens[i].text + key; i -= 1 }
        return ReportText.key(key).hasSubstring("行政事业性收费")
    }

    // MARK: table 三

    /// `valuesApart`: `RowSolver.valuesPrintedApart(tokens)` when the caller has weighed it already
    /// (it does not depend on what `footnotedValuesAlone` changes).
    static func readT3(_ tokens: [ReportToken], schema: ReportSchema, valuesApart: Bool? = nil) -> TableReading {
        let valuesApart = valuesApart ?? RowSolver.valuesPrintedApart(tokens)
        let banded = RowBands.gathered(
            footnotedValuesAlone(tokens), rowKeys: t3RowKeyScalars[schema.version]!, headerKeys: t3HeaderKeyScalars,
            groupNames: t3GroupNames[schema.version]!, width: schema.t3Columns.count)
        let tokens = WrappedLabels.joined(banded.tokens, keys: t3AllKeyScalars)
        var reading = TableReading()
        let index = LabelIndex(tokens)
        var cursor = index.find(t3HeaderKeyScalars, from: 0)?.end ?? 0
        // Each row found by its place in the schema (looked up by id in a dictionary before); the
        // row itself read from there (a copy of it in every item was copied again at every use).
        let rows = schema.t3Rows
        let rowKeys = t3RowKeyScalars[schema.version]!
        var found: [(match: LabelIndex.Match, index: Int)] = []
        for (r, row) in rows.enumerated() {
            guard let match = index.find(rowKeys[r], from: cursor) else {
                for col in schema.t3Columns { reading.missing[.t3(row.id, col.id)] = "表中未找到“\(row.label)”一行" }
                continue
            }
            found.append((match, r))
            cursor = match.end
        }
        guard found.count >= 3 else {
            for cell in schema.allCells where cell.table == "t3" { reading.missing[cell] = "未找到表三" }
            return reading
        }
        reading.tablesFound.append("三")
        // Room for every cell of the report: tables 二 and 四 are merged into this reading's cells
        // (the larger), which then never grows.
        reading.cells.reserveCapacity(schema.allCells.count)
        // A label for nearly every row found: the dictionary never grows while they are added.
        reading.printedRows.reserveCapacity(found.count)
        // The 2019 （六）其他处理 printed as one row, without the 2021 rows 1 and 2 under it, in a
        // report read in the 2021 format: 其他 in it is no “3.其他”. The row still bounds the rows
        // around it, but its figures are the whole group's: no 2021 cell gets them (V1 says why).
        var oldGroupRow: String?
        if schema.version == .v2021, let misc = found.first(where: { rows[$0.index].id == "other_misc" }),
            !found.contains(where: { rows[$0.index].id == "other_no_correction" || rows[$0.index].id == "other_fee_unpaid" })
        {
            let line = tokens[misc.match.firstToken].line
            // …printed as a row: its figures on its line (the 2021 group header carries none).
            let onLine = tokens.filter { $0.line == line }
            let words = onLine.filter { $0.kind == .text }.map(\.text).joined()
            if ReportText.key(words).hasSubstring("其他处理"), onLine.contains(where: { $0.isValue && $0.kind != .empty }) {
                oldGroupRow = rows[misc.index].id
            }
        }
        let width = schema.t3Columns.count
        let rowTotals = t3RowTotals[schema.version]!
        var analyses = [RowSolver.Analysis?](repeating: nil, count: schema.t3Rows.count)
        var previousEnd = -1
        let pageNumbers = RowSolver.lonePageNumbers(tokens)
        for (i, item) in found.enumerated() {
            let next = i + 1 < found.count ? found[i + 1].match.firstToken : nil
            let values = withoutTypedSeparator(valueTokens(tokens, after: item.match.lastToken, before: next), width: width)
            let id = rows[item.index].id
            if id == oldGroupRow {
                for col in schema.t3Columns {
                    reading.missing[.t3(id, col.id)] =
                        "表三的“（六）其他处理”按已被取代的 2019 年版印成一行，没有其下的 1、2、3 三行："
                        + "这一行的数字是整组的合计，不能当作“3.其他”读取"
                }
                reading.otherFormat.append(("表三", "“（六）其他处理”印成一行，没有其下的 1、2、3 三行"))
                previousEnd = item.match.lastToken
                continue
            }
            // A label printed as nothing but a group's words is named by the template (never “”).
            let label = printedLabel(tokens, around: item.match, notBefore: previousEnd + 1, isGroupRow: id == "other_handling")
            if banded.uncertain, RowBands.valuesMayBeAnotherRows(tokens, keyEnd: item.match.lastToken, before: next) {
                let named = label.isEmpty ? rows[item.index].label : label
                for col in schema.t3Columns {
                    reading.missing[.t3(id, col.id)] =
                        "表三按版面排印、行名折行，“\(named)”之后的数字在下方另一行名所在的行，"
                        + "可能属于相邻的一行（有的行未印数字或行名未找到，无法逐行对齐），未读取"
                }
                if !label.isEmpty { reading.printedRows[id] = label }
                previousEnd = item.match.lastToken
                continue
            }
            analyses[item.index] = RowSolver.analyze(
                SignWords.settle(values, negativeAllowed: nil).values, width: width, constraints: rowTotals[item.index],
                lonePageNumbers: pageNumbers, valuesApart: valuesApart)
            if !label.isEmpty { reading.printedRows[id] = label }
            previousEnd = item.match.lastToken
        }
        // Rows still ambiguous after their own total: the column relations, as assumptions. A row
        // whose readings were not listed (none kept its sum, or too many) takes part with what is
        // known of it; unknown cells leave the relations through them free. Where a reading with
        // every cell printed keeps the row's own total, the columns never choose one that breaks it
        // (review 17: `4460000104` was read 44 60 0 0 0 10 4 beside 44 60 0 0 0 0 104, and R4 then
        // reported against the reading); where none keeps it, the total may be the misprint (a
        // forced `2100004`, review 10g) and the readings stay as they are.
        let domains: [[RowSolver.Reading]?] = zip(analyses, rowTotals).map { analysis, sums in
            analysis.map { $0.readings.isEmpty ? [RowSolver.Reading(cells: $0.agreed.map { $0 ?? .unknown })] : keepingTotals($0.readings, sums) }
        }
        let narrowed = ColumnRelations.narrow(domains, schema: schema)
        let columnLabels = t3ColumnLabels[schema.version]!
        var decidedByColumns: [CellID] = []
        // Each such cell's row id, to name the row as printed (not cut from the cell's identifier).
        var decidedRows: [String] = []
        // The same for every row: made once.
        let columnRules = narrowed.map { Array(Set($0.used.map(\.rule))) } ?? []
        let allColumnNames = t3ColumnNames[schema.version]
        for item in found {
            let r = item.index
            guard let analysis = analyses[r] else { continue }
            let ids = schema.t3Grid[r]
            let id = rows[r].id
            let writer = RowWriter(
                table: "表三", row: reading.printedRows[id] ?? rows[r].label, ids: ids, columnLabels: columnLabels,
                allColumnNames: allColumnNames)
            let final = analysis.readings.isEmpty ? nil : narrowed?.readings[r]
            let decided = writer.write(analysis, narrowedTo: final, columnRules: columnRules, into: &reading)
            decidedByColumns += decided
            decidedRows += repeatElement(id, count: decided.count)
        }
        if let narrowed, !decidedByColumns.isEmpty {
            for rule in [ReportRule.r1, .r2] {
                let used = narrowed.used.filter { $0.rule == rule }
                guard !used.isEmpty else { continue }
                let names = used.map { columnLabels[$0.column] }
                let what = rule == .r1 ? "本年新收 + 上年结转 = 办理结果总计 + 结转下年度" : "（七）总计 = 各项办理结果之和"
                var cells = MessageText()
                for (k, cell) in decidedByColumns.enumerated() {
                    let place = schema.place(of: cell)
                    cells += "\(k > 0 ? "、" : "")“\(reading.printedRows[decidedRows[k]] ?? place.row)”“\(place.column)”"
                }
                let message: MessageText =
                    "表三有的行数字连在一起或缺数，仅凭本行总计仍有多种读法；假定“\(quotedRunOf: names)”列的 \(rule.rawValue)（\(what)）成立，"
                    + "读出了 \(cells)。这是读取时的假设而非核对结果，这些列的 \(rule.rawValue) 不计为通过。"
                reading.assumptions.append(
                    Assumption(
                        rule: rule, scope: used.map { schema.t3Columns[$0.column].id }, cells: decidedByColumns, message: message.string))
            }
        }
        return reading
    }

    /// `readings` without those breaking the row's own total, when one with every cell printed
    /// keeps it; one reading (nearly every row) is nothing to choose from.
    private static func keepingTotals(_ readings: [RowSolver.Reading], _ sums: [SumConstraint]) -> [RowSolver.Reading] {
        func breaks(_ reading: RowSolver.Reading) -> Bool { sums.contains { reading.keeps($0) == false } }
        guard readings.count > 1, readings.contains(where: breaks),
            readings.contains(where: { reading in sums.allSatisfy { reading.keeps($0) == true } })
        else { return readings }
        return readings.filter { !breaks($0) }
    }

    // MARK: table 四

    /// `valuesApart`: the copy prints values apart (`RowSolver.valuesPrintedApart` of table 三's
    /// tokens or these): table 四, one row, has no other row to tell whether its run of digits lost
    /// its separators alone.
    static func readT4(_ tokens: [ReportToken], schema: ReportSchema, valuesApart: Bool = false) -> TableReading {
        var reading = TableReading()
        let index = LabelIndex(tokens)
        let ids = t4Cells[schema.version]!
        guard let review = index.find(t4ReviewKeyScalars, from: 0),
            let after = index.find(t4AfterReviewKeyScalars, from: review.end)
        else {
            for id in ids { reading.missing[id] = "未找到表四" }
            return reading
        }
        reading.tablesFound.append("四")
        reading.cells.reserveCapacity(ids.count)
        // The header ends with the last label before the first value after 复议后起诉.
        var headerEnd = after.lastToken
        var i = after.lastToken + 1
        while i < tokens.count {
            if tokens[i].isLabelPart { headerEnd = i } else if tokens[i].kind != .empty { break }
            i += 1
        }
        var values = valueTokens(tokens, after: headerEnd, before: nil)
        // Printed as three labelled lines (行政复议 1 0 0 1 2 / 未经复议直接起诉 … / 复议后起诉 …):
        // read when each line has its five values (review 10h M3).
        if let lines = threeLabelledLines(tokens, from: headerEnd) { values = lines }
        let constraints = schema.t4Groups.enumerated().map { g, group in
            SumConstraint(parts: Array((g * 5)..<(g * 5 + 4)), total: g * 5 + 4, rule: .r5, scope: group.id)
        }
        let analysis = RowSolver.analyze(
            SignWords.settle(values, negativeAllowed: nil).values, width: ids.count, constraints: constraints,
            lonePageNumbers: RowSolver.lonePageNumbers(tokens), valuesApart: valuesApart)
        let writer = RowWriter(table: "表四", row: "行政复议、行政诉讼", ids: ids, columnLabels: t4ColumnLabels[schema.version]!)
        writer.write(analysis, into: &reading)
        return reading
    }

    /// Table 四 printed as one line per group, each led by its label (行政复议 / 未经复议直接起诉 /
    /// 复议后起诉) and holding its five values: the fifteen values in the table's order. The lines
    /// may come in any order: each is placed by its label (review 10i L2), the first of the keys
    /// 未经复议, 复议后, 行政复议 in it deciding (`复议后起诉（不含未经复议直接起诉）` is 复议后起诉).
    /// Nil for any other print (a line short of a value or with glued digits is left to the
    /// header's reading, since a value lost in one line could not be told from one lost in
    /// another), and when a group is missing or named twice.
    static func threeLabelledLines(_ tokens: [ReportToken], from label: Int) -> [ReportToken]? {
        guard label < tokens.count, tokens[label].isLabelPart else { return nil }
        // 未经…复议 (`未经行政复议直接起诉`) and 复议后…诉 (`经行政复议后起诉`) first, the earlier of
        // them deciding; 行政复议 only when neither is there, since both litigation labels may
        // hold it (review 10j M3).
        func group(_ words: String) -> Int? {
            var found: [(Int, Int)] = []
            if let r = words.range(of: "未经"), words[r.upperBound...].prefix(4).contains("复议") {
                found.append((words.distance(from: words.startIndex, to: r.lowerBound), 1))
            }
            // 复议后 of a litigation label (复议后起诉, 复议后提起诉讼), not a remark (`行政复议（复议后）`).
            if let r = words.range(of: "复议后"), words[r.upperBound...].prefix(4).contains("诉") {
                found.append((words.distance(from: words.startIndex, to: r.lowerBound), 2))
            }
            if let first = found.min(by: { $0.0 < $1.0 }) { return first.1 }
            return words.hasSubstring("行政复议") ? 0 : nil
        }
        // The first label: its words on its line, not the column heads before it.
        var words = ""
        var k = label
        while k >= 0, tokens[k].isLabelPart, tokens[k].line == tokens[label].line {
            let key = ReportText.key(tokens[k].text)
            if ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].contains(where: { key.hasSubstring($0) }) { break }
            words = key + words
            k -= 1
        }
        var groups: [[ReportToken]?] = [nil, nil, nil]
        var i = label + 1
        for n in 0..<3 {
            guard let g = group(words), groups[g] == nil else { return nil }
            var line: [ReportToken] = []
            while i < tokens.count, tokens[i].isValue { if tokens[i].kind != .empty { line.append(tokens[i]) }; i += 1 }
            guard line.count == 5, line.allSatisfy({ if case .number = $0.kind { return true } else { return false } }) else { return nil }
            groups[g] = line
            guard n < 2 else { break }
            words = ""
            while i < tokens.count, tokens[i].isLabelPart { words += ReportText.key(tokens[i].text); i += 1 }
        }
        return groups.flatMap { $0 ?? [] }
    }

    // MARK: helpers

    /// Footnote marks a value may carry on its own line (`43*`, `369①`).
    /// (`*`, `＊`, `※`, `△`, `▲`, `#` and ① to ⑳, told by value: every text token is asked, and
    /// hashing its first scalar into a set cost more than the rest of the scan.)
    private static func isFootnoteMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2A, 0xFF0A, 0x203B, 0x25B3, 0x25B2, 0x23, 0x2460...0x2473: return true
        default: return false
        }
    }

    /// A value on its own line with only a footnote mark after it (`43*` in a copy with one cell
    /// per line) is alone on its line like the plain values around it: the mark does not make it
    /// the row's anchor, which turned the plain values into possible page numbers and left the
    /// row unread (review 10k H2). As for a plain value, only up to four digits.
    static func footnotedValuesAlone(_ tokens: [ReportToken]) -> [ReportToken] {
        func isMark(_ t: ReportToken) -> Bool {
            t.kind == .text && !t.text.isEmpty
                && t.text.unicodeScalars.allSatisfy(isFootnoteMark)
        }
        guard tokens.contains(where: isMark) else { return tokens }
        var out = tokens
        var start = 0
        while start < tokens.count {
            var end = start
            while end < tokens.count, tokens[end].line == tokens[start].line { end += 1 }
            // One number of at most four digits, then only marks.
            if end - start >= 2, case .number = tokens[start].kind, !tokens[start].aloneOnLine,
                tokens[start].text.utf8.count <= 4, tokens[start].text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                tokens[(start + 1)..<end].allSatisfy(isMark)
            {
                out[start].aloneOnLine = true
            }
            start = end
        }
        return out
    }

    private static func keys(_ list: [String]?) -> [[Unicode.Scalar]] { (list ?? []).map { Array($0.unicodeScalars) } }

    // The label keys as scalars, made once (every table read made them again for every row).
    private static let t3KeyScalars = t3Keys.mapValues { keys($0) }
    /// Every row's keys, for `WrappedLabels`.
    private static let t3AllKeyScalars = t3KeyScalars.values.flatMap { $0 }
    /// Each table-三 row's own total (R4: the last column the sum of the others), by row in the
    /// schema's order, made once a format (the constraint and its parts were made for every row read).
    private static let t3RowTotals: [ReportFormatVersion: [[SumConstraint]]] = [.v2019: t3RowTotals(.v2019), .v2021: t3RowTotals(.v2021)]

    private static func t3RowTotals(_ schema: ReportSchema) -> [[SumConstraint]] {
        let width = schema.t3Columns.count
        let parts = Array(0..<(width - 1))
        return schema.t3Rows.map { [SumConstraint(parts: parts, total: width - 1, rule: .r4, scope: $0.id)] }
    }

    /// Table 三's label keys by row, in the schema's order, made once a format (looked up by the
    /// row's id, hashed, for every row of every read before).
    private static let t3RowKeyScalars: [ReportFormatVersion: [[[Unicode.Scalar]]]] = [
        .v2019: ReportSchema.v2019.t3Rows.map { t3KeyScalars[$0.id] ?? [] }, .v2021: ReportSchema.v2021.t3Rows.map { t3KeyScalars[$0.id] ?? [] },
    ]
    private static let t3HeaderKeyScalars = keys(t3HeaderKeys)
    /// The groups' names whose pieces `RowBands` sets apart from the labels beside them: in the
    /// 2019 format （六）其他处理 is a row of its own.
    private static let t3GroupNames: [ReportFormatVersion: [[Unicode.Scalar]]] = [
        .v2019: keys(["三本年度办理结果", "三不予公开", "四无法提供", "五不予处理"]),
        .v2021: keys(["三本年度办理结果", "三不予公开", "四无法提供", "五不予处理", "六其他处理"]),
    ]
    private static let t2CaptionKeyScalars = t2CaptionKeys.mapValues { keys($0) }
    private static let t2RowKeyScalars = t2RowKeys.mapValues { keys($0) }
    private static let t4ReviewKeyScalars = keys(["行政复议"])
    private static let t4AfterReviewKeyScalars = keys(["复议后起诉", "复议后"])

    // The column labels said in repairs and assumptions, made once a format (table 四's fifteen
    // were interpolated for every report, most of which has no repair to say them in).
    private static let t3ColumnLabels: [ReportFormatVersion: [String]] = [.v2019: t3ColumnLabels(.v2019), .v2021: t3ColumnLabels(.v2021)]
    /// Table 四's cells in the table's order, `allCells`' own (see `ReportSchema.t3Grid`), made once a format.
    private static let t4Cells: [ReportFormatVersion: [CellID]] = [.v2019: t4Cells(.v2019), .v2021: t4Cells(.v2021)]

    private static func t4Cells(_ schema: ReportSchema) -> [CellID] {
        let cells = schema.allCells
        let index = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1, $0) })
        return schema.t4Groups.flatMap { g in schema.t4Columns.map { cells[index[CellID.t4(g.id, $0.id)]!] } }
    }

    private static let t3ColumnNames: [ReportFormatVersion: String] = t3ColumnLabels.mapValues { $0.joined(separator: "”“") }
    /// A table-二 row's cells, which of them may be negative, and its columns' labels.
    private struct T2RowCells {
        let ids: [CellID]
        let negativeAllowed: [Bool]
        let columnLabels: [String]
    }

    /// Table 二's rows by block and row, made once a format (every read made each row's cell
    /// identifiers again).
    private static let t2RowCells: [ReportFormatVersion: [[T2RowCells]]] = [.v2019: t2RowCells(.v2019), .v2021: t2RowCells(.v2021)]

    private static func t2RowCells(_ schema: ReportSchema) -> [[T2RowCells]] {
        schema.t2.map { block in
            block.rows.map { row in
                let ids = block.columns.map { CellID.t2(block.id, row.id, $0.id) }
                return T2RowCells(ids: ids, negativeAllowed: ids.map(schema.allowsNegative), columnLabels: block.columns.map(\.label))
            }
        }
    }

    private static let t4ColumnLabels: [ReportFormatVersion: [String]] = [.v2019: t4ColumnLabels(.v2019), .v2021: t4ColumnLabels(.v2021)]

    private static func t3ColumnLabels(_ schema: ReportSchema) -> [String] { schema.t3Columns.map { schema.t3ColumnLabel($0.id) } }

    private static func t4ColumnLabels(_ schema: ReportSchema) -> [String] {
        schema.t4Groups.flatMap { g in schema.t4Columns.map { "\(g.label)·\($0.label)" } }
    }

    /// The value tokens after a label: up to the next label, or for the last label of a table up
    /// to the first text after the values.
    static func valueTokens(_ tokens: [ReportToken], after: Int, before: Int?) -> [ReportToken] {
        // Where the values end and how many there are, found first: the array is then made to
        // size (grown value by value, it was made again three or four times a row).
        let end = before ?? tokens.count
        var stop = after + 1
        var count = 0
        var printedValue = false
        while stop < end {
            if tokens[stop].isValue {
                count += 1
                if tokens[stop].kind != .empty { printedValue = true }
            } else if before == nil, printedValue, !isUnitAfterValue(tokens, stop) {
                break
            }
            stop += 1
        }
        var values: [ReportToken] = []
        values.reserveCapacity(count)
        var i = after + 1
        while i < stop {
            if tokens[i].isValue { values.append(tokens[i]) }
            i += 1
        }
        return values
    }

    /// A blank cell's marker glued to the row's label (`…申请数量—`) before a full row of values
    /// (`…申请数量— 25 29 3 0 7 0 64`) is a separator the copy typed, not a cell; before a row one
    /// value short it is the row's first cell (review 25).
    static func withoutTypedSeparator(_ values: [ReportToken], width: Int) -> [ReportToken] {
        guard values.count == width + 1, values.first?.markerAfterLabel == true else { return values }
        return Array(values.dropFirst())
    }

    /// The units a count may be printed with inside its cell (`1件`, `2 件`).
    private static let countUnits: Set<String> = ["件", "个", "条", "项"]

    /// Whether the token is a count's unit after the value on its line (`1件` in a table-四 cell):
    /// part of that cell, not words that end the row (review 16: table 四 printed with 件 in its
    /// cells read one value).
    private static func isUnitAfterValue(_ tokens: [ReportToken], _ k: Int) -> Bool {
        tokens[k].kind == .text && k > 0 && tokens[k - 1].isValue && tokens[k - 1].kind != .empty
            && tokens[k - 1].line == tokens[k].line && countUnits.contains(tokens[k].text)
    }

    /// The numerals 一 to 七, each three bytes of UTF-8.
    private static let numeralBytes: [[UInt8]] = "一二三四五六七".unicodeScalars.map { Array(String($0).utf8) }

    /// Whether a key's bytes are at most two of the numerals 一 to 七 (a group's bare ordinal,
    /// `三`), told on the bytes: each numeral is three bytes, so a key of them is three or six
    /// bytes, each three a numeral (no string made of the key to count its scalars).
    private static func isBareNumeral(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count <= 6, key.count % 3 == 0 else { return false }
        var i = 0
        while i < key.count {
            let (a, b, c) = (key[i], key[i + 1], key[i + 2])
            guard numeralBytes.contains(where: { $0[0] == a && $0[1] == b && $0[2] == c }) else { return false }
            i += 3
        }
        return true
    }

    /// The row label as printed: the label tokens of the match's line around it, without the
    /// group headers printed before it (三、本年度办理结果, （三）不予公开 …).
    private static func printedLabel(_ tokens: [ReportToken], around match: LabelIndex.Match, notBefore: Int, isGroupRow: Bool) -> String {
        let line = tokens[match.firstToken].line
        var start = match.firstToken, end = match.lastToken
        while start - 1 >= notBefore, tokens[start - 1].isLabelPart, tokens[start - 1].line == line { start -= 1 }
        while end + 1 < tokens.count, tokens[end + 1].isLabelPart, tokens[end + 1].line == tokens[match.lastToken].line { end += 1 }
        // The label parts by index: no token copied.
        var parts: [Int] = []
        parts.reserveCapacity(end - start + 1)
        for k in start...end where tokens[k].isLabelPart { parts.append(k) }
        var first = 0
        while parts.count - first > 1 {
            // Told on the keys' bytes: no key made for each part.
            let (isGroup, isBare) = ReportText.withKeyBytes(tokens[parts[first]].text) { key in
                (!isGroupRow && isGroupKey(key), isBareNumeral(key))
            }
            guard isGroup || (parts.count - first > 2 && isBare && ReportText.withKeyBytes(tokens[parts[first + 1]].text, isGroupKey))
            else { break }
            first += 1
        }
        // One part (most labels): its text as it is.
        if parts.count - first == 1 { return tokens[parts[first]].text }
        // The parts run together in a string made to size (made of their bytes, it was checked
        // as UTF-8 again, though each part is a string already).
        var label = ""
        label.reserveCapacity(parts[first...].reduce(0) { $0 + tokens[$1].text.utf8.count })
        for k in parts[first...] { label += tokens[k].text }
        return label
    }
}
