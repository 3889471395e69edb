import Foundation

/// Text as found in published reports, made comparable: full-width digits, letters and
/// brackets become half-width (NFKC), no-break and ideographic spaces become spaces, line ends
/// (and page breaks) are unified. `key` goes further for label matching: no spaces, no punctuation.
public enum ReportText {
    public static func normalize(_ text: String) -> String {
        // The part of NFKC that reports need, without its cost: full-width ASCII forms to ASCII
        // (１２（三）：), the ideographic and no-break spaces to spaces, one kind of line end, no
        // zero-width characters. Works on UTF-8 bytes: this runs over every byte of every report.
        // Every replacement is no longer than what it replaces, so the result is written straight
        // into a string of the input's size (no array of bytes copied into a string after).
        var text = text
        return text.withUTF8(normalize(utf8:))
    }

    /// The same for the valid UTF-8 bytes of a text (a file's, read without a String made of
    /// them first: making one validates every byte). The normalised bytes are valid too (whole
    /// scalars are copied or replaced by whole scalars), so their string is made without
    /// validating them again (`String(validUTF8:)`; validation was a thirtieth of a check).
    static func normalize(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { buffer in
            let count = normalize(utf8: bytes, into: buffer)
            return String(validUTF8: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Writes the normalised `bytes` into `buffer` (at least as large) and returns their count.
    private static func normalize(utf8 bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var out = ByteWriter(buffer)
        var i = 0
        let n = bytes.count
        while i < n {
            // Runs of bytes kept as they are (ASCII but CR and FF, and every lead byte but
            // C2, E2, E3 and EF) are copied at once, not byte by byte. A CJK ideograph (lead
            // byte E4…E9, most of a report) is passed over whole: its two continuation bytes
            // are none of those.
            let run = i
            while i < n {
                let c = bytes[i]
                if c >= 0xE4 && c <= 0xE9 {
                    i += 3
                    continue
                }
                // `(` before 增 or 减 (lead byte E5) may be a sign in brackets (`10(减)`), before a
                // minus a negative number in brackets (`(-1)`, `(−1)`).
                let bracket = c == 0x28 && i + 1 < n && (bytes[i + 1] == 0xE5 || bytes[i + 1] == 0x2D || bytes[i + 1] == 0xE2 || bytes[i + 1] == 0xEF)
                if c < 0x80 ? (c == 0x0C || c == 0x0D || bracket) : (c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF || c == 0xCB) { break }
                i += 1
            }
            if i > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
            guard i < n else { break }
            let b = bytes[i]
            // `10（减）`, `(增)3`: a change's sign in brackets glued to its number is the sign word alone.
            if b == 0x28 || (b == 0xEF && i + 2 < n && bytes[i + 1] == 0xBC && bytes[i + 2] == 0x88),
                let (sign, length) = bracketedSign(bytes, i, n, after: out)
            {
                for byte in sign { out.append(byte) }
                i += length
                continue
            }
            // `（-4）`: a negative number in brackets is the number (review 21: the bracket was
            // dropped as a remark's and the minus with it, 4 read).
            if b == 0x28 || (b == 0xEF && i + 2 < n && bytes[i + 1] == 0xBC && bytes[i + 2] == 0x88),
                let (start, end, length) = bracketedNegative(bytes, i, n)
            {
                out.append(0x2D)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                i += length
                continue
            }
            if b < 0x80 {
                // A form feed is a page break (pdftotext starts each page with one): a line end,
                // or a heading at the top of a page is not seen as the start of its line.
                if b == 0x0C {
                    out.append(0x0A)
                } else if b == 0x0D {
                    out.append(0x0A)
                    if i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                } else {
                    out.append(b)
                }
                i += 1
                continue
            }
            if b == 0xEF, i + 2 < n {
                let b1 = bytes[i + 1], b2 = bytes[i + 2]
                // U+FF01…U+FF3F is EF BC 81…BF; U+FF40…U+FF5E is EF BD 80…9E.
                if b1 == 0xBC, b2 >= 0x81 { out.append(b2 - 0x80 + 0x20); i += 3; continue }
                if b1 == 0xBD, b2 <= 0x9E { out.append(b2 - 0x80 + 0x60); i += 3; continue }
                if b1 == 0xBB, b2 == 0xBF { i += 3; continue }  // U+FEFF
                if b1 == 0xB9, b2 == 0xA3 { out.append(0x2D); i += 3; continue }  // U+FE63 ﹣, a minus (review 17)
            }
            if b == 0xE3, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { out.append(0x20); i += 3; continue }  // U+3000
            if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 { out.append(0x20); i += 2; continue }  // U+00A0
            // U+0085 (NEL), U+2028 and U+2029 end lines too: the section split reads lines
            // of the normalised text (review 10h L1).
            if b == 0xC2, i + 1 < n, bytes[i + 1] == 0x85 { out.append(0x0A); i += 2; continue }
            // Hyphens and dashes glued to a digit (review 21: `‑3`, `‒2`, `‐4` in 本年增/减 were
            // read +3, +2, +4): U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN (Word's own), U+2012 FIGURE
            // DASH and U+02D7 MODIFIER LETTER MINUS are printed as a minus; U+2E3A (⸺) is no sign a
            // reader can be sure of, and is written as an en dash, which leaves the cell unread. A
            // soft hyphen (U+00AD) prints nothing inside a line: it is dropped.
            // After a digit too: `‐3‐`, a page number, is `-3-` as printed in ASCII (review 22: read −3).
            // Review 25: so are U+207B ⁻, U+208B ₋ and U+2796 ➖ (minus signs all); U+30FC ー, a
            // Japanese long vowel mark typed for a dash, is no sure sign (an en dash).
            if let (length, dash) = dashLength(bytes, i, n),
                out.lastIsDigit || (i + length < n && bytes[i + length] >= 0x30 && bytes[i + length] <= 0x39)
            {
                switch dash {
                case .minus: out.append(0x2D)
                case .unsure: out.append(0xE2); out.append(0x80); out.append(0x93)
                case .nothing: break
                }
                i += length
                continue
            }
            if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 {
                let b2 = bytes[i + 2]
                if (0x82...0x8A).contains(b2) || b2 == 0xAF { out.append(0x20); i += 3; continue }  // U+2002…200A, 202F
                if (0x8B...0x8D).contains(b2) { i += 3; continue }  // U+200B…200D
                if b2 == 0xA8 || b2 == 0xA9 { out.append(0x0A); i += 3; continue }  // U+2028, U+2029
            }
            // Radicals a PDF copy prints for ideographs (⼀ ⼆ ⾏): U+2E80…U+2EFF is E2 BA/BB,
            // U+2F00…U+2FDF is E2 BC…BF.
            if b == 0xE2, i + 2 < n, bytes[i + 1] >= 0xBA, bytes[i + 1] <= 0xBF,
                let ideograph = RadicalIdeographs.ideograph(0x2000 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F))
            {
                // Every ideograph of the tables is in the BMP above U+0800: three bytes.
                out.append(0xE0 | UInt8(ideograph >> 12))
                out.append(0x80 | UInt8((ideograph >> 6) & 0x3F))
                out.append(0x80 | UInt8(ideograph & 0x3F))
                i += 3
                continue
            }
            if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x81, bytes[i + 2] == 0xA0 { i += 3; continue }  // U+2060
            // U+2212 MINUS SIGN is a minus (review 17: `−10` in 本年增/减 was read 10).
            if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x88, bytes[i + 2] == 0x92 { out.append(0x2D); i += 3; continue }
            // An arrow before a change (`↑1`, `↓2` in 本年增/减) is its sign: ↑ U+2191 is 增, ↓ U+2193
            // is 减 (review 16: `↓2` was read +2).
            if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x86, bytes[i + 2] == 0x91 || bytes[i + 2] == 0x93 {
                out.append(0xE5)
                out.append(bytes[i + 2] == 0x91 ? 0xA2 : 0x87)
                out.append(bytes[i + 2] == 0x91 ? 0x9E : 0x8F)
                i += 3
                continue
            }
            // Triangles and slanted arrows glued to a number (`▼10`, `10▲`, `↘3`) sign a change as
            // ↓ and ↑ do (review 17: read +10); elsewhere (a bullet before words) they stay.
            if b == 0xE2, i + 2 < n, let up = isChangeMark(bytes[i + 1], bytes[i + 2]), besideDigit(bytes, i, i + 3, n, after: out) {
                out.append(0xE5)
                out.append(up ? 0xA2 : 0x87)
                out.append(up ? 0x9E : 0x8F)
                i += 3
                continue
            }
            out.append(b)
            i += 1
        }
        return out.count
    }

    /// What a hyphen or dash beside a digit prints: a minus, a dash no reader can be sure of, nothing.
    private enum Dash { case minus, unsure, nothing }

    /// The length of a hyphen or dash at `i` that may stand for a minus, and what it prints:
    /// U+2010, U+2011, U+2012 (E2 80 90…92), U+207B (E2 81 BB), U+208B (E2 82 8B), U+2796
    /// (E2 9E 96), U+02D7 (CB 97) a minus; U+2E3A (E2 B8 BA), U+30FC (E3 83 BC) unsure; U+00AD
    /// (C2 AD) nothing.
    private static func dashLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (Int, Dash)? {
        let b = bytes[i]
        if b == 0xE2, i + 2 < n {
            let b1 = bytes[i + 1], b2 = bytes[i + 2]
            if b1 == 0x80, b2 >= 0x90, b2 <= 0x92 { return (3, .minus) }
            if (b1 == 0x81 && b2 == 0xBB) || (b1 == 0x82 && b2 == 0x8B) || (b1 == 0x9E && b2 == 0x96) { return (3, .minus) }
            if b1 == 0xB8, b2 == 0xBA { return (3, .unsure) }
            return nil
        }
        if b == 0xE3, i + 2 < n, bytes[i + 1] == 0x83, bytes[i + 2] == 0xBC { return (3, .unsure) }
        if i + 1 < n, b == 0xCB, bytes[i + 1] == 0x97 { return (2, .minus) }
        if i + 1 < n, b == 0xC2, bytes[i + 1] == 0xAD { return (2, .nothing) }
        return nil
    }

    /// ▲ △ ↗ ⬆ (up: true) and ▼ ▽ ↘ ⬇ (false) by their last two UTF-8 bytes after E2.
    private static func isChangeMark(_ b1: UInt8, _ b2: UInt8) -> Bool? {
        switch (b1, b2) {
        case (0x96, 0xB2), (0x96, 0xB3), (0x86, 0x97), (0xAC, 0x86): return true
        case (0x96, 0xBC), (0x96, 0xBD), (0x86, 0x98), (0xAC, 0x87): return false
        default: return nil
        }
    }

    /// Whether the mark at `start..<end` is glued to a number: the byte written before it or the
    /// byte after it is an ASCII digit. Apart from its number a mark may sign the number on either
    /// side (`12  1 ▼  340` in a row printed with spaces: review 20 saw 340 signed), so it stays a
    /// mark there, as before.
    private static func besideDigit(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ n: Int, after out: ByteWriter) -> Bool {
        if end < n, bytes[end] >= 0x30, bytes[end] <= 0x39 { return true }
        return out.lastIsDigit
    }

    /// `(减)`, `（增）` (ASCII or full-width brackets) glued to a number: the sign word's bytes and
    /// the length of what it replaces.
    private static func bracketedSign(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int, after out: ByteWriter) -> ([UInt8], Int)? {
        func bracket(_ k: Int, open: Bool) -> Int? {
            if k < n, bytes[k] == (open ? 0x28 : 0x29) { return 1 }
            if k + 2 < n, bytes[k] == 0xEF, bytes[k + 1] == 0xBC, bytes[k + 2] == (open ? 0x88 : 0x89) { return 3 }
            return nil
        }
        guard let open = bracket(i, open: true), i + open + 2 < n, bytes[i + open] == 0xE5 else { return nil }
        let word = (bytes[i + open + 1], bytes[i + open + 2])
        guard word == (0xA2, 0x9E) || word == (0x87, 0x8F), let close = bracket(i + open + 3, open: false) else { return nil }
        let end = i + open + 3 + close
        guard besideDigit(bytes, i, end, n, after: out) else { return nil }
        return ([0xE5, word.0, word.1], end - i)
    }

    /// `(-12)`, `（−1,205）`: a minus (`-`, U+2212 −, U+FF0D －) and digits (with `,` or `.`) in
    /// ASCII or full-width brackets. The digits' range and the length of the whole.
    private static func bracketedNegative(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (Int, Int, Int)? {
        var k = i + (bytes[i] == 0x28 ? 1 : 3)
        guard k < n else { return nil }
        if bytes[k] == 0x2D {
            k += 1
        } else if k + 2 < n,
            (bytes[k] == 0xE2 && bytes[k + 1] == 0x88 && bytes[k + 2] == 0x92) || (bytes[k] == 0xEF && bytes[k + 1] == 0xBC && bytes[k + 2] == 0x8D)
        {
            k += 3
        } else {
            return nil
        }
        let start = k
        while k < n, (bytes[k] >= 0x30 && bytes[k] <= 0x39) || ((bytes[k] == 0x2C || bytes[k] == 0x2E) && k > start) { k += 1 }
        guard k > start, bytes[k - 1] >= 0x30, bytes[k - 1] <= 0x39, k < n else { return nil }
        if bytes[k] == 0x29 { return (start, k, k + 1 - i) }
        if k + 2 < n, bytes[k] == 0xEF, bytes[k + 1] == 0xBC, bytes[k + 2] == 0x89 { return (start, k, k + 3 - i) }
        return nil
    }

    /// Letters, digits and CJK only: `（二）部分公开（区分处理的…）` → `二部分公开区分处理的…`.
    public static func key(_ text: String) -> String {
        // A key that is one run of the text's own bytes — the text itself, or the text without
        // marks before or after it — is cut from the text (the text itself is shared, not
        // copied); only a key of several runs is made from the bytes written.
        var text = text
        let (runs, runStart, runEnd, written): (Int, Int, Int, String?) = text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { buffer in
                var out = ByteWriter(buffer)
                let (runs, runStart, runEnd) = writeKey(bytes, into: &out)
                guard runs > 1 else { return (runs, runStart, runEnd, nil) }
                // Whole scalars of the text: valid UTF-8, not validated again.
                return (runs, runStart, runEnd, String(validUTF8: UnsafeBufferPointer(rebasing: buffer[0..<out.count])))
            }
        }
        if let written { return written }
        if runs == 0 { return "" }
        if runStart == 0 && runEnd == text.utf8.count { return text }
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: runStart)
        let to = utf8.index(from, offsetBy: runEnd - runStart)
        return String(text[from..<to])
    }

    /// Where the line starting at `start` ends: the index of the next line feed, or the end.
    /// The C library's memchr (vectorised) finds it: the byte loop it replaces was a twentieth
    /// of splitting a report into parts and of reading a table's lines.
    static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress, let found = memchr(base + start, 0x0A, bytes.count - start) else {
            return max(start, bytes.count)
        }
        return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// The same in an array of UTF-8 bytes.
    static func lineEnd(in bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { lineEnd(in: $0, from: start) }
    }

    /// `key(text)`'s UTF-8 bytes, handed to `body` without making a string of them (a test on
    /// the key's bytes needs none: making one validates the bytes again).
    static func withKeyBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var text = text
        return try text.withUTF8 { try withKeyBytes(of: $0, body) }
    }

    /// The same for valid UTF-8 `bytes` (a String's, or a whole line of them), with no string made.
    static func withKeyBytes<R>(of bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { buffer in
            var out = ByteWriter(buffer)
            _ = writeKey(bytes, into: &out)
            return try body(UnsafeBufferPointer(rebasing: buffer[0..<out.count]))
        }
    }

    /// Writes the key of the UTF-8 `bytes` (a String's: valid) into `out`, which holds at least
    /// as many bytes: ASCII letters and digits, and the CJK ideographs (E4–E9 lead bytes) are
    /// copied as they are; anything else is decoded and tested. Returns how many runs of the
    /// text's bytes the key is made of, and where the first one starts and ends.
    private static func writeKey(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout ByteWriter) -> (runs: Int, start: Int, end: Int) {
        let n = bytes.count
        var runs = 0, runStart = 0, runEnd = 0
        var lastEnd = -1  // where the last piece kept ends
        // Bytes `from..<to` of the text kept: a run of their own, or the last one's continued.
        func kept(_ from: Int, _ to: Int) {
            if from != lastEnd {
                runs += 1
                if runs == 1 { runStart = from }
            }
            lastEnd = to
            if runs == 1 { runEnd = lastEnd }
        }
        var i = 0
        while i < n {
            // A stretch of ASCII letters and digits and CJK ideographs, most of a key, is found
            // first and copied at once (byte by byte before, each with its own bookkeeping).
            let stretch = i
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    guard isKeyASCII(b) else { break }
                    i += 1
                } else if b >= 0xE4 && b <= 0xE9 && i + 2 < n {
                    i += 3
                } else {
                    break
                }
            }
            if i > stretch {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[stretch..<i]))
                kept(stretch, i)
                continue
            }
            // Anything else: ASCII is dropped; other scalars are decoded and tested.
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let full = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            let end = min(n, i + full)
            // The scalar decoded in place (a String of the piece per punctuation mark was
            // most of the cost); the bytes of a String are valid UTF-8, so a whole scalar.
            let scalar: Unicode.Scalar?
            if end - i == full, full > 1 {
                var v = UInt32(b) & (full == 2 ? 0x1F : full == 3 ? 0x0F : 0x07)
                for k in (i + 1)..<end { v = (v << 6) | UInt32(bytes[k] & 0x3F) }
                scalar = Unicode.Scalar(v)
            } else {
                scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self).unicodeScalars.first
            }
            if let scalar, isKeyScalar(scalar) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                kept(i, end)
            }
            i = end
        }
        return (runs, runStart, runEnd)
    }

    /// `CharacterSet.whitespaces`, got once (Foundation's getter makes it on every call).
    static let whitespaces = CharacterSet.whitespaces

    /// `trimmingCharacters(in: .whitespaces)` of UTF-8 bytes: spaces and tabs are cut on the bytes;
    /// Foundation trims only a line that still starts or ends with a non-ASCII character
    /// (which may be another kind of space).
    static func trimmedSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        let line = String(validUTF8: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        guard start < end, bytes[start] >= 0x80 || bytes[end - 1] >= 0x80 else { return line }
        let first = line.unicodeScalars.first!, last = line.unicodeScalars.last!
        guard whitespaces.contains(first) || whitespaces.contains(last) else { return line }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// `trimmingCharacters(in: .whitespaces)` of a string, Foundation's bridging left to the
    /// rare line that starts or ends with a non-ASCII space (it was a fiftieth of a check).
    static func trimmedSpaces<S: StringProtocol>(_ text: S) -> String {
        var line = String(text)
        return line.withUTF8 { trimmedSpaces($0) }
    }

    /// `text.filter { !$0.isWhitespace }`, on UTF-8 bytes when every scalar is one the byte test
    /// decides exactly: ASCII and the CJK ideographs, punctuation and forms reports are made of,
    /// none of which is a space or joins the scalar before it into one character; then only the
    /// ASCII spaces (tab, line feed, vertical tab, form feed, carriage return, space) are dropped,
    /// as `isWhitespace` drops them. Any other scalar leaves the text to the standard filter (the
    /// character-by-character filter with its property look-ups was a fiftieth of a check in N2).
    static func withoutWhitespace(_ text: String) -> String {
        var copy = text
        let fast: String? = copy.withUTF8 { b in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(b.count, 1)) { buffer -> String? in
                var out = ByteWriter(buffer)
                var i = 0
                let n = b.count
                while i < n {
                    let c = b[i]
                    if c < 0x80 {
                        if !(c == 0x20 || (c >= 0x09 && c <= 0x0D)) { out.append(c) }
                        i += 1
                        continue
                    }
                    guard c >= 0xE0, c < 0xF0, i + 2 < n else { return nil }
                    let v = (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
                    let simple =
                        (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3001 && v <= 0x3029) || (v >= 0xFF01 && v <= 0xFF5E)
                        || (v >= 0x2010 && v <= 0x2027) || (v >= 0x2030 && v <= 0x205E) || (v >= 0x2460 && v <= 0x24FF)
                        || (v >= 0x2500 && v <= 0x257F)
                    guard simple else { return nil }
                    out.append(c); out.append(b[i + 1]); out.append(b[i + 2])
                    i += 3
                }
                // Whole scalars of the text: valid UTF-8.
                return String(validUTF8: UnsafeBufferPointer(rebasing: buffer[..<out.count]))
            }
        }
        return fast ?? text.filter { !$0.isWhitespace }
    }

    /// Whether an ASCII byte is a digit or a letter: a bit of two masks of 64 bytes each (the
    /// six comparisons were most of a key's cost on a table row's tabs and digits).
    private static func isKeyASCII(_ b: UInt8) -> Bool {
        // 0x30…0x39; 0x41…0x5A and 0x61…0x7A (less 0x40).
        let digits: UInt64 = 0x03FF_0000_0000_0000
        let letters: UInt64 = 0x07FF_FFFE_07FF_FFFE
        return (b < 0x40 ? digits &>> UInt64(b) : letters &>> UInt64(b & 0x3F)) & 1 != 0
    }

    static func isKeyScalar(_ s: Unicode.Scalar) -> Bool {
        // Fast paths for what reports are made of: ASCII and CJK ideographs.
        let v = s.value
        if v < 0x80 { return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
        if v >= 0x4E00 && v <= 0x9FFF { return true }
        if v >= 0x3000 && v <= 0x303F { return v == 0x3007 }  // CJK punctuation, but 〇 is a numeral
        if v >= 0xFF00 && v <= 0xFFEF { return (v >= 0xFF10 && v <= 0xFF19) || (v >= 0xFF21 && v <= 0xFF3A) || (v >= 0xFF41 && v <= 0xFF5A) }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .otherLetter, .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
}

extension StringProtocol {
    /// Substring test on UTF-8 bytes, without copying. Foundation's `contains` goes through
    /// CFString and folds character clusters, which made it the largest cost of a report check.
    func hasSubstring(_ needle: String) -> Bool {
        // The needle's bytes are read in place: copying them into an array was an allocation per
        // call, and this runs for every word of every list against every clause.
        var needle = needle
        return needle.withUTF8 { n in
            if let found = utf8.withContiguousStorageIfAvailable({ Self.search($0, n) }) { return found }
            return Array(utf8).withUnsafeBufferPointer { Self.search($0, n) }
        }
    }

    /// Foundation's `range(of:)` (with `backwards`, its `.backwards` search), found on the
    /// bytes when both the text and the needle are plain (`YearScan.isPlain`: every scalar a
    /// character of its own, none with a canonical equivalent among the others, so a match of
    /// characters is a match of bytes, at scalar boundaries); else Foundation's, which bridges
    /// the text at every call (the issuer's title search made a tenth of its cost there).
    func plainRange(of needle: String, backwards: Bool = false) -> Range<String.Index>? {
        var needle = needle
        let at: Int = needle.withUTF8 { n -> Int in
            guard !n.isEmpty, YearScan.isPlain(n) else { return -2 }
            return utf8.withContiguousStorageIfAvailable { h -> Int in
                guard YearScan.isPlain(h) else { return -2 }
                guard h.count >= n.count, let hb = h.baseAddress, let nb = n.baseAddress else { return -1 }
                let last = h.count - n.count
                var i = backwards ? last : 0
                while i >= 0 && i <= last {
                    if h[i] == n[0], memcmp(hb + i, nb, n.count) == 0 { return i }
                    i += backwards ? -1 : 1
                }
                return -1
            } ?? -2
        }
        switch at {
        case -2: return range(of: needle, options: backwards ? .backwards : [])
        case -1: return nil
        default:
            let lower = utf8.index(utf8.startIndex, offsetBy: at)
            return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
        }
    }

    /// `hasSuffix` on UTF-8 bytes: the standard one compares characters (grapheme breaking),
    /// which made the comparison-word tests of N2 a tenth of a report check.
    func hasUTF8Suffix(_ suffix: String) -> Bool {
        var suffix = suffix
        return suffix.withUTF8 { n in
            func test(_ h: UnsafeBufferPointer<UInt8>) -> Bool {
                guard h.count >= n.count else { return false }
                let offset = h.count - n.count
                for k in 0..<n.count where h[offset + k] != n[k] { return false }
                return true
            }
            if let found = utf8.withContiguousStorageIfAvailable(test) { return found }
            return Array(utf8).withUnsafeBufferPointer(test)
        }
    }

    /// Whether the bytes `h` hold the bytes `n`.
    static func search(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !n.isEmpty else { return true }
        guard h.count >= n.count, let hb = h.baseAddress, let nb = n.baseAddress else { return false }
        // The C library's memchr (vectorised) finds the candidates, memcmp checks them: the byte
        // loop it replaces was a tenth of the issuer's search over the last lines and of the
        // format's over the tables. The needle's second byte is looked for when it has one: the
        // lead byte of a CJK character (E4…E9) is on every third byte of a report.
        let k = n.count > 1 ? 1 : 0
        let key = Int32(n[k])
        var from = k
        let last = h.count - n.count + k  // the last place the key byte can be at
        while from <= last {
            guard let found = memchr(hb + from, key, last - from + 1) else { return false }
            let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - hb
            if memcmp(hb + (at - k), nb, n.count) == 0 { return true }
            from = at + 1
        }
        return false
    }
}

extension String {
    /// A string of bytes known to be valid UTF-8 — a String's own, cut at scalar boundaries, or
    /// written from them scalar by scalar — made without validating them again, as
    /// `String(decoding:as:)` and `String(unsafeUninitializedCapacity:initializingUTF8With:)` do
    /// (every string the text pipeline makes from bytes paid that second pass).
    init(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        // Checked where it costs nothing in production: every debug build, the tests' among them,
        // proves the claim on each string it makes.
        assert(String(validating: bytes, as: UTF8.self) != nil, "String(validUTF8:) given invalid UTF-8")
        var span = UTF8Span(unchecked: bytes.span, isKnownASCII: false)
        // Whether the bytes are ASCII, which a string records (its comparisons and hash are
        // faster then): a text with CJK in it is told at its first ideograph.
        _ = span.checkForASCII()
        self = String(copying: span)
    }

    /// The scalars of the string in an array, decoded from its UTF-8 in one pass
    /// (`Array(unicodeScalars)` counts them first, then decodes them again to copy them).
    var scalarArray: [Unicode.Scalar] {
        // Written straight into an array of one scalar per byte at most (no capacity test per
        // scalar); the bytes of a String are valid UTF-8, so each value is a scalar.
        var text = self
        return text.withUTF8 { b in
            [Unicode.Scalar](unsafeUninitializedCapacity: b.count) { out, initialized in
                guard let scalars = out.baseAddress else { return }
                var i = 0
                var k = 0
                let n = b.count
                // Three-byte scalars (CJK, most of a report) first; the offsets stay below the
                // byte count, so they are added without overflow checks (`&+`), which made up
                // a fifth of this loop.
                while i < n {
                    let c = b[i]
                    var v: UInt32
                    if c >= 0xE0 && c < 0xF0 {
                        v = (UInt32(c & 0x0F) << 12) | (UInt32(b[i &+ 1] & 0x3F) << 6) | UInt32(b[i &+ 2] & 0x3F)
                        i &+= 3
                    } else if c < 0x80 {
                        v = UInt32(c)
                        i &+= 1
                    } else if c < 0xE0 {
                        v = (UInt32(c & 0x1F) << 6) | UInt32(b[i &+ 1] & 0x3F)
                        i &+= 2
                    } else {
                        v = (UInt32(c & 0x07) << 18) | (UInt32(b[i &+ 1] & 0x3F) << 12) | (UInt32(b[i &+ 2] & 0x3F) << 6) | UInt32(b[i &+ 3] & 0x3F)
                        i &+= 4
                    }
                    (scalars + k).initialize(to: unsafeBitCast(v, to: Unicode.Scalar.self))
                    k &+= 1
                }
                initialized = k
            }
        }
    }

    /// A string of scalars, encoded to UTF-8 at once (`String(String.UnicodeScalarView(scalars))`
    /// appends them one at a time, which the narrative checks do for every clause they look at),
    /// and not validated again: encoded scalars are valid UTF-8.
    init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(scalars.count * 4, 1)) { buffer in
            let count = String.writeUTF8(of: scalars, into: buffer)
            return String(validUTF8: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Writes the scalars' UTF-8 into `buffer` (at least 4 bytes a scalar) and returns the count
    /// written. By hand: the scalars' own UTF-8 views, a byte at a time, cost more than the rest.
    static func writeUTF8<C: Collection>(of scalars: C, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int
    where C.Element == Unicode.Scalar {
        var i = 0
        for scalar in scalars {
            let v = scalar.value
            if v < 0x80 {
                buffer[i] = UInt8(v)
                i += 1
            } else if v < 0x800 {
                buffer[i] = UInt8(0xC0 | (v >> 6))
                buffer[i + 1] = UInt8(0x80 | (v & 0x3F))
                i += 2
            } else if v < 0x10000 {
                buffer[i] = UInt8(0xE0 | (v >> 12))
                buffer[i + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                buffer[i + 2] = UInt8(0x80 | (v & 0x3F))
                i += 3
            } else {
                buffer[i] = UInt8(0xF0 | (v >> 18))
                buffer[i + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                buffer[i + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
                buffer[i + 3] = UInt8(0x80 | (v & 0x3F))
                i += 4
            }
        }
        return i
    }
}
