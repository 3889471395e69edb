import Fluent
import Foundation
import GongkaiCore

/// Keeps a request's cached `status` and `due_on` equal to what its clock says.
enum RequestClockCache {
    @discardableResult
    static func refresh(_ r: DisclosureRequest, consultations: [RequestConsultation], fees: [RequestFeeNotice], context: RequestContext) -> ClockState {
        let state = RequestClock.evaluate(r.timeline(consultations: consultations, fees: fees), calendar: context.calendar,
                                          rules: context.rules, today: context.today)
        r.status = state.phase
        r.dueOn = state.dueOn
        return state
    }
}
