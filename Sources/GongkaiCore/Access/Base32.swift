/// RFC 4648 base32 (the alphabet A–Z, 2–7), in which authenticator apps take a TOTP secret.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Encodes with `=` padding to a multiple of 8 characters unless `padded` is false
    /// (otpauth URIs and people typing the key leave the padding out).
    public static func encode(_ bytes: [UInt8], padded: Bool = true) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 4) / 5 * 8)
        var buffer = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        if padded { while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) } }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a key as people type it: case, spaces, hyphens and padding are ignored. Returns
    /// nil for any other character, or for trailing bits that a correct encoder never leaves.
    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer = 0, bits = 0
        for scalar in text.uppercased().unicodeScalars {
            if scalar == " " || scalar == "-" || scalar == "=" { continue }
            guard scalar.isASCII, let value = alphabet.firstIndex(of: UInt8(scalar.value)) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
            buffer &= (1 << bits) - 1
        }
        // RFC 4648 §3.5: leftover bits must be zero (5 bits or more left over is a truncated key).
        guard bits < 5, buffer == 0 else { return nil }
        return out
    }

    /// The key as shown to be typed into an app: groups of four (`JBSW Y3DP EHPK 3PXP`).
    public static func grouped(_ encoded: String) -> String {
        var groups: [Substring] = []
        var rest = Substring(encoded.replacingOccurrences(of: "=", with: ""))
        while !rest.isEmpty {
            groups.append(rest.prefix(4))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }
}
