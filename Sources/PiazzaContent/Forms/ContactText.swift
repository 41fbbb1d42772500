import ItalianIdentifiers

/// The shapes of an e-mail address and a telephone number: the one rule for `email` and `tel` form
/// fields and for the contact of a booking. Both read text already passed through
/// ``ItalianIdentifiers/TypedText/identifier(_:)``.
public enum ContactText {
    /// `local@domain.tld`: one `@`, no spaces, quotes or angle brackets, a dot in the domain and a
    /// top-level domain of at least two letters; at most 254 bytes.
    public static func isEmail(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 254, let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0,
            bytes.lastIndex(of: UInt8(ascii: "@")) == at,
            !bytes.contains(where: {
                $0 <= 0x20 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"")
            })
        else { return false }
        let domain = bytes[(at + 1)...]
        guard let dot = domain.lastIndex(of: UInt8(ascii: ".")), dot > domain.startIndex else { return false }
        let tld = domain[(dot + 1)...]
        return tld.count >= 2 && tld.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) }
    }

    /// Digits, spaces and `. / ( ) -`, an optional leading `+`, and 6 to 15 digits.
    public static func isPhone(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let allowed = Set(" ./()-".utf8)
        guard !bytes.isEmpty,
            bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || allowed.contains($0) })
        else { return false }
        return (6...15).contains(bytes.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count)
    }

    /// A contact as typed (telephone or e-mail), read like identifiers; `nil` when it is neither.
    public static func telephoneOrEmail(_ text: String) -> String? {
        let contact = TypedText.identifier(text)
        return isEmail(contact) || isPhone(contact) ? contact : nil
    }
}
