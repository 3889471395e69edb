import GongkaiCore

extension CatalogueCompliance {
    /// The next due date as the catalogue pages print it.
    var nextDueText: String {
        if let nextDue { return nextDue.iso }
        return uncomputable > 0 ? "期限无法计算（缺少节假日安排）" : "—"
    }
}
