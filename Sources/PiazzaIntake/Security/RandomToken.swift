/// Random identifiers for receipts, upload names and one-time form keys.
enum RandomToken {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// 130 random bits as 26 lower-case base32 characters (a-z, 2-7), from the system generator.
    static func make() -> String {
        // Three draws (three system calls, not one per character): 12 characters of 5 bits from each 64-bit word.
        var generator = SystemRandomNumberGenerator()
        let words: [UInt64] = [generator.next(), generator.next(), generator.next()]
        return String(unsafeUninitializedCapacity: 26) { buffer in
            for index in 0..<26 {
                let bits = words[index / 12] >> UInt64(index % 12 * 5) & 31
                buffer[index] = alphabet[Int(bits)]
            }
            return 26
        }
    }

    /// Whether `text` has the shape of a token, so that junk never reaches the database.
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 26 && text.utf8.allSatisfy { alphabet.contains($0) }
    }
}
