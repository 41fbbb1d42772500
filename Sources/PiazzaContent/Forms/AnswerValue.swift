/// A typed answer; the JSON form is an object with one key naming the kind.
public enum AnswerValue: Sendable, Hashable, Codable {
    /// Free text, e-mail, phone, and normalised identifiers (codice fiscale, partita IVA, IBAN, CAP).
    case text(String)
    /// A calendar date, ISO `YYYY-MM-DD`.
    case date(String)
    /// A decimal number as text with a dot (`12.5`).
    case number(String)
    /// An amount in euro cents.
    case cents(Int)
    /// The value of the chosen option (select, radio).
    case option(String)
    /// The values of the ticked options (checkbox with options), in option order.
    case options([String])
    /// A yes/no answer (single checkbox, consent).
    case bool(Bool)
    /// An uploaded file.
    case file(UploadedFile)
    /// An ISEE amount in cents and its DSU protocol.
    case isee(cents: Int, dsu: String)
    /// Filled rows of a repeatable group.
    case rows([[Answer]])

    private enum Kind: String, CodingKey {
        case text, date, number, cents, option, options, bool, file, isee, rows
    }

    private struct ISEEValue: Codable {
        var cents: Int
        var dsu: String
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Kind.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .text) {
            self = .text(text)
        } else if let date = try container.decodeIfPresent(String.self, forKey: .date) {
            self = .date(date)
        } else if let number = try container.decodeIfPresent(String.self, forKey: .number) {
            self = .number(number)
        } else if let cents = try container.decodeIfPresent(Int.self, forKey: .cents) {
            self = .cents(cents)
        } else if let option = try container.decodeIfPresent(String.self, forKey: .option) {
            self = .option(option)
        } else if let options = try container.decodeIfPresent([String].self, forKey: .options) {
            self = .options(options)
        } else if let bool = try container.decodeIfPresent(Bool.self, forKey: .bool) {
            self = .bool(bool)
        } else if let file = try container.decodeIfPresent(UploadedFile.self, forKey: .file) {
            self = .file(file)
        } else if let isee = try container.decodeIfPresent(ISEEValue.self, forKey: .isee) {
            self = .isee(cents: isee.cents, dsu: isee.dsu)
        } else if let rows = try container.decodeIfPresent([[Answer]].self, forKey: .rows) {
            self = .rows(rows)
        } else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "answer without a known kind"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Kind.self)
        switch self {
        case .text(let value): try container.encode(value, forKey: .text)
        case .date(let value): try container.encode(value, forKey: .date)
        case .number(let value): try container.encode(value, forKey: .number)
        case .cents(let value): try container.encode(value, forKey: .cents)
        case .option(let value): try container.encode(value, forKey: .option)
        case .options(let value): try container.encode(value, forKey: .options)
        case .bool(let value): try container.encode(value, forKey: .bool)
        case .file(let value): try container.encode(value, forKey: .file)
        case .isee(let cents, let dsu): try container.encode(ISEEValue(cents: cents, dsu: dsu), forKey: .isee)
        case .rows(let value): try container.encode(value, forKey: .rows)
        }
    }
}
