/// How a reply is served, which fixes the day it counts as made (statute §1.2, 国办公开办函〔2016〕235号):
/// direct or entrusted delivery on the day the applicant signs for it, post on the day it is
/// handed to the post, e-mail and online replies on the day they are sent.
public enum ServiceMethod: String, Sendable, Codable, CaseIterable {
    case direct
    case post
    case email
    case online

    public var chineseLabel: String {
        switch self {
        case .direct: return "直接送达（签收之日）"
        case .post: return "邮寄（交邮之日）"
        case .email: return "电子邮件（发送之日）"
        case .online: return "网上答复（发送之日）"
        }
    }
}
