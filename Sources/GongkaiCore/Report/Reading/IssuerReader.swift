import Foundation

/// Who issued a report, read only from where reports state it: the title ("示范县教育局2023年
/// 政府信息公开工作年度报告"), the signature and date at the end ("示范县人民政府办公室
/// 2024年1月20日"), or "本报告由示范县人民政府办公室编制". Site chrome around a copied page
/// (page titles, navigation, crawl headers, footers) is stripped; a name is taken only when it
/// looks like an agency. Otherwise nil: "未能确定" is better than a wrong name.
enum IssuerReader {
    struct Title {
        /// The title line (its report segment), for the year.
        let line: String
        let issuer: String?
        /// The name the title line gives alone, when `issuer` joins a line above onto it although
        /// it was whole (金沙 / 江市城关镇人民政府…): the joined name stands only where the text
        /// confirms it, else the title names none (see `ReportStructure`).
        var alone: String? = nil
    }

    /// Report titles, longest first, so the issuer is what precedes the first one found.
    static let titleMarkers = [
        "政府信息公开工作年度报告", "政府信息公开年度工作报告", "政府信息公开工作情况年度报告", "政府信息公开年度报告",
        "政府信息公开工作情况的报告", "政府信息公开工作的报告", "政府信息公开工作报告", "政府信息公开年报", "政务公开工作年度报告", "信息公开工作年度报告", "信息公开年度报告", "年度报告",
    ]

    /// Separators between a page title and the site's name, or between navigation steps.
    /// A hyphen or dash without spaces counts too ("示范县人民政府-示范县教育局2022年…报告"): no
    /// agency name contains one, so the title is always one side of it.
    static let chromeSeparators = [" - ", " – ", " — ", "——", "_", "|", "｜", ">", "›", "»", "＞", "→", "--", "-", "—", "－", "–"]
    private static let chromeSeparatorMatcher = KeyMatcher(chromeSeparators)

    /// Where an agency name ends: 县 市 区 … 局 委 办 … (the last character of its kind).
    static let agencyEndings: Set<Character> = [
        "县", "市", "区", "旗", "州", "盟", "乡", "镇", "村", "道", "局", "厅", "委", "会", "办", "室", "处", "府", "院",
        "署", "部", "心", "站", "所", "队", "馆", "关", "行", "社", "团", "校", "场", "库", "台", "司", "组", "园", "省", "宫",
    ]

    /// Words that never belong to an agency's name but often to what surrounds it on a page.
    static let notAName = [
        "根据", "按照", "依据", "本报告", "本机关", "本单位", "我局", "我委", "我办", "条例", "网站", "门户", "首页", "位置", "页面", "Page", "page",
        "浏览", "发布", "来源", "时间", "日期", "索引", "字号", "访问", "打印", "关闭", "分享", "下载", "附件",
        "主办", "承办", "版权", "备案", "联系", "地址", "电话", "邮编", "技术支持", "标题", "栏目", "专栏",
        // A news headline above a title ("示范县召开政务公开工作推进会": review 21 took it for the issuer).
        "召开", "举办", "举行",
    ]

    /// The last characters of a second name in brackets: a body's (局, 委, 办, 室, 院, 署, 会, 中心…),
    /// not a place's or a part's (县, 机关, 本部, 试行).
    static let secondNameEndings: Set<Character> = ["局", "委", "办", "室", "院", "署", "会", "心", "站", "所", "队", "馆", "处", "厅"]

    /// The bodies whose names end in 会 (an agency's ending); any other 会 ends a meeting's name
    /// (推进会, 培训会, 联谊会, 招商会, 开工会: reviews 21–24), no agency's.
    static let councilEndings = [
        "委员会", "人大常委会", "管委会", "联合会", "协会", "红十字会", "基金会", "总工会", "总商会", "促进会", "研究会", "慈善总会", "贸促会",
    ]

    /// The scalars of the marks no agency name has (see `looksLikeAgency`), and U+037E, the only
    /// scalar canonically equivalent to one of them (to `;`), as characters compare.
    static let notInNameScalars: [UInt32] = "，。；：、《》“”\"'!?！？…,;:()（）[]【】<>/\\@#%&*=+ \t".unicodeScalars.map(\.value) + [0x037E]

    static func looksLikeAgency(_ name: String) -> Bool {
        // A second name in brackets after the first ("示范县农业农村局(县乡村振兴局)", two bodies
        // under one roof: review 25 never took it, and another title won): both must be names,
        // the second a body's of its own — not an aside (（局机关）, （本部）, （试行）, （全县）,
        // （原…局）, the same name again: review 26).
        if name.hasSuffix(")"), let open = name.lastIndex(of: "("), open > name.startIndex {
            let outer = String(name[..<open])
            let inner = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            guard inner.count >= 3, inner != outer, !inner.hasPrefix("原"), let end = inner.last, secondNameEndings.contains(end) else { return false }
            return looksLikeAgency(outer) && looksLikeAgency(inner)
        }
        // In a plain name (`YearScan.isPlain`) the scalars are the characters: counted as such
        // (counting characters was most of this test for the long text before a title marker).
        let count = isPlain(name) ? name.unicodeScalars.count : name.count
        guard count >= 2, count <= 40, let last = name.last, agencyEndings.contains(last) else { return false }
        if last == "会", !councilEndings.contains(where: { name.hasUTF8Suffix($0) }) { return false }
        guard let first = name.unicodeScalars.first, !(first.value >= 48 && first.value <= 57) else { return false }
        guard name.unicodeScalars.contains(where: { $0.value >= 0x4E00 && $0.value <= 0x9FFF }) else { return false }
        // Every such mark is one scalar: a name without any of them has no such character, and
        // only a name with one is compared character by character (which cost more than the rest).
        if name.unicodeScalars.contains(where: { Self.notInNameScalars.contains($0.value) }),
            name.contains(where: { "，。；：、《》“”\"'!?！？…,;:()（）[]【】<>/\\@#%&*=+ \t".contains($0) })
        {
            return false
        }
        // A sentence about the report ("现将示范县…年度报告公布如下"), not a name.
        // (Only words no place or agency begins with: 本溪市, 将乐县, 经开区 are names.)
        if sentenceStarts.isPrefix(of: name) { return false }
        return !notANameMatcher.matchesAny(name)
    }

    /// Words a sentence about the report starts with (see `looksLikeAgency`), tested on the bytes
    /// of a plain name (`WordList`; `hasPrefix` compared characters).
    private static let sentenceStarts = NarrativeChecks.WordList(["现将", "现予", "现公布", "现就", "特此", "兹", "按照", "根据", "依据"])

    /// `notAName` searched in one pass over a name (a search for each word before).
    private static let notANameMatcher = KeyMatcher(notAName)

    /// The title among the first lines of a report (title, subtitle, chrome), and its issuer.
    static func title(in lines: [String]) -> Title? {
        let all = titles(in: lines)
        return all.first { $0.issuer != nil } ?? all.first
    }

    /// Every report title among the first lines, in order: the report's own, and those of other
    /// reports a copied page lists above it (相关报告, 热点信息, breadcrumbs). Each with the issuer
    /// it names, if any; a title that names none counts only when it is about 信息公开 or 政务公开.
    static func titles(in lines: [String]) -> [Title] {
        var readings = IssuerReadings()
        return titles(in: lines, readings: &readings)
    }

    /// The issuers read before title markers (`issuerPart`, then `looksLikeAgency`), kept for the
    /// same title read again: the split reads the title line alone, then the head's lines are
    /// read together (each reading was a fortieth of reading a report's structure). Keyed by
    /// their bytes: what is read from the same bytes is the same. Hashed, not searched: a text of
    /// thousands of distinct title lines made a search of every kept one quadratic (review 11).
    struct IssuerReadings {
        private struct Part: Hashable {
            let bytes: [UInt8]
            let notice: Bool
        }
        private var parts: [Part: String] = [:]
        private var agencies: [[UInt8]: Bool] = [:]

        fileprivate mutating func issuerPart(of text: String, notice: Bool) -> String {
            let key = Part(bytes: Array(text.utf8), notice: notice)
            if let known = parts[key] { return known }
            let name = IssuerReader.issuerPart(of: text, notice: notice)
            parts[key] = name
            return name
        }

        fileprivate mutating func looksLikeAgency(_ name: String) -> Bool {
            let key = Array(name.utf8)
            if let known = agencies[key] { return known }
            let isAgency = IssuerReader.looksLikeAgency(name)
            agencies[key] = isAgency
            return isAgency
        }
    }

    /// `titles(in:)`, with the issuers read before taken from `readings` (and the new ones added).
    static func titles(in lines: [String], readings: inout IssuerReadings) -> [Title] {
        var found: [Title] = []
        for (index, line) in lines.enumerated() where line.hasSubstring("报告") || line.hasSubstring("年报") {
            // "相关推荐：示范县财政局2022年…报告", "上一篇：…": an item of a list of other pages.
            if startsWithListLabel(line) { continue }
            // A title quoted whole (《示范县教育局2022年…报告》) is read inside its quotes.
            let trimmed = ReportText.trimmedSpaces(line)
            let line = trimmed.hasPrefix("《") && trimmed.hasSuffix("》") ? String(trimmed.dropFirst().dropLast()) : line
            for spaced in segments(line) {
                // Spaces inside a title are no part of it ("政府　信息公开"): a marker or a name cut by
                // one was missed, or read in part (示范县水利局政府).
                let segment = spaced.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) ? ReportText.withoutWhitespace(spaced) : spaced
                guard let marker = titleMarkers.first(where: { segment.hasSubstring($0) }),
                    let range = segment.plainRange(of: marker)
                else { continue }
                let before = String(segment[..<range.lowerBound])
                // Only a notice publishing the report (关于…的通知, …转发…报告的通知) names the
                // report's issuer after a publishing verb; in a report's own title a verb is part
                // of a name (示范县突发事件预警信息发布中心).
                let notice = before.hasSubstring("关于") || ["通知", "公告", "通告", "函"].contains { segment[range.upperBound...].hasSubstring($0) }
                var name = readings.issuerPart(of: before, notice: notice)
                var titleLine = segment
                let wholeLine = index > 0 && spaced == ReportText.trimmedSpaces(line)
                var alone: String?
                if wholeLine, let (joinedName, joinedLine, ontoWhole) = brokenTitle(lines, before: index, segment, name: name, readings: &readings) {
                    if ontoWhole { alone = name }
                    name = joinedName
                    titleLine = joinedLine
                } else if name.isEmpty, wholeLine {
                    // A title broken over two lines: 示范县交通运输局 / 2023年政府信息公开工作年度报告
                    // (the whole line is the title, no page chrome around it).
                    name = cleaned(lines[index - 1])
                }
                // "示范县教育局政府信息公开工作年度报告" with "（2022年度）" on the next line: the
                // title's year is there.
                if ReportStructure.titleYear(titleLine) == nil, index + 1 < lines.count, isYearLine(lines[index + 1]) {
                    titleLine += lines[index + 1]
                }
                let title = Title(line: titleLine, issuer: readings.looksLikeAgency(name) ? name : nil, alone: alone)
                if title.issuer != nil || segment.hasSubstring("信息公开") || segment.hasSubstring("政务公开") { found.append(title) }
            }
        }
        return found
    }

    /// A title broken inside its name or after its year, the lines before it fragments (Word and
    /// PDF titles wrap anywhere: 示范县退役军人 / 事务局2022年…, 示范县城关镇 / 人民政府2022年…, 金沙 /
    /// 江市城关镇…, 2022 / 年示范县医疗保障局…, …管理局政府 / 信息公开工作年度报告, 示范县统计局 /
    /// 2022年政府 / 信息公开…: review 27 read 事务局, 人民政府, 江市城关镇…, 年示范县…, 政府): the
    /// issuer and the title line read from the lines joined (one line before, else two), a name
    /// of a place's agency (up to three lines). When what `segment` names alone is no whole name —
    /// nothing, no agency, naming no place, starting with a place's last character, 和, 族 or the
    /// year's 年 — the line before may be words, brackets and digits; when it is a whole name, only
    /// a short piece that is no agency (青岭县东, 金沙), and `ontoWhole` says that the text must
    /// confirm the joined name: such a piece may as well be a column's or a page's words above
    /// the title (通知公告, 正文, 县直部门: reviews 28, 29).
    private static func brokenTitle(
        _ lines: [String], before index: Int, _ segment: String, name: String, readings: inout IssuerReadings
    ) -> (name: String, line: String, ontoWhole: Bool)? {
        var joined = segment
        var read = name
        var ontoWhole = false
        var found: (name: String, line: String, ontoWhole: Bool)?
        for k in 1...3 where index - k >= 0 {
            let fragment = ReportText.withoutWhitespace(lines[index - k])
            guard !fragment.isEmpty, fragment.unicodeScalars.count <= 30, fragment.unicodeScalars.allSatisfy(isFragmentScalar) else { break }
            let startsCut = read.first.map { placeCharacters.contains($0) || "和与及族".contains($0) } ?? true
            let whole = !read.isEmpty && !read.hasPrefix("年") && !startsCut && namesPlace(read) && readings.looksLikeAgency(read)
            // Onto a whole name only a short piece: a place (滨海新区, 2022年锡林郭勒盟) or a piece of a
            // name (金沙), not another agency (示范县人民政府, a site's name).
            let place = fragment.last.map { placeCharacters.contains($0) } ?? false
            // (Nor the name's own start again: a site's 示范县 above 示范县教育局… — review 31.)
            if whole, fragment.unicodeScalars.count > 12 || (readings.looksLikeAgency(fragment) && !place) || read.hasPrefix(fragment) { break }
            // A piece of a name (金沙, 青岭县东) or a column's words (通知公告, 县直部门, 乡镇动态): the
            // text must confirm the joined name (reviews 28, 29).
            ontoWhole = ontoWhole || whole
            let candidate = fragment + joined
            guard let marker = titleMarkers.first(where: { candidate.hasSubstring($0) }), let range = candidate.plainRange(of: marker) else { break }
            // A piece of the name, not of the title's words (`…2022年政府信息公` / `开工作年度报告`),
            // holds none of a column's or a site's words.
            let nameOnly = candidate.utf8.distance(from: candidate.startIndex, to: range.lowerBound) >= fragment.utf8.count
            if nameOnly, fragmentWords.contains(where: { fragment.hasSubstring($0) }) { break }
            joined = candidate
            let notice = joined[..<range.lowerBound].hasSubstring("关于")
            read = readings.issuerPart(of: String(joined[..<range.lowerBound]), notice: notice)
            // A name still cut (和改革委员会: 长白…县发展 / 和改革委员会 / 2022年…) goes on to the line before.
            guard !read.isEmpty, namesPlace(read), readings.looksLikeAgency(read) else { continue }
            if read != name { found = (read, joined, ontoWhole) }
        }
        return found
    }

    /// The starts of names only a place's body has (a signature's second line, 人民政府…).
    private static let placeBound = ["人民政府", "人民代表大会", "人大常委会", "政府办公室", "政协"]

    /// Whether a scalar may be in a piece of a broken title: an ideograph, a digit, a bracket.
    private static func isFragmentScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isIdeographic || (s.value >= 0x30 && s.value <= 0x39) || s == "(" || s == ")"
    }

    /// Words of the lines around a title that no piece of an agency's name holds (a column's
    /// name, a site's, a report's).
    private static let fragmentWords = ["报告", "公开", "信息", "首页", "网", "栏目", "专栏", "年报"]

    /// Whether a name or fragment names a place: a province, city, county, district, town… (省 市
    /// 县 区 州 盟 旗 镇 乡, 街道), or the state (国家, 国务院).
    private static func namesPlace(_ text: String) -> Bool {
        text.contains(where: { placeCharacters.contains($0) }) || text.hasSubstring("街道") || text.hasPrefix("国家") || text.hasPrefix("国务院")
    }
    private static let placeCharacters: Set<Character> = ["省", "市", "县", "区", "州", "盟", "旗", "镇", "乡"]

    /// Labels of a list of other pages a copied page shows: a line starting with one is an
    /// item of that list, never the report's title.
    static let listLabels = [
        "相关推荐", "相关报告", "相关阅读", "相关文章", "相关链接", "相关信息", "推荐阅读", "延伸阅读",
        "热点", "热门", "上一篇", "下一篇", "上一条", "下一条", "猜你喜欢",
    ]

    /// What may stand before a list label on its line: brackets and bullets ("【相关阅读】",
    /// "■ 相关链接", "> 推荐阅读").
    static let labelDecorations: Set<Character> = [
        "【", "[", "(", "〔", "〖", "■", "□", "●", "○", "◆", "◇", "▪", "▫", "★", "☆", "※", "▶", "►", "▲", "△", ">", "›", "»",
        "·", "•", "-", "—", "*", "#", "→", "|", "｜", " ", "\t",
    ]

    /// Whether a line starts with a list label, after any bullets or brackets.
    static func startsWithListLabel(_ line: String) -> Bool {
        let rest = line.drop { labelDecorations.contains($0) }
        // A prefix starts with its first character: most lines are passed on that one.
        guard let first = rest.first, listLabelFirsts.contains(first) else { return false }
        return listLabels.contains { rest.hasPrefix($0) }
    }

    /// The first characters of `listLabels`.
    static let listLabelFirsts = Set(listLabels.compactMap(\.first))

    /// Labels that open a list of other pages at the end of a page (热点 and 热门 only with what
    /// they label: "热点回应" is a heading of a report's own text).
    static let endListLabels =
        listLabels.filter { $0 != "热点" && $0 != "热门" }
        + ["热点推荐", "热点信息", "热点新闻", "热点文章", "热门推荐", "热门文章", "热门信息"]

    /// `endListLabels` searched in one pass.
    static let endListLabelMatcher = KeyMatcher(endListLabels)

    /// `endListLabels` in UTF-8, for a byte search before a line is decoded.
    static let endListLabelBytes = endListLabels.map { Array($0.utf8) }

    /// Whether a line opens a list of other pages at the end of a copied page: a label (after
    /// bullets or brackets) on a line that is no sentence.
    static func isListOfOtherPages(_ line: String) -> Bool {
        // A label is in the line's bytes before it can start it: most lines are passed over here
        // (this runs on every line of the last section). All labels in one pass over the bytes
        // (`KeyMatcher`; a pass over the scalars for the labels' first characters, then a search
        // for each label, cost three times as much).
        guard endListLabelMatcher.matchesAny(line) else { return false }
        let rest = line.drop { labelDecorations.contains($0) }
        guard endListLabels.contains(where: { rest.hasPrefix($0) }) else { return false }
        return !line.contains { "。，；,;".contains($0) }
    }

    /// Whether a line is a report's title: a title marker about 信息公开 or 政务公开, no sentence
    /// and no item of a list of other pages.
    static func isReportTitle(_ line: String) -> Bool {
        // At most 80 characters: at most 80 bytes are, and past that the count stops at 81.
        // (No more scalars than 80: no more characters either, without counting them.)
        // In a plain line (`YearScan.isPlain`) the scalars are the characters: more than 80 of
        // them are more than 80 characters, not counted again.
        let short =
            line.utf8.count <= 80 || line.unicodeScalars.count <= 80
            || !isPlain(line) && line.index(line.startIndex, offsetBy: 81, limitedBy: line.endIndex) == nil
        guard short,
            line.hasSubstring("报告") || line.hasSubstring("年报"),
            titleMarkers.contains(where: { line.hasSubstring($0) }),
            line.hasSubstring("信息公开") || line.hasSubstring("政务公开")
        else { return false }
        return !(mayHoldSentenceMark(line) && line.contains { "。，；,;".contains($0) }) && !startsWithListLabel(line)
    }

    private static func isPlain(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { YearScan.isPlain($0) }
    }

    /// Whether a line's bytes hold 。，；,; or U+037E (a ";" to Swift's comparison): a line
    /// without any holds no such character, and most titles are passed without comparing
    /// each of their characters.
    static func mayHoldSentenceMark(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { b in
            var i = 0
            while i < b.count {
                switch b[i] {
                case 0x2C, 0x3B: return true
                case 0xE3 where i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x82: return true
                case 0xEF where i + 2 < b.count && b[i + 1] == 0xBC && (b[i + 2] == 0x8C || b[i + 2] == 0x9B): return true
                case 0xCD where i + 1 < b.count && b[i + 1] == 0xBE: return true
                default: i += 1
                }
            }
            return false
        }
    }

    /// A line that is only the title's year: "（2022年度）", "(2023 年度)", "2022年度", "（2022年）",
    /// and in Chinese numerals "（二〇二二年度）" (review 10h M1). A bare "2023年" or "二〇二三年" is
    /// as often a cover's year of publication, a year after the report's (review 10i H3): it
    /// counts only in brackets.
    static func isYearLine(_ line: String) -> Bool {
        // 年 ends the year: a line without it (nor a compatibility ideograph, which may stand
        // for it) is no year line, without reading its characters.
        guard mayHoldNian(line) else { return false }
        if let plain = plainYearLine(line) { return plain }
        let brackets = yearLineBrackets
        let t = line.filter { !$0.isWhitespace && !brackets.contains($0) }
        let numerals = chineseNumerals
        guard t.count >= 5, t.count <= 6, t.prefix(4).allSatisfy({ ($0.isASCII && $0.isNumber) || numerals.contains($0) }) else { return false }
        let rest = t.dropFirst(4)
        return rest == "年度" || (rest == "年" && line.contains { brackets.contains($0) })
    }

    /// `isYearLine` of a plain line (`YearScan.isPlain`: each scalar a character of its own, the
    /// only spaces tab, line feed, form feed and space), read on its scalars without filtering
    /// and hashing its characters (a long line is passed over at its seventh); nil for another line.
    private static func plainYearLine(_ line: String) -> Bool? {
        guard isPlain(line) else { return nil }
        var t: [Unicode.Scalar] = []
        var bracketed = false
        for c in line.unicodeScalars {
            switch c {
            case " ", "\t", "\n", "\u{0C}": continue
            case "(", ")", "（", "）", "〔", "〕", "[", "]", "【", "】": bracketed = true
            default:
                t.append(c)
                if t.count > 6 { return false }
            }
        }
        func isDigit(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "0"..."9", "〇", "○", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九": true
            default: false
            }
        }
        guard t.count >= 5, t.prefix(4).allSatisfy(isDigit) else { return false }
        let rest = t.dropFirst(4)
        return rest.elementsEqual(["年", "度"]) || (rest.elementsEqual(["年"]) && bracketed)
    }

    /// Verbs of a document that publishes the report ("…办公室关于公布示范县教育局2022年…报告的通知",
    /// "…转发示范县教育局…报告"): the report's issuer is what follows them.
    static let publishingVerbs = ["公布", "印发", "转发", "发布", "报送", "上报", "呈报"]

    /// The issuer's part of what precedes a title marker, cleaned: after a label ("年度报告：",
    /// "【年度报告】"), after 关于 and a publishing verb (a notice names the report's issuer there,
    /// never the notice's and the report's run together); before 关于 when nothing follows it
    /// ("示范县教育局关于2022年度…报告").
    static func issuerPart(of text: String, notice: Bool = true) -> String {
        var t = Substring(text)
        // In plain text (`YearScan.isPlain`) each of these marks is a scalar of its own: found on
        // the scalars, not by comparing every character from the end.
        let label =
            isPlain(text)
            ? t.unicodeScalars.lastIndex(where: { $0 == "：" || $0 == ":" || $0 == "】" || $0 == "]" })
            : t.lastIndex(where: { "：:】]".contains($0) })
        if let label { t = t[t.index(after: label)...] }
        var before: Substring = ""
        if let about = t.plainRange(of: "关于", backwards: true) {
            before = t[..<about.lowerBound]
            t = t[about.upperBound...]
        }
        for verb in publishingVerbs where notice {
            guard let v = t.plainRange(of: verb, backwards: true) else { continue }
            if before.isEmpty { before = t[..<v.lowerBound] }
            t = t[v.upperBound...]
        }
        let name = withoutSubject(cleaned(String(t)))
        return name.isEmpty && !before.isEmpty ? withoutSubject(cleaned(String(before))) : name
    }

    /// What a title says the report is about, between the issuer and its year (示范县人民政府
    /// 政府信息公开工作2022年度报告; 示范县关于2022年度政府信息公开工作的年度报告): never part of a name.
    static let subjectWords = ["政府信息公开工作", "政府信息公开", "政务公开工作", "政务公开", "信息公开工作", "信息公开"]

    /// The name without the year the title marker's 年 ends (…工作2022 of …工作2022年度报告) and
    /// without a trailing subject (see `subjectWords`). On the bytes: a name is rarely either.
    static func withoutSubject(_ name: String) -> String {
        let utf8 = name.utf8
        var end = utf8.endIndex
        var digits = 0
        while digits < 5, end > utf8.startIndex, (0x30...0x39).contains(utf8[utf8.index(before: end)]) {
            end = utf8.index(before: end)
            digits += 1
        }
        if digits != 4 { end = utf8.endIndex }
        let head = utf8[..<end]
        for subject in subjectBytes where head.count >= subject.count && head.suffix(subject.count).elementsEqual(subject) {
            return String(name[..<utf8.index(end, offsetBy: -subject.count)])
        }
        return digits == 4 ? String(name[..<end]) : name
    }

    private static let subjectBytes = subjectWords.map { Array($0.utf8) }

    /// Labels before an issuer's name on a line of its own ("发布机构：示范县教育局").
    static let issuerLabels = ["发布机构", "发布单位", "发布部门", "发文机关", "发文单位", "编制单位", "制发机关"]

    /// `issuerLabels` searched in one pass over a line (a search for each label before: the head's
    /// and the last lines', long ones among them).
    static let issuerLabelMatcher = KeyMatcher(issuerLabels)

    /// A line without an issuer label before the name or a seal note after it
    /// ("发布单位：示范县教育局", "示范县教育局（盖章）").
    static func unlabelled(_ line: String) -> String {
        var t = ReportText.trimmedSpaces(line)
        if let colon = t.firstIndex(where: { $0 == "：" || $0 == ":" }),
            issuerLabels.contains(where: { ReportText.trimmedSpaces(t[..<colon]).hasSuffix($0) })
        {
            t = String(t[t.index(after: colon)...])
        }
        for seal in ["（盖章）", "(盖章)", "（印章）", "(印章)", "盖章"] where t.hasSubstring(seal) { t = t.replacingOccurrences(of: seal, with: "") }
        return t
    }

    /// "发布机构：示范县教育局" on a line of its own, among `lines`.
    static func labelledIssuer(in lines: [String]) -> String? {
        for line in lines where issuerLabelMatcher.matchesAny(line) {
            let rest = unlabelled(line)
            guard rest != ReportText.trimmedSpaces(line) else { continue }
            let name = cleaned(rest)
            if looksLikeAgency(name) { return name }
        }
        return nil
    }

    /// The signature at the end: an agency and a date, on one line or two.
    static func signature(in last: LastLines) -> String? {
        let tail = last.signed
        for (i, line) in tail.enumerated().reversed() {
            guard let date = dateRange(in: line) else { continue }
            let before = cleaned(unlabelled(String(line[..<date.lowerBound])))
            // A name broken before its date's line (长白朝鲜族自治县 / 人民政府国有资产监督管理委员会
            // 2024年1月21日: review 27 read the second line alone): the line before, words alone,
            // begins it when the date's line names what only a place has (人民政府…, 人大常委会…),
            // not a body signing by its short name (交通运输局: review 29 joined prose ending in 县).
            if looksLikeAgency(before), !namesPlace(before), placeBound.contains(where: { before.hasPrefix($0) }), i > 0 {
                let piece = ReportText.withoutWhitespace(tail[i - 1])
                let joined = piece + before
                // The piece a place's name (示范县, 长白朝鲜族自治县): not prose (全县…工作稳步推进), not
                // 全市 or 本县, not an agency of its own (示范县人民政府 / 人民政府办公室) — review 28.
                if piece.unicodeScalars.count >= 3, piece.unicodeScalars.count <= 12, piece.unicodeScalars.allSatisfy(\.properties.isIdeographic),
                    let last = piece.last, placeCharacters.contains(last), let first = piece.first, !"全本我各该为在对把向从以按推服深建".contains(first),
                    looksLikeAgency(joined)
                {
                    return joined
                }
            }
            if looksLikeAgency(before) { return before }
            if before.isEmpty, i > 0 {
                let previous = cleaned(unlabelled(tail[i - 1]))
                if looksLikeAgency(previous) { return previous }
            }
        }
        return nil
    }

    /// The year of the date at the end (the signature's, "2023年1月20日"): the year after the
    /// report's, since reports are published early in the following year.
    static func publicationYear(in last: LastLines) -> Int? {
        for line in last.dated.reversed() {
            guard let date = dateRange(in: line) else { continue }
            return Int(String(line[date].unicodeScalars.prefix(4)))
        }
        return nil
    }

    /// The report's year from the signature's date at the end ("2023年1月20日" → 2022): only a
    /// date written as a signature is (年 月 日; "2024-03-01" at the end of a page is as often
    /// when it was crawled or printed), and only in the first half of the year (reports are due
    /// by 31 January; a date later in the year says nothing sure).
    static func yearBeforeSignatureDate(in last: LastLines) -> Int? {
        for line in last.dated.reversed() {
            guard let range = dateRange(in: line) else { continue }
            let date = line[range].filter { !$0.isWhitespace }
            guard let year = Int(String(date.prefix(4))), let yearEnd = date.firstIndex(of: "年"), let monthEnd = date.firstIndex(of: "月"),
                yearEnd < monthEnd, let month = Int(date[date.index(after: yearEnd)..<monthEnd]), (1...6).contains(month)
            else { return nil }
            return year - 1
        }
        return nil
    }

    /// "本报告由示范县人民政府办公室编制".
    static func statedCompiler(in text: String) -> String? {
        // The byte search first: Foundation's range(of:) folds clusters over the whole report.
        guard text.hasSubstring("本报告由"), let start = text.range(of: "本报告由") else { return nil }
        let rest = text[start.upperBound...].prefix(48)
        for verb in ["负责编制", "编制", "编写", "起草", "制作", "发布", "汇总"] {
            if var end = rest.range(of: verb) {
                // "本报告由示范县教育局根据《条例》要求编制": the name ends where the sentence
                // goes on with how it was compiled.
                if let how = ["根据", "按照", "依据", "依照", "结合", "对照"].compactMap({ rest[..<end.lowerBound].range(of: $0) })
                    .min(by: { $0.lowerBound < $1.lowerBound }) { end = how }
                let name = cleaned(String(rest[..<end.lowerBound]))
                return looksLikeAgency(name) ? name : nil
            }
        }
        return nil
    }

    // MARK: pieces

    /// A line cut at page-title and navigation separators: "Page 8 - 示范县…年度报告_示范县人民政府".
    static func segments(_ line: String) -> [String] {
        var parts = [line]
        // A line holding none of them (told in one pass) is not searched for each.
        if chromeSeparatorMatcher.matchesAny(line) {
            for separator in chromeSeparators where line.hasSubstring(separator) {
                parts = parts.flatMap { $0.components(separatedBy: separator) }
            }
        }
        // "标题：示范县…" in crawl headers.
        if parts.count == 1, !line.hasSubstring("："), !line.hasSubstring(":") { return [ReportText.trimmedSpaces(line)] }
        return parts.map { part in
            if let colon = part.firstIndex(where: { $0 == "：" || $0 == ":" }),
               ["标题", "题目", "名称", "title", "Title"].contains(where: { part[..<colon].hasSuffix($0) }) {
                return String(part[part.index(after: colon)...])
            }
            return part
        }.map { ReportText.trimmedSpaces($0) }.filter { !$0.isEmpty }
    }

    /// A name as printed, without years, brackets around them, 关于, spaces and punctuation.
    static func cleaned(_ text: String) -> String {
        var t = removingChineseYears(ReportStructure.removingYears(text))
        for word in ["关于", "印发"] where t.hasSubstring(word) { t = t.replacingOccurrences(of: word, with: "") }
        t = ReportText.withoutWhitespace(t)
        // Foundation trims scalar by scalar from each end, bridging the string: a name that
        // starts and ends with an ideograph or an ASCII letter or digit, as names do, has
        // nothing to trim (a fiftieth of reading a report's structure).
        if !startsAndEndsWithWordScalars(t) {
            // A second name in brackets ("示范县农业农村局(县乡村振兴局)") keeps its closing bracket.
            let closes = t.hasSuffix(")")
            t = t.trimmingCharacters(in: punctuationAndSymbols)
            if closes, t.contains("("), !t.hasSuffix(")") { t += ")" }
        }
        while t.hasSuffix("的") || t.hasSuffix("度") { t.removeLast() }
        return t
    }

    /// Whether the first and the last scalar are CJK ideographs (U+4E00…U+9FFF) or ASCII letters
    /// or digits: no punctuation nor symbol.
    private static func startsAndEndsWithWordScalars(_ t: String) -> Bool {
        func isWord(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        guard let first = t.unicodeScalars.first, let last = t.unicodeScalars.last else { return false }
        return isWord(first) && isWord(last)
    }

    /// What `cleaned` trims from a name's ends (the union made once: it was built on every call).
    static let punctuationAndSymbols = CharacterSet.punctuationCharacters.union(.symbols)

    /// `二〇二三年度` and its brackets.
    static func removingChineseYears(_ text: String) -> String {
        guard mayHoldNian(text) else { return text }
        let numerals = chineseNumerals
        let c = Array(text)
        var out = ""
        var i = 0
        while i < c.count {
            var j = i
            if c[j] == "(" || c[j] == "（" { j += 1 }
            var k = j
            while k < c.count, numerals.contains(c[k]) { k += 1 }
            if k - j == 4, k < c.count, c[k] == "年" {
                k += 1
                if k < c.count, c[k] == "度" { k += 1 }
                if k < c.count, c[k] == ")" || c[k] == "）" { k += 1 }
                i = k
                continue
            }
            out.append(c[i])
            i += 1
        }
        return out
    }

    /// The brackets around a year line's year, as a set (a string's `contains` compared each
    /// character of the line with each of them).
    static let yearLineBrackets: Set<Character> = ["(", ")", "（", "）", "〔", "〕", "[", "]", "【", "】"]

    /// The digits of a year in Chinese numerals (made once: they were built on every call).
    static let chineseNumerals: Set<Character> = ["〇", "○", "零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// Whether text's bytes hold 年 (E5 B9 B4) or a CJK compatibility ideograph (U+F900–U+FAFF,
    /// EF A4–AB …; some are 年 to Swift's comparison): text without either has no character
    /// equal to 年.
    static func mayHoldNian(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var i = 0
            while i + 2 < b.count {
                if b[i] == 0xE5, b[i + 1] == 0xB9, b[i + 2] == 0xB4 { return true }
                if b[i] == 0xEF, b[i + 1] >= 0xA4, b[i + 1] <= 0xAB { return true }
                i += 1
            }
            return false
        }
    }

    static func isChrome(_ line: String) -> Bool {
        chromeWordMatcher.matchesAny(line)
    }

    /// `chromeWords` searched in one pass (a search for each word before).
    private static let chromeWordMatcher = KeyMatcher(chromeWords)

    /// `chromeWords`, `endListLabels` and `issuerLabels` searched together: a line holding none
    /// is neither chrome nor the start of a list of other pages, nor a labelled issuer (`LastLines`).
    static let endWordMatcher = KeyMatcher(chromeWords + endListLabels + issuerLabels)

    /// Words of a site's chrome at the end of a page (made once: the array was built on every call).
    private static let chromeWords = ["主办", "承办", "版权", "ICP", "备案", "技术支持", "网站标识码", "联系我们", "网站地图", "打印", "关闭窗口"]

    /// `2024年1月20日`, `2024 年 1 月 20 日`, `2024-01-20`, `2024.1.20` at the end of a line.
    static func dateRange(in line: String) -> Range<String.Index>? {
        // Walked back from the line's end on its scalars (an array of every scalar of each of
        // the last lines, twice a check, cost more than the rest of the test).
        let u = line.unicodeScalars
        var end = u.endIndex
        // Spaces, tabs, and the bar that ends a row of cells extracted from HTML or Word.
        while end > u.startIndex {
            let before = u.index(before: end)
            guard u[before] == " " || u[before] == "\t" || u[before] == "│" else { break }
            end = before
        }
        guard end > u.startIndex else { return nil }
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
        // Walk back over the date's characters, then check it starts with a four-digit year.
        var start = end
        var length = 0
        while start > u.startIndex {
            let before = u.index(before: start)
            guard isDigit(u[before]) || dateMarks.contains(u[before]) else { break }
            start = before
            length += 1
        }
        while start < end, u[start] == " " { start = u.index(after: start); length -= 1 }
        guard length >= 8 else { return nil }
        var yearValue = 0
        var k = start
        for _ in 0..<4 {
            guard isDigit(u[k]) else { return nil }
            yearValue = yearValue * 10 + Int(u[k].value - 48)
            k = u.index(after: k)
        }
        guard (2000...2100).contains(yearValue) else { return nil }
        guard u[start..<end].contains(where: { $0 == "月" || $0 == "-" || $0 == "." || $0 == "/" }) else { return nil }
        return start..<end
    }

    /// The scalars a date is written with besides digits.
    private static let dateMarks: [Unicode.Scalar] = ["年", "月", "日", "-", ".", "/", " "]
}
