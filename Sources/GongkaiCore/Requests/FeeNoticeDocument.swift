/// 收费通知 (statute §3.4): basis, rate, amount, how and by when to pay, and what happens if not.
public enum FeeNoticeDocument {
    public static func make(agencyName: String, applicantName: String, trackingNumber: String, receivedOn: CivilDate?,
                            quote: FeeQuote, paymentDue: CivilDate?, date: CivilDate, paymentDays: Int = ClockRules().feePaymentDays) -> WordDocument {
        var doc = WordDocument(title: "政府信息公开信息处理费收费通知")
        doc.add("政府信息公开信息处理费收费通知", .title)
        doc.add("（申请查询号：\(trackingNumber)）", .number)
        doc.add("\(applicantName)：", .plain)
        doc.add("\(receivedOn.map { "本机关于\($0.chinese)收到您的政府信息公开申请。" } ?? "")您申请公开政府信息的数量、频次明显超过合理范围。"
                + "根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
                + "本机关决定\(quote.method.chineseLabel)收取信息处理费。")
        doc.add("计费明细：\(quote.chineseSummary)。")
        doc.add("应缴金额：人民币 \(quote.amount) 元。")
        doc.add("请自收到本通知次日起 \(paymentDays) 个工作日内\(paymentDue.map { "（即\($0.chinese)前）" } ?? "")按非税收入缴款方式缴纳。"
                + "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。信息处理费缴入国库，不收取其他费用。")
        doc.add("", .plain)
        doc.add(agencyName, .right)
        doc.add(date.chinese, .right)
        return doc
    }
}
