/// An agency's review chain: the steps, in order, that every publication passes before it is
/// public, each taken by a different person unless the agency allows otherwise explicitly.
///
/// The confidentiality review (保密审查) cannot be configured away: a chain without it is
/// refused, so no stored configuration can skip it.
public struct ReviewChain: Sendable, Equatable {
    public let steps: [ReviewStepKind]
    /// Whether one person may pass several steps of the same item (and review what he drafted).
    public let allowSamePerson: Bool

    public static let standardSteps: [ReviewStepKind] = [.preliminary, .confidentiality, .final]
    public static let standard = try! ReviewChain(steps: standardSteps)

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty
        case missingConfidentiality
        case repeated(ReviewStepKind)
        case unknown(String)

        public var description: String {
            switch self {
            case .empty: return "审核流程至少要有一个步骤"
            case .missingConfidentiality: return "审核流程必须包含保密审查，不能省略"
            case .repeated(let kind): return "“\(kind.chineseLabel)”在审核流程中重复出现"
            case .unknown(let code): return "未知的审核步骤“\(code)”"
            }
        }
    }

    public init(steps: [ReviewStepKind], allowSamePerson: Bool = false) throws(Problem) {
        guard !steps.isEmpty else { throw .empty }
        guard steps.contains(.confidentiality) else { throw .missingConfidentiality }
        var seen: Set<ReviewStepKind> = []
        for step in steps {
            guard seen.insert(step).inserted else { throw .repeated(step) }
        }
        self.steps = steps
        self.allowSamePerson = allowSamePerson
    }

    /// Steps stored as text: codes separated by commas (`preliminary,confidentiality,final`).
    public init(codes: String, allowSamePerson: Bool = false) throws(Problem) {
        var steps: [ReviewStepKind] = []
        for code in codes.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !code.isEmpty {
            guard let kind = ReviewStepKind(rawValue: code) ?? ReviewStepKind.allCases.first(where: { $0.chineseLabel == code }) else {
                throw .unknown(code)
            }
            steps.append(kind)
        }
        try self.init(steps: steps, allowSamePerson: allowSamePerson)
    }

    public var codes: String { steps.map(\.rawValue).joined(separator: ",") }

    /// “初审 → 保密审查 → 终审”.
    public var chineseSummary: String { steps.map(\.chineseLabel).joined(separator: " → ") }

    /// One decision taken in the current round of review.
    public struct Pass: Sendable, Equatable {
        public let step: ReviewStepKind
        public let reviewerID: Int
        public init(step: ReviewStepKind, reviewerID: Int) {
            self.step = step
            self.reviewerID = reviewerID
        }
    }

    /// The step waiting for a decision after `passes` (the passes of the current round, in
    /// order), or nil when every step has passed.
    public func awaiting(after passes: [Pass]) -> ReviewStepKind? {
        passes.count < steps.count ? steps[passes.count] : nil
    }

    /// Why `reviewerID` may not decide `step` now, or nil when he may. The reviewer must hold
    /// the step's permission in the item's agency (`holdsPermission`), the step must be the one
    /// waiting (no skipping, no going back), and — unless the agency allows it — he must be
    /// neither the author, nor one of the text's other writers (`writerIDs`: who edited or
    /// submitted it), nor the person who passed an earlier step of this round. The last step is
    /// never decided by the author or a writer, even where the agency allows one person several
    /// steps: nobody publishes alone.
    public func problem(deciding step: ReviewStepKind, after passes: [Pass], reviewerID: Int, authorID: Int,
                        writerIDs: Set<Int> = [], holdsPermission: Bool) -> String? {
        guard let waiting = awaiting(after: passes) else { return "审核已全部完成，没有待审核的步骤" }
        guard step == waiting else {
            if let done = passes.firstIndex(where: { $0.step == step }) {
                return "“\(step.chineseLabel)”已在第 \(done + 1) 步通过，当前待办的是“\(waiting.chineseLabel)”"
            }
            return steps.contains(step)
                ? "须先完成“\(waiting.chineseLabel)”，不能跳过审核步骤"
                : "本机关的审核流程（\(chineseSummary)）没有“\(step.chineseLabel)”"
        }
        guard holdsPermission else { return "“\(step.chineseLabel)”须由具有相应审核权限的人员办理" }
        // Whatever the agency allows, the step that makes an item public is never taken by who
        // wrote it: with a one-step chain or a user holding every role, the author would
        // otherwise publish alone (“nothing is public without every step passed”).
        if passes.count == steps.count - 1, reviewerID == authorID || writerIDs.contains(reviewerID) {
            return "起草、修改或提交本稿的人员不能办理最后一个审核环节“\(step.chineseLabel)”：信息公开前须经本稿撰写人以外的人员审核通过"
        }
        if !allowSamePerson {
            if reviewerID == authorID { return "起草人不能审核自己起草的信息（本机关未允许同一人办理多个环节）" }
            if writerIDs.contains(reviewerID) { return "参与撰写、修改或提交本稿的人员不能审核本稿（本机关未允许同一人办理多个环节）" }
            if let earlier = passes.first(where: { $0.reviewerID == reviewerID }) {
                return "您已办理“\(earlier.step.chineseLabel)”，同一人不能办理同一信息的两个审核步骤"
            }
        }
        return nil
    }
}
