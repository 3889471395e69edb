/// Section 六's statement of information processing fees (the 2021 format notice: fees collected
/// under 国办函〔2020〕109号 are reported here), from the year's fee records.
public enum FeeStatement {
    /// `paid`: the fee notices paid in the year, with their amounts in yuan.
    public static func text(paidAmounts: [Int]) -> String {
        let total = paidAmounts.reduce(0, +)
        guard total > 0 else { return "本年度未收取政府信息公开信息处理费。" }
        return "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费 \(paidAmounts.filter { $0 > 0 }.count) 件，共计 \(total) 元，已全额缴入国库。"
    }
}
