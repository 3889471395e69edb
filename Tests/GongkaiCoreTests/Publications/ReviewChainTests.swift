import Testing
@testable import GongkaiCore

@Suite("Review chain: order, the mandatory confidentiality review, separate people")
struct ReviewChainTests {
    let chain = ReviewChain.standard
    let author = 1

    @Test func aChainWithoutConfidentialityReviewIsRefused() {
        #expect(throws: ReviewChain.Problem.missingConfidentiality) { try ReviewChain(steps: [.preliminary, .final]) }
        #expect(throws: ReviewChain.Problem.missingConfidentiality) { try ReviewChain(codes: "preliminary,secondary,legality,final") }
        #expect(throws: ReviewChain.Problem.empty) { try ReviewChain(codes: "") }
        #expect(throws: ReviewChain.Problem.repeated(.final)) { try ReviewChain(codes: "final,confidentiality,final") }
        #expect(throws: ReviewChain.Problem.unknown("chief")) { try ReviewChain(codes: "confidentiality,chief") }
    }

    @Test func chainsReadFromCodesOrChineseLabels() throws {
        #expect(try ReviewChain(codes: "初审, 保密审查 ,终审") == chain)
        // The seed office's “七审七校” can be configured at length, confidentiality included.
        let seven = try ReviewChain(codes: "preliminary,secondary,legality,interpretation,confidentiality,final")
        #expect(seven.steps.count == 6)
        #expect(seven.chineseSummary == "初审 → 复审 → 合法性审核 → 解读审核 → 保密审查 → 终审")
    }

    @Test func stepsAreTakenInOrderWithoutSkipping() {
        #expect(chain.awaiting(after: []) == .preliminary)
        // given 初审 passed by reviewer 2
        let passes = [ReviewChain.Pass(step: .preliminary, reviewerID: 2)]
        #expect(chain.awaiting(after: passes) == .confidentiality)
        // then 终审 cannot be taken before 保密审查
        let skip = chain.problem(deciding: .final, after: passes, reviewerID: 4, authorID: author, holdsPermission: true)
        #expect(skip == "须先完成“保密审查”，不能跳过审核步骤")
        // and 初审 cannot be taken again
        #expect(chain.problem(deciding: .preliminary, after: passes, reviewerID: 4, authorID: author, holdsPermission: true)?
            .contains("已在第 1 步通过") == true)
        // and the waiting step can be taken by a third person
        #expect(chain.problem(deciding: .confidentiality, after: passes, reviewerID: 3, authorID: author, holdsPermission: true) == nil)
        let all = passes + [.init(step: .confidentiality, reviewerID: 3), .init(step: .final, reviewerID: 4)]
        #expect(chain.awaiting(after: all) == nil)
        #expect(chain.problem(deciding: .final, after: all, reviewerID: 5, authorID: author, holdsPermission: true) == "审核已全部完成，没有待审核的步骤")
    }

    @Test func onePersonCannotPassTwoStepsNorReviewHisOwnDraftUnlessAllowed() throws {
        let passes = [ReviewChain.Pass(step: .preliminary, reviewerID: 2)]
        #expect(chain.problem(deciding: .confidentiality, after: passes, reviewerID: 2, authorID: author, holdsPermission: true)?
            .contains("同一人不能办理同一信息的两个审核步骤") == true)
        #expect(chain.problem(deciding: .preliminary, after: [], reviewerID: author, authorID: author, holdsPermission: true)?
            .contains("起草人不能审核自己起草的信息") == true)
        let lenient = try ReviewChain(steps: ReviewChain.standardSteps, allowSamePerson: true)
        #expect(lenient.problem(deciding: .confidentiality, after: passes, reviewerID: 2, authorID: author, holdsPermission: true) == nil)
        #expect(lenient.problem(deciding: .preliminary, after: [], reviewerID: author, authorID: author, holdsPermission: true) == nil)
    }

    /// Cold review 11m M1: whatever the agency allows, the author or a writer never decides the
    /// step that makes the item public — the only step of a one-step chain, the last of a longer one.
    @Test func theAuthorNeverDecidesTheLastStepEvenWhenAllowed() throws {
        let lenient = try ReviewChain(steps: ReviewChain.standardSteps, allowSamePerson: true)
        let two = [ReviewChain.Pass(step: .preliminary, reviewerID: author), ReviewChain.Pass(step: .confidentiality, reviewerID: author)]
        #expect(
            lenient.problem(deciding: .final, after: two, reviewerID: author, authorID: author, holdsPermission: true)?
                .contains("不能办理最后一个审核环节“终审”") == true)
        #expect(lenient.problem(deciding: .final, after: two, reviewerID: 9, authorID: author, writerIDs: [9], holdsPermission: true) != nil)
        #expect(lenient.problem(deciding: .final, after: two, reviewerID: 9, authorID: author, holdsPermission: true) == nil)
        let single = try ReviewChain(steps: [.confidentiality], allowSamePerson: true)
        #expect(
            single.problem(deciding: .confidentiality, after: [], reviewerID: author, authorID: author, holdsPermission: true)?
                .contains("不能办理最后一个审核环节“保密审查”") == true)
        #expect(single.problem(deciding: .confidentiality, after: [], reviewerID: 9, authorID: author, holdsPermission: true) == nil)
    }

    @Test func theStepNeedsItsPermission() {
        #expect(chain.problem(deciding: .preliminary, after: [], reviewerID: 2, authorID: author, holdsPermission: false) != nil)
        #expect(ReviewStepKind.confidentiality.requiredPermission == .confidentialityReview)
        for kind in ReviewStepKind.allCases where kind != .confidentiality { #expect(kind.requiredPermission == .review) }
        // A publisher holds neither: he cannot pass any step of his own chain.
        #expect(!Role.publisher.permissions.contains(.review) && !Role.publisher.permissions.contains(.confidentialityReview))
    }

    @Test(
        "which step each status allows",
        arguments: [
            (PublicationStep.submit, PublicationState.draft, RevisionState.none, true),
            (.submit, .inReview, .none, false),
            (.submit, .published, .none, false),
            (.submit, .published, .draft, true),
            (.pass, .inReview, .none, true),
            (.pass, .draft, .none, false),
            (.pass, .published, .inReview, true),
            (.returnToAuthor, .published, .draft, false),
            (.withdraw, .published, .none, true),
            (.withdraw, .draft, .none, false),
            (.withdraw, .published, .inReview, true),  // an urgent takedown closes the revision in review
            (.withdraw, .published, .draft, true),
            (.withdraw, .withdrawn, .none, false),
            (.unschedule, .scheduled, .none, true),
            (.unschedule, .published, .none, false),
        ])
    func workflow(_ step: PublicationStep, _ status: PublicationState, _ revision: RevisionState, _ allowed: Bool) {
        #expect((PublicationWorkflow.problem(step, status: status, revision: revision, isNormative: true) == nil) == allowed)
    }
}
