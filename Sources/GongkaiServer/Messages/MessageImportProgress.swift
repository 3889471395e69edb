/// How far each running import has got, for its job page (same instance; the outcome is stored).
actor MessageImportProgress {
    struct State: Sendable {
        var phase: MessageImportStatus
        var rows: Int
        var bytes: Int
        var totalBytes: Int
    }

    private var states: [Int: State] = [:]
    private var tasks: [Int: Task<Void, Never>] = [:]

    func update(_ job: Int, _ state: State) { states[job] = state }
    func finish(_ job: Int) { states[job] = nil }
    func state(_ job: Int) -> State? { states[job] }

    func track(_ job: Int, _ task: Task<Void, Never>) { tasks[job] = task }

    /// Waits for the job's current phase to end (tests, shutdown).
    func wait(_ job: Int) async {
        await tasks[job]?.value
    }
}
