/// The label fragments of a token stream as one searchable string of key characters, with
/// where each character came from. Values break the string (a separator), so a label is never
/// matched across a number.
struct LabelIndex {
    private(set) var scalars: [Unicode.Scalar] = []
    /// Token index of each scalar.
    private(set) var tokenOf: [Int] = []
    static let separator: Unicode.Scalar = "\u{1}"

    init(_ tokens: [ReportToken]) {
        scalars.reserveCapacity(tokens.count * 4)
        tokenOf.reserveCapacity(tokens.count * 4)
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .text, .ordinal:
                for scalar in token.text.unicodeScalars where ReportText.isKeyScalar(scalar) {
                    scalars.append(scalar)
                    tokenOf.append(index)
                }
            case .number, .missingMarker, .digits:
                if scalars.last != Self.separator {
                    scalars.append(Self.separator)
                    tokenOf.append(index)
                }
            case .empty:
                continue
            }
        }
    }

    /// The label words alone, values and the tokens `skip` marks left out (a group's pieces):
    /// `RowBands` finds a label's key across the values and lines printed inside it.
    init(labelWords tokens: [ReportToken], skipping skip: [Bool]) {
        for (index, token) in tokens.enumerated() where token.isLabelPart && !skip[index] {
            for scalar in token.text.unicodeScalars where ReportText.isKeyScalar(scalar) {
                scalars.append(scalar)
                tokenOf.append(index)
            }
        }
    }

    struct Match {
        /// Scalar range in the index.
        let start: Int
        let end: Int
        let firstToken: Int
        let lastToken: Int
    }

    /// The earliest occurrence at or after `from` of any of `keys`, within `limit`.
    func find(_ keys: [[Unicode.Scalar]], from: Int, limit: Int? = nil) -> Match? {
        let end = min(limit ?? scalars.count, scalars.count)
        var best: Match?
        for key in keys where !key.isEmpty {
            guard var i = Optional(from), i + key.count <= end else { continue }
            let first = key[0]
            while i + key.count <= end {
                if let b = best, i >= b.start { break }
                if scalars[i] == first {
                    var j = 1
                    while j < key.count, scalars[i + j] == key[j] { j += 1 }
                    if j == key.count {
                        best = Match(start: i, end: i + key.count, firstToken: tokenOf[i], lastToken: tokenOf[i + key.count - 1])
                        break
                    }
                }
                i += 1
            }
        }
        return best
    }
}
