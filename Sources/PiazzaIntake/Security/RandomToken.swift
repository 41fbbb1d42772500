/// Random identifiers for receipts, upload names and one-time form keys.
enum RandomToken {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// 130 random bits as 26 lower-case base32 characters (a-z, 2-7), from the system generator.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var characters: [UInt8] = []
        characters.reserveCapacity(26)
        for _ in 0..<26 { characters.append(alphabet[Int(generator.next(upperBound: UInt8(32)))]) }
        return String(decoding: characters, as: UTF8.self)
    }

    /// Whether `text` has the shape of a token, so that junk never reaches the database.
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 26 && text.utf8.allSatisfy { alphabet.contains($0) }
    }
}
