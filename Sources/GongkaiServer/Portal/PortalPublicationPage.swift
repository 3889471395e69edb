import GongkaiCore

/// A publication as the public sees it: the metadata table real portals carry (索引号, 发布机构,
/// 成文日期, 文号, 主题分类, 有效性), the text, the attachments, the interpretations linked both
/// ways, the versions with their change notes — or, when withdrawn, when and why.
enum PortalPublicationPage {
    struct Model {
        var display: DisplayMode
        var agency: PortalLayout.Agency
        var id: Int
        var title: String
        var indexNumber: String?
        var documentNumber: String
        var writtenOn: CivilDate?
        var publishedOn: CivilDate?
        var category: PublicationCategory
        var genre: PublicationGenre
        var subject: PublicationSubject
        var validity: NormativeDocumentStatus?
        var normativeKind: NormativeKind?
        var normativeFacts: [(label: String, value: String)]
        var bodyHTML: String
        var attachments: [(id: Int, name: String, size: Int)]
        var interprets: (id: Int, title: String)?
        var interpretationForm: InterpretationForm?
        var videoURL: String
        var interpretations: [(id: Int, title: String, form: String)]
        var versions: [(number: Int, date: String, note: String)]
        var withdrawn: (on: CivilDate, reason: String)?
        var topics: [(id: Int, name: String)]
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return PortalLayout(title: m.title, agency: m.agency, display: m.display, section: .catalogue) {
                H.p(.class("breadcrumb")) {
                    H.a(.href(SiteURL.agencyHome(.value(m.agency.code)).path)) { m.agency.name }
                    " › "
                    H.a(.href(SiteURL.portalPublications.path + "?agency=\(m.agency.code)")) { "信息公开目录" }
                }
                H.article(.class("card publication")) {
                    PublicationViews.metadataTable(indexNumber: m.indexNumber, agency: m.agency.name, writtenOn: m.writtenOn, publishedOn: m.publishedOn,
                                                   documentNumber: m.documentNumber, subject: m.subject, category: m.category, genre: m.genre,
                                                   validity: m.validity, title: m.title)
                    H.h1(.class("pub-title")) { m.title }
                    if !m.documentNumber.isEmpty { H.p(.class("doc-number")) { m.documentNumber } }
                    if let w = m.withdrawn {
                        H.div(.class("withdrawn-notice"), Attribute("role", "note")) {
                            H.p { H.strong { "本信息已于 \(w.on.chinese) 撤回。" } }
                            H.p { "撤回原因：\(w.reason)" }
                        }
                    } else {
                        if let policy = m.interprets {
                            H.p(.class("interprets")) {
                                (m.interpretationForm?.chineseLabel ?? "政策解读") + "："
                                H.a(.href(SiteURL.portalPublication(.value(policy.id)).path)) { policy.title }
                            }
                        }
                        H.div(.class("rich-text")) { Node.raw(m.bodyHTML) }
                        if m.interpretationForm == .video, !m.videoURL.isEmpty {
                            H.p { H.a(.href(m.videoURL), .rel("noopener noreferrer")) { "观看视频解读" } }
                        }
                        if !m.attachments.isEmpty {
                            H.section(.class("attachments")) {
                                H.h2 { "附件" }
                                H.ul {
                                    for a in m.attachments {
                                        H.li {
                                            H.a(.href(SiteURL.portalAttachment(.value(m.id), .value(a.id)).path)) { a.name }
                                            "（\(ByteSize.chinese(a.size))）"
                                        }
                                    }
                                }
                            }
                        }
                    }
                    if !m.normativeFacts.isEmpty {
                        H.section(.class("validity-facts")) {
                            H.h2 { (m.normativeKind?.chineseLabel ?? "") + "有效性" }
                            H.dl(.class("facts wide")) { for f in m.normativeFacts { H.dt { f.label }; H.dd { f.value } } }
                        }
                    }
                    if !m.interpretations.isEmpty {
                        H.section(.class("related")) {
                            H.h2 { "政策解读" }
                            H.ul {
                                for i in m.interpretations {
                                    H.li { H.a(.href(SiteURL.portalPublication(.value(i.id)).path)) { i.title }; "（\(i.form)）" }
                                }
                            }
                        }
                    }
                    if !m.topics.isEmpty {
                        H.p(.class("muted")) {
                            "专题专栏："
                            for (n, t) in m.topics.enumerated() {
                                if n > 0 { "、" }
                                H.a(.href(SiteURL.portalTopic(.value(t.id)).path)) { t.name }
                            }
                        }
                    }
                    if m.versions.count > 1 {
                        H.section(.class("versions")) {
                            H.h2 { "版本记录" }
                            H.ol { for v in m.versions { H.li { "\(v.date) 第 \(v.number) 版：\(v.note)" } } }
                        }
                    }
                }
            }.render()
        }
    }
}
