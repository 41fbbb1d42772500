import Foundation
import ItalianIdentifiers
import PiazzaContent

/// Everything a portal holds about one person, found by codice fiscale, as the JSON an admin
/// downloads for a data-subject access request (GDPR art. 15 and 20, research/domain.md §3.8).
///
/// A case where the person is the applicant (a top-level answer is their codice fiscale, or an
/// omocodic variant of it) comes whole: answers, history, amounts, the messages the office wrote
/// to them, the payment, the voucher with its purchases, attachments. A case where they
/// are only a household member comes with its number, form, dates and state and only the group
/// rows that name them: the rest is another person's data. Attachments are listed with the
/// back office's download route (`…/pratiche/{numero}/allegati/{id}`), each download audited.
struct SubjectAccessExport: Encodable, Sendable {
    struct Case: Encodable, Sendable {
        var numero: String
        var modulo: String
        var inviataIl: Date
        var canale: String
        var stato: String
        /// `richiedente` or `componente del nucleo`.
        var ruolo: String
        var risposte: [Answer]
        var storia: [Step]
        var importoCentesimi: Int?
        /// The messages to the citizen, oldest first (their text, as on the status page).
        var messaggi: [Message]
        /// The recorded payment of the benefit; `nil` when none is recorded.
        var pagamento: Payment?
        /// The voucher issued for the case, with its purchases; `nil` when none was.
        var buono: Voucher?
        var allegati: [Attachment]
        var anonimizzataIl: String?
    }

    struct Step: Encodable, Sendable {
        var il: Date
        var stato: String
        var nota: String?
    }

    struct Message: Encodable, Sendable {
        var il: Date
        var testo: String
    }

    struct Payment: Encodable, Sendable {
        var importoCentesimi: Int
        /// The value date, ISO `YYYY-MM-DD`.
        var pagatoIl: String
        var riferimento: String
    }

    /// A voucher (buono spesa) as the citizen reads it on the status page: the whole code, since it is
    /// theirs, unless retention has replaced it (``VoucherRecord/anonymisedCode(id:)``).
    struct Voucher: Encodable, Sendable {
        /// Grouped for reading, `K7MP-Q4XZ-9TRC-A`.
        var codice: String
        /// The measure's slug.
        var misura: String
        var importoCentesimi: Int
        /// The last day it can be spent, ISO `YYYY-MM-DD`, Europe/Rome.
        var validoFinoAl: String
        /// The worth less the purchases not voided, now.
        var saldoCentesimi: Int
        /// Oldest first, voided ones included.
        var acquisti: [Purchase]

        init(_ account: VoucherAccount) {
            codice = VoucherCode(typed: account.voucher.code)?.description ?? account.voucher.code
            misura = account.voucher.measure
            importoCentesimi = account.voucher.amountCents
            validoFinoAl = account.voucher.validUntil
            saldoCentesimi = account.balanceCents
            acquisti = account.redemptions.map {
                Purchase(
                    esercente: $0.merchantName, il: $0.redemption.at, importoCentesimi: $0.redemption.amountCents,
                    annullato: $0.redemption.voidedAt != nil, annullatoIl: $0.redemption.voidedAt)
            }
        }
    }

    /// A purchase paid with the voucher at a shop.
    struct Purchase: Encodable, Sendable {
        /// The shop's name.
        var esercente: String
        var il: Date
        var importoCentesimi: Int
        /// Whether the shop voided it: then it does not count against the balance.
        var annullato: Bool
        var annullatoIl: Date?
    }

    struct Attachment: Encodable, Sendable {
        var campo: String
        var nome: String
        var tipo: String
        var byte: Int
        var sha256: String
        /// The back office's download route, relative to `public_url`.
        var url: String
    }

    struct Booking: Encodable, Sendable {
        var calendario: String
        var turno: String
        var posti: Int
        var nome: String
        var contatto: String
        var numeroPratica: String?
        var prenotataIl: String
        var stato: String
    }

    var portale: String
    var codiceFiscale: String
    var generatoIl: Date
    var pratiche: [Case]
    var prenotazioni: [Booking]

    /// The JSON bytes: sorted keys, snake_case names, ISO 8601 dates, pretty-printed for reading.
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// A contact as compared between an access request and a booking: an e-mail address lowercased;
    /// a phone number as its digits, without the Italian prefix (`+39`, `0039`), so that
    /// `+39 333 123 4567` and `333-1234567` are the same; empty for an empty text.
    static func contactKey(_ text: String) -> String {
        let compact = text.lowercased().filter { !$0.isWhitespace }
        guard !compact.contains("@") else { return compact }
        var digits = compact.filter { !"-./()".contains($0) }
        for prefix in ["+39", "0039"] where digits.hasPrefix(prefix) { digits.removeFirst(prefix.count) }
        return digits
    }

    /// Whether `text` is `code` or one of its omocodic variants.
    static func names(_ code: FiscalCode, _ text: String) -> Bool {
        (try? FiscalCode(text))?.canonicalValue == code.canonicalValue
    }

    /// What of `answers` concerns the holder of `code`: every answer when they are the applicant,
    /// else only the group rows naming them; `nil` when they appear nowhere.
    static func answers(about code: FiscalCode, in answers: [Answer]) -> (role: String, answers: [Answer])? {
        if answers.contains(where: { if case .text(let text) = $0.value { names(code, text) } else { false } }) {
            return ("richiedente", answers)
        }
        var rows: [Answer] = []
        for answer in answers {
            guard case .rows(let groupRows) = answer.value else { continue }
            let naming = groupRows.filter { row in
                row.contains { if case .text(let text) = $0.value { names(code, text) } else { false } }
            }
            if !naming.isEmpty { rows.append(Answer(name: answer.name, value: .rows(naming))) }
        }
        return rows.isEmpty ? nil : ("componente del nucleo", rows)
    }
}
