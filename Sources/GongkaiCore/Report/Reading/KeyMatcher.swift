import Foundation

/// Whether a text holds any of a fixed list of keys, in one pass over the text: the keys are
/// grouped by their first scalar, so each place in the text is compared only with the keys that
/// start with its scalar. The same answer as `keys.contains { text.hasSubstring($0) }`, which
/// searched the text once per key (a hundred and more label keys for every table row's line was
/// a fortieth of a check).
struct KeyMatcher: Sendable {
    private let keys: [[UInt8]]
    /// Indices into `keys` by bucket of their first scalar.
    private let buckets: [[Int]]
    /// An empty key is in every text.
    private let hasEmptyKey: Bool
    private static let bucketCount = 512
    /// The first two bytes of every key, as bits of a table of all 65,536 pairs (a key of one
    /// byte: every pair it starts): a place whose two bytes are no key's start is passed over
    /// without decoding its scalar and looking through its bucket (most places of a text; that
    /// was most of the cost of a search). A byte at the end of the text is paired with 0.
    private let firstPairs: [UInt64]

    init(_ list: [String]) {
        var keys: [[UInt8]] = []
        var buckets = [[Int]](repeating: [], count: Self.bucketCount)
        var hasEmptyKey = false
        for key in list {
            let bytes = Array(key.utf8)
            guard !bytes.isEmpty else { hasEmptyKey = true; continue }
            buckets[Self.bucket(Self.scalar(bytes, 0, bytes.count))].append(keys.count)
            keys.append(bytes)
        }
        var firstPairs = [UInt64](repeating: 0, count: 65_536 / 64)
        for key in keys {
            let seconds: [UInt8] = key.count > 1 ? [key[1]] : Array(0...255)
            for second in seconds {
                let pair = Int(key[0]) << 8 | Int(second)
                firstPairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        self.keys = keys
        self.buckets = buckets
        self.hasEmptyKey = hasEmptyKey
        self.firstPairs = firstPairs
    }

    /// The value of the scalar whose UTF-8 starts at `i` (valid UTF-8: a String's bytes).
    @inline(__always)
    private static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> UInt32 {
        let c = b[i]
        if c < 0x80 { return UInt32(c) }
        if c < 0xE0, i + 1 < n { return (UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F) }
        if c < 0xF0, i + 2 < n { return (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F) }
        if i + 3 < n {
            return (UInt32(c & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6) | UInt32(b[i + 3] & 0x3F)
        }
        return UInt32(c)
    }

    private static func scalar(_ bytes: [UInt8], _ i: Int, _ n: Int) -> UInt32 {
        bytes.withUnsafeBufferPointer { scalar($0, i, n) }
    }

    @inline(__always)
    private static func bucket(_ v: UInt32) -> Int { Int((v ^ (v >> 9)) & UInt32(bucketCount - 1)) }

    /// Whether `text` holds one of the keys.
    func matchesAny(_ text: String) -> Bool {
        if hasEmptyKey { return true }
        var text = text
        return text.withUTF8 { matchesAny($0) }
    }

    /// The same for the bytes of valid UTF-8 (a string's, or a key's: `ReportText.withKeyBytes`).
    func matchesAny(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if hasEmptyKey { return true }
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            let pair = Int(c) << 8 | (i + 1 < n ? Int(b[i + 1]) : 0)
            // A key (valid UTF-8) can only start where a scalar does.
            if firstPairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0, c & 0xC0 != 0x80 {
                for k in buckets[Self.bucket(Self.scalar(b, i, n))] {
                    let key = keys[k]
                    if key.count <= n - i, key.withUnsafeBufferPointer({ memcmp(b.baseAddress! + i, $0.baseAddress!, $0.count) == 0 }) {
                        return true
                    }
                }
            }
            // The next place a scalar starts: a lead byte E0…EF starts three bytes (the text is
            // valid UTF-8: they are there), whose continuation bytes no key starts at.
            i += c & 0xF0 == 0xE0 ? 3 : 1
        }
        return false
    }
}
