import Foundation
import GongkaiCore

/// The form's fields filled from stored content (edit page, revision page).
enum PublicationFormValues {
    static func fields(_ c: PublicationContent, agencyID: Int) -> FormFields {
        var v: [String: [String]] = [
            "agency_id": [String(agencyID)], "title": [c.title], "document_number": [c.documentNumber], "body": [c.bodyHTML],
            "formed_on": [c.formedOn.iso], "category": [c.category.rawValue], "genre": [c.genre.rawValue], "subject": [c.subject.rawValue],
            "disclosure": [c.disclosure.rawValue], "disclosure_note": [c.disclosureNote], "video_url": [c.videoURL],
            "key_domains": c.keyDomains.map(\.rawValue).sorted(), "topic_ids": c.topicIDs.map(String.init),
            "requires_interpretation": [c.requiresInterpretation ? "1" : ""], "change_note": [c.changeNote],
        ]
        v["written_on"] = c.writtenOn.map { [$0.iso] }
        v["art20_item"] = c.art20Item.map { [$0.rawValue] }
        v["non_disclosure_reason"] = c.nonDisclosureReason.map { [$0.rawValue] }
        v["scheduled_at"] = c.scheduledAt.map { [ScheduledTime.inputValue($0)] }
        v["normative_kind"] = c.normativeKind.map { [$0.rawValue] }
        v["effective_on"] = c.effectiveOn.map { [$0.iso] }
        v["valid_until"] = c.validUntil.map { [$0.iso] }
        v["interprets_id"] = c.interpretsID.map { [String($0)] }
        v["interpretation_form"] = c.interpretationForm.map { [$0.rawValue] }
        v["catalogue_item_id"] = c.catalogueItemID.map { [String($0)] }
        return FormFields(v)
    }
}
