import Foundation
import GongkaiCore

// Benchmarks of Gongkai, run in release mode: `swift run -c release gongkai-bench`.
// Targets live in the issues; results are recorded in docs/benchmarks.md.

func measure(_ label: String, iterations: Int, _ body: () throws -> Void) rethrows {
    let clock = ContinuousClock()
    let elapsed = try clock.measure { try body() }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("\(label): \(iterations) in \(String(format: "%.3f", seconds)) s (\(String(format: "%.0f", Double(iterations) / seconds)) per second)")
}

let calendar = WorkingDayCalendar()
let start = CivilDate(iso: "2019-01-02")!.dayNumber
let span = CivilDate(iso: "2026-11-30")!.dayNumber - start
var checksum = 0
try measure("due dates (+20 working days)", iterations: 1_000_000) {
    for i in 0..<1_000_000 {
        let due = try calendar.addingWorkingDays(20, to: CivilDate(dayNumber: start + i % span))
        checksum &+= due.day
    }
}
print("checksum \(checksum)")
