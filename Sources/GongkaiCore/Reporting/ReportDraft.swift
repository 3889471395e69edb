/// The first draft of a report's text: section 一 under the five sub-headings of the 2021 format
/// (主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障), quoting the year's figures by live
/// reference; section 五 and the parts only the office can write marked 【请填写…】, which a
/// report cannot be submitted with; section 六 with the fee statement from the fee records.
public enum ReportDraft {
    public struct Sources: Sendable {
        /// Figures the platform keeps for the year (publications, public messages).
        public var publications: Bool
        public var messages: Bool
        public init(publications: Bool, messages: Bool) {
            self.publications = publications
            self.messages = messages
        }
    }

    public static func sections(agencyName: String, year: Int, sources: Sources, feeStatement: String) -> [ReportSection: String] {
        func f(_ figure: LiveFigure) -> String { figure.token }
        // The 2019 format counts documents made and published, not repealed.
        let normative = ReportFormatVersion.inForce(forYear: year) == .v2019
            ? "本年新制作规范性文件\(f(.normativeIssued))件，对外公开规范性文件总数\(f(.normativeInForce))件。"
            : "本年制发行政规范性文件\(f(.normativeIssued))件，废止\(f(.normativeRepealed))件，现行有效\(f(.normativeInForce))件。"
        let proactive = sources.publications
            ? "\(year)年，\(agencyName)通过政府门户网站主动公开政府信息\(f(.publications))条，发布政策解读\(f(.interpretations))篇；" + normative
            : "\(year)年，\(agencyName)" + normative + "\(ReportReadiness.placeholderMark)：主动公开政府信息的数量和重点领域信息公开情况】"
        let requests = "全年共收到政府信息公开申请\(f(.requestsNewReceived))件，上年结转\(f(.requestsCarriedOverIn))件；"
            + "办结\(f(.requestsConcluded))件，其中予以公开\(f(.requestsDisclosed))件，部分公开\(f(.requestsPartiallyDisclosed))件，"
            + "不予公开\(f(.requestsWithheld))件，无法提供\(f(.requestsUnable))件，不予处理\(f(.requestsNotProcessed))件，其他处理\(f(.requestsOther))件；"
            + "结转下年度继续办理\(f(.requestsCarriedOverOut))件。因政府信息公开引起行政复议\(f(.reconsiderations))件、行政诉讼\(f(.lawsuits))件。"
        let management = "\(ReportReadiness.placeholderMark)：政府信息管理情况，如公开属性源头认定、保密审查、政策文件清理】"
        let platform = sources.messages
            ? "全年受理群众来信来电\(f(.messagesReceived))件，办结\(f(.messagesCompleted))件，办结率\(f(.messagesCompletionRate))，"
                + "满意率\(f(.messagesSatisfactionRate))。\(ReportReadiness.placeholderMark)：政府网站、政务新媒体等平台建设情况】"
            : "\(ReportReadiness.placeholderMark)：政府网站、政务新媒体、政民互动等平台建设情况】"
        let oversight = "\(ReportReadiness.placeholderMark)：组织领导、制度建设、培训、考核、社会评议和责任追究情况】"
        return [
            .overview: ["（一）主动公开", proactive, "（二）依申请公开", requests, "（三）政府信息管理", management,
                        "（四）政府信息公开平台建设", platform, "（五）监督保障", oversight].joined(separator: "\n"),
            .problems: "\(ReportReadiness.placeholderMark)：本年度工作存在的主要问题，以及上一年度问题的改进情况；避免与往年雷同】",
            .other: feeStatement,
        ]
    }
}
