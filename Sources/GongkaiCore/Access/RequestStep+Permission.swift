/// Who may take each step on a request, beside `Role.permissions`: the case officer handles
/// the request; the head of the disclosure office decides what the statute reserves to him.
extension RequestStep {
    public var requiredPermission: Permission {
        switch self {
        // Regulation Art. 33: an extension needs the consent of the head of the disclosure office.
        // Art. 35 deferrals and the decision to charge a fee (国办函〔2020〕109号) are his too.
        case .approveExtension, .setDeferral, .sendFeeNotice, .waiveFee:
            return .approveExtensionsAndFees
        case .confirmReceipt, .assign, .requestCorrection, .receiveCorrection, .sendConsultation, .recordConsultationReceipt,
             .answerConsultation, .requestExtension, .recordFeeNoticeReceipt, .recordPayment, .withdraw, .conclude:
            return .handleRequests
        }
    }
}
