/// An error produced when a piece of text is not a valid Italian identifier, date or amount.
///
/// Every error carries a stable ``code`` meant for programs (logging, tests, analytics) and a
/// ``message`` written in plain Italian, meant to be shown to a citizen next to the form field
/// that contains the wrong value. Messages say what is wrong and how to fix it, use the
/// informal "tu" and never contain technical jargon.
///
/// ```swift
/// do {
///     _ = try PartitaIVA("0074311015")
/// } catch {
///     print(error.code)     // length
///     print(error.message)  // "La partita IVA deve avere 11 cifre: ne hai inserite 10."
/// }
/// ```
public struct IdentifierError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem. Raw values are stable and can be stored or sent to clients.
    public enum Code: String, Sendable, Hashable, CaseIterable, Codable {
        /// Nothing was entered (only spaces, or an empty string).
        case empty
        /// The text has the wrong number of characters.
        case length
        /// The text contains characters that are not allowed, or they are in the wrong place.
        case format
        /// The control letter of a codice fiscale does not match the other characters.
        case checkCharacter
        /// A date does not exist or is otherwise not acceptable.
        case date
        /// The office code (digits 8–10) of a partita IVA is not an existing code.
        case officeCode
        /// The country of an IBAN is unknown or not supported.
        case country
        /// A check digit (partita IVA, IBAN) does not match the rest of the number.
        case checksum
        /// The CIN letter of an Italian IBAN does not match ABI, CAB and account number.
        case cin
        /// A number is outside the accepted range (for example too large).
        case range
        /// A negative amount was entered where only positive amounts are allowed.
        case negative
    }

    /// The stable, machine-readable kind of problem.
    public let code: Code

    /// A plain-Italian explanation of what is wrong and how to fix it, ready to show to a citizen.
    public let message: String

    /// Creates an error with a code and a citizen-facing Italian message.
    ///
    /// - Parameters:
    ///   - code: The stable kind of problem.
    ///   - message: The Italian text shown next to the form field.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The Italian ``message``.
    public var description: String { message }
}
