import Foundation
import GRDB
import ItalianIdentifiers
import PiazzaContent

extension PortalDatabase {
    /// Everything this portal holds about the holder of `code` (``SubjectAccessExport``), and an
    /// ``AuditAction/subjectAccess`` entry by `actor` in the same transaction (its detail is the
    /// number of cases, never the code).
    ///
    /// Candidates are found by the code's first six letters, which omocodia never changes, in the
    /// answers, and by the applicant and household indexes; each is then checked answer by answer, so nothing of a
    /// person with similar letters is exported.
    ///
    /// Bookings are those made with the code (calendars with `requires_form`) and, with `contact`, those
    /// whose contact is the same phone number or e-mail address (``SubjectAccessExport/contactKey(_:)``):
    /// a calendar open to anyone stores only a name and a contact.
    ///
    /// - Parameters:
    ///   - contact: the phone or e-mail the person booked with; empty for none.
    ///   - attachmentURL: the download route of a case's file (numero, file id).
    /// - Throws: GRDB's error.
    func subjectAccess(
        _ code: FiscalCode, contact: String = "", actor: String, at date: Date,
        attachmentURL: @escaping @Sendable (String, Int64) -> String
    ) async throws -> SubjectAccessExport {
        let contactKey = SubjectAccessExport.contactKey(contact)
        let letters = String(code.canonicalValue.prefix(6))
        let portal = portalID
        return try await committer.write { db in
            let candidates = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM applications WHERE instr(answers, :letters) > 0
                    OR id IN (SELECT application_id FROM household_members WHERE fiscal_code = :code)
                    OR id IN (SELECT application_id FROM application_fiscal_codes WHERE fiscal_code = :code) ORDER BY id
                    """,
                arguments: ["letters": letters, "code": code.canonicalValue])
            var cases: [SubjectAccessExport.Case] = []
            for row in candidates {
                let application = try ApplicationRecord(row: row)
                guard let id = application.id,
                    let found = SubjectAccessExport.answers(about: code, in: application.answers.application.answers)
                else { continue }
                let whole = found.role == "richiedente"
                let events = try ApplicationEvent.filter(Column("application_id") == id).order(Column("id")).fetchAll(
                    db)
                let files = whole ? try FileRecord.filter(Column("application_id") == id).fetchAll(db) : []
                let messages = whole ? try Self.messages(of: id, in: db) : []
                let payment = whole ? try Self.payments(of: [id], in: db)[id] : nil
                let voucher = whole ? try Self.voucherAccount(applicationID: id, in: db) : nil
                cases.append(
                    SubjectAccessExport.Case(
                        numero: application.number, modulo: application.formID, inviataIl: application.submittedAt,
                        canale: application.channel.rawValue, stato: application.state.rawValue, ruolo: found.role,
                        risposte: found.answers,
                        storia: events.map { .init(il: $0.at, stato: $0.state.rawValue, nota: whole ? $0.note : nil) },
                        importoCentesimi: whole ? application.benefitCents : nil,
                        messaggi: messages.map { .init(il: $0.at, testo: $0.text) },
                        pagamento: payment.map {
                            .init(importoCentesimi: $0.amountCents, pagatoIl: $0.paidOn, riferimento: $0.reference)
                        },
                        buono: voucher.map(SubjectAccessExport.Voucher.init),
                        allegati: files.map {
                            .init(
                                campo: $0.field, nome: $0.originalName, tipo: $0.mime, byte: $0.size, sha256: $0.sha256,
                                url: attachmentURL(application.number, $0.id ?? 0))
                        },
                        anonimizzataIl: row["anonymised_at"]))
            }
            // Every booking with a contact is read when one is given: contacts are typed freely, so they
            // are compared by their key in Swift (a request an admin makes by hand, rarely).
            let bookings = try Row.fetchAll(
                db,
                sql: """
                    SELECT calendar_id, slot_id, seats, name, contact, application_number, fiscal_code, booked_at, state
                    FROM bookings WHERE instr(fiscal_code, :letters) = 1 OR (:contact AND contact != '') ORDER BY id
                    """,
                arguments: ["letters": letters, "contact": !contactKey.isEmpty]
            ).filter {
                (($0["fiscal_code"] as String?).map { SubjectAccessExport.names(code, $0) } ?? false)
                    || (!contactKey.isEmpty && SubjectAccessExport.contactKey($0["contact"]) == contactKey)
            }
            try AuditChain.append(
                AuditEvent(at: date, actor: actor, action: .subjectAccess, detail: "pratiche: \(cases.count)"), in: db)
            return SubjectAccessExport(
                portale: portal, codiceFiscale: code.value, generatoIl: date, pratiche: cases,
                prenotazioni: bookings.map {
                    .init(
                        calendario: $0["calendar_id"], turno: $0["slot_id"], posti: $0["seats"], nome: $0["name"],
                        contatto: $0["contact"], numeroPratica: $0["application_number"], prenotataIl: $0["booked_at"],
                        stato: $0["state"])
                })
        }
    }
}
