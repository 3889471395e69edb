import Foundation
import GongkaiCore

/// Parts shared by the publication pages of the console.
enum PublicationViews {
    static func statusBadge(_ status: PublicationState, revision: RevisionState = .none) -> Node {
        H.fragment {
            H.span(.class("pub-status \(status.rawValue)")) { status.chineseLabel }
            if revision == .draft { " "; H.span(.class("pub-status draft")) { "修订稿待提交" } }
            if revision == .inReview { " "; H.span(.class("pub-status in_review")) { "修订稿审核中" } }
        }
    }

    static func standingBadge(_ standing: ProactiveDeadline.Standing?) -> Node {
        guard let standing else { return .empty }
        return H.span(.class("phase \(standing == .overdue ? "overdue" : standing == .dueSoon ? "waiting_on_fee" : "running")")) { standing.chineseLabel }
    }

    static func interpretationBadge(_ standing: InterpretationTimeliness.Standing) -> Node {
        let phase = switch standing {
        case .missing, .late: "overdue"
        case .pending: "waiting_on_fee"
        case .onTime: "running"
        }
        return H.span(.class("phase \(phase)")) { standing.chineseLabel }
    }

    static func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, label: (T) -> String, empty: String? = nil) -> [(value: String, label: String)]
        where T.RawValue == String {
        (empty.map { [(value: "", label: $0)] } ?? []) + T.allCases.map { (value: $0.rawValue, label: label($0)) }
    }

    /// A publication's metadata as real portals show it above the text (索引号, 发布机构 …).
    static func metadataTable(indexNumber: String?, agency: String, writtenOn: CivilDate?, publishedOn: CivilDate?, documentNumber: String,
                              subject: PublicationSubject, category: PublicationCategory, genre: PublicationGenre,
                              validity: NormativeDocumentStatus?, title: String) -> Node {
        H.table(.class("meta")) {
            H.caption(.class("visually-hidden")) { "信息要素" }
            H.tbody {
                H.tr {
                    H.th(Attribute("scope", "row")) { "索引号" }; H.td { indexNumber ?? "（发布时生成）" }
                    H.th(Attribute("scope", "row")) { "主题分类" }; H.td { subject.chineseLabel }
                }
                H.tr {
                    H.th(Attribute("scope", "row")) { "发布机构" }; H.td { agency }
                    H.th(Attribute("scope", "row")) { "信息类别" }; H.td { "\(category.chineseLabel) · \(genre.chineseLabel)" }
                }
                H.tr {
                    H.th(Attribute("scope", "row")) { "成文日期" }; H.td { writtenOn?.chinese ?? "—" }
                    H.th(Attribute("scope", "row")) { "发布日期" }; H.td { publishedOn?.chinese ?? "—" }
                }
                H.tr {
                    H.th(Attribute("scope", "row")) { "文号" }; H.td { documentNumber.isEmpty ? "—" : documentNumber }
                    H.th(Attribute("scope", "row")) { "有效性" }
                    H.td { validity.map { v in H.span(.class("validity \(v.rawValue)")) { v.chineseLabel } } ?? .text("—") }
                }
                H.tr {
                    H.th(Attribute("scope", "row")) { "名称" }; H.td(.colspan(3)) { title }
                }
            }
        }
    }
}
