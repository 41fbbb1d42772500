import ItalianIdentifiers

/// What a user name, a password, a role's portals and shop staff's shop must be: the one place for
/// these rules, used by `piazza user` and by the login form.
enum AccountRules {
    /// Bcrypt reads at most 72 bytes of a password; a longer one would be cut without a word.
    static let maxPasswordBytes = 72
    /// NIST SP 800-63B §3.1.1.2 asks for at least 8 characters; back-office accounts reach personal
    /// data of many citizens, so 12.
    static let minPasswordCharacters = 12

    /// 1–64 characters: lowercase ASCII letters, digits, `.`, `_`, `-`, starting with a letter or
    /// digit — safe in logs, URLs and the audit trail, and never two spellings of one name.
    ///
    /// - Throws: ``AccountsError`` `.invalidName` saying how to write it.
    static func checkName(_ name: String) throws(AccountsError) {
        let allowed = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard allowed, (1...64).contains(name.utf8.count), let first = name.first, first.isLetter || first.isNumber
        else {
            throw AccountsError(
                .invalidName,
                "'\(name)' is not a valid user name; use 1 to 64 lowercase letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit (e.g. mario.rossi)")
        }
    }

    /// 12 characters or more, at most 72 bytes in UTF-8.
    ///
    /// - Throws: ``AccountsError`` `.invalidPassword` with the limit broken.
    static func checkPassword(_ password: String) throws(AccountsError) {
        if password.count < minPasswordCharacters {
            throw AccountsError(
                .invalidPassword,
                "the password is shorter than \(minPasswordCharacters) characters; choose a longer one "
                    + "(a few unrelated words are easy to remember)")
        }
        if password.utf8.count > maxPasswordBytes {
            throw AccountsError(
                .invalidPassword,
                "the password is longer than \(maxPasswordBytes) bytes, which bcrypt would cut; choose a shorter one")
        }
    }

    /// An admin has every portal and takes none; an operator or tutor needs at least one, each served.
    ///
    /// - Parameter served: the portals the daemon serves with this config.
    /// - Returns: the portals, sorted, without repeats.
    /// - Throws: ``AccountsError`` `.invalidPortals` naming the portal or the missing option.
    static func checkPortals(_ portals: [String], role: Role, served: [String]) throws(AccountsError) -> [String] {
        guard role.takesPortals else {
            if portals.isEmpty { return [] }
            throw AccountsError(.invalidPortals, "an admin works on every portal; remove --portal")
        }
        if role == .merchant && Set(portals).count > 1 {
            throw AccountsError(
                .invalidPortals, "shop staff work on the one portal where their shop is enrolled; give one --portal")
        }
        if portals.isEmpty {
            throw AccountsError(
                .invalidPortals,
                "a user with role \(role.rawValue) needs at least one --portal; portals served: "
                    + served.joined(separator: ", "))
        }
        for portal in portals where !served.contains(portal) {
            throw AccountsError(
                .invalidPortals,
                "no portal '\(portal)' is served with this config; portals served: " + served.joined(separator: ", "))
        }
        return Array(Set(portals)).sorted()
    }

    /// Shop staff (role `merchant`) are bound to their shop's partita IVA; no other role is.
    ///
    /// - Returns: the 11 digits (``PartitaIVA``'s normalisation: spaces and an `IT` prefix removed), or
    ///   `nil` for another role.
    /// - Throws: ``AccountsError`` `.invalidMerchant`: missing or invalid for shop staff, given to another role.
    static func checkMerchant(_ merchant: String?, role: Role) throws(AccountsError) -> String? {
        guard role == .merchant else {
            if merchant == nil { return nil }
            throw AccountsError(.invalidMerchant, "only shop staff (--role merchant) have a shop; remove --merchant")
        }
        guard let merchant else {
            throw AccountsError(
                .invalidMerchant,
                "shop staff need --merchant PARTITAIVA, the partita IVA of the shop enrolled in the portal")
        }
        do {
            return try PartitaIVA(merchant).value
        } catch {
            throw AccountsError(
                .invalidMerchant, "--merchant '\(merchant)' is not a valid partita IVA: \(error.message)")
        }
    }
}
