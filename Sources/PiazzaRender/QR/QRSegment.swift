/// The text of a QR code as one segment in the densest mode that holds all of it (ISO/IEC 18004:2015 §7.4):
/// numeric for digits only, alphanumeric for the 45 characters `0–9 A–Z space $ % * + - . / :` (voucher codes
/// and upper-case URLs), otherwise byte mode.
///
/// Byte mode carries the text's UTF-8 bytes without an ECI header: the standard's default interpretation is
/// ISO/IEC 8859-1, but phone readers detect UTF-8, and an ECI designator is what older readers mishandle.
/// The texts piazza encodes (URLs, voucher codes) are ASCII, where both agree.
struct QRSegment: Sendable {
    enum Mode: Sendable {
        case numeric, alphanumeric, byte

        /// The 4-bit mode indicator (Table 2).
        var indicator: UInt32 {
            switch self {
            case .numeric: 0b0001
            case .alphanumeric: 0b0010
            case .byte: 0b0100
            }
        }

        /// Bits of the character count indicator in a symbol of `version` (Table 3).
        func countBits(version: Int) -> Int {
            let band = version <= 9 ? 0 : version <= 26 ? 1 : 2
            switch self {
            case .numeric: return [10, 12, 14][band]
            case .alphanumeric: return [9, 11, 13][band]
            case .byte: return [8, 16, 16][band]
            }
        }
    }

    /// The alphanumeric mode's characters in the order of their values 0…44 (Table 5).
    static let alphanumericCharacters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    let mode: Mode
    /// Characters for the count indicator: digits, alphanumeric characters or bytes.
    let count: Int
    /// The encoded characters, without mode and count indicators.
    let data: BitBuffer

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var data = BitBuffer()
        if !bytes.isEmpty, bytes.allSatisfy({ (0x30...0x39).contains($0) }) {
            mode = .numeric
            // Groups of three digits in 10 bits; a last group of two in 7, of one in 4 (§7.4.3).
            for start in stride(from: 0, to: bytes.count, by: 3) {
                let group = bytes[start..<min(start + 3, bytes.count)]
                let value = group.reduce(0) { $0 * 10 + UInt32($1 - 0x30) }
                data.append(value, bits: group.count * 3 + 1)
            }
        } else if !bytes.isEmpty, bytes.allSatisfy(Self.alphanumericCharacters.contains) {
            mode = .alphanumeric
            // Pairs as 45 × first + second in 11 bits; a last single character in 6 (§7.4.4).
            let values = bytes.map { UInt32(Self.alphanumericCharacters.firstIndex(of: $0)!) }
            for start in stride(from: 0, to: values.count, by: 2) {
                if start + 1 < values.count {
                    data.append(values[start] * 45 + values[start + 1], bits: 11)
                } else {
                    data.append(values[start], bits: 6)
                }
            }
        } else {
            mode = .byte
            for byte in bytes { data.append(UInt32(byte), bits: 8) }
        }
        count = bytes.count
        self.data = data
    }

    /// Bits of mode indicator, count indicator and data in a symbol of `version`, or `nil` when the count
    /// does not fit its indicator there.
    func bitLength(version: Int) -> Int? {
        let countBits = mode.countBits(version: version)
        guard count < 1 << countBits else { return nil }
        return 4 + countBits + data.count
    }

    /// The data codewords of a symbol with `capacity` data codewords: mode, count, data, the terminator of up
    /// to four zero bits, zero bits to the next byte and the pad codewords 0xEC 0x11 in turn (§7.4.9, §7.4.10).
    func codewords(version: Int, capacity: Int) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(mode.indicator, bits: 4)
        bits.append(UInt32(count), bits: mode.countBits(version: version))
        bits.append(data)
        bits.append(0, bits: min(4, capacity * 8 - bits.count))
        bits.append(0, bits: (8 - bits.count % 8) % 8)
        var bytes = bits.bytes
        var pad: UInt8 = 0xEC
        while bytes.count < capacity {
            bytes.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return bytes
    }
}

/// A sequence of bits, most significant first.
struct BitBuffer: Sendable {
    private(set) var bits: [Bool] = []

    var count: Int { bits.count }

    /// Appends the low `bits` bits of `value`, most significant first.
    mutating func append(_ value: UInt32, bits width: Int) {
        for shift in stride(from: width - 1, through: 0, by: -1) {
            bits.append(value >> UInt32(shift) & 1 == 1)
        }
    }

    mutating func append(_ other: BitBuffer) { bits.append(contentsOf: other.bits) }

    /// The bits packed eight to a byte; the count must be a multiple of 8.
    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
        }
    }
}
