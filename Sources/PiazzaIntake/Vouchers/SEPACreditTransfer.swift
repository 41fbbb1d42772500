import Foundation
import ItalianIdentifiers
import PiazzaContent

/// The SEPA credit transfer order that pays the shops their statements for a period (issue 19, item 4):
/// an ISO 20022 `pain.001.001.03` customer credit transfer initiation, the version of the EPC's SEPA
/// Credit Transfer Implementation Guidelines (EPC132-08) that Italian banks take through their home
/// banking and, re-wrapped, the CBI channel (`CBIPaymentRequest.00.04.00` is that message under CBI's
/// namespace). It is validated against the ISO schema `pain.001.001.03.xsd` in the e2e suite
/// (`test_sepa_credit_transfer.py`, the schema PyPI's `sepaxml` ships).
///
/// One payment information block (the comune's account, `SEPA` service level, charges `SLEV`), one
/// credit transfer per shop: its total, name and IBAN as stored, the end-to-end id
/// ``endToEndID(period:partitaIVA:)`` and the remittance information ``remittance(period:partitaIVA:)``.
/// Amounts are euro with a dot and two decimals; the control sums are the sums of the transfers.
struct SEPACreditTransfer: Sendable {
    /// The comune's account, from `vouchers.debtors` in the daemon's config.
    let debtor: DaemonConfig.Vouchers.Debtor
    let period: ReimbursementPeriod
    let statements: [ShopStatement]
    /// The file's creation time: `CreDtTm` and the requested execution day (Rome).
    let createdAt: Date

    /// A shop whose stored IBAN fails the check of ``ItalianIdentifiers/IBAN`` (changed by hand in the
    /// database, or enrolled before the rule): the file is not written, since the bank would refuse it.
    struct InvalidIBAN: Error, Sendable, Hashable {
        var partitaIVA: String
        var name: String
        var iban: String
    }

    /// `BS-20261101-20261130-01234560280`: the same for the same shop and period, at most 35 characters
    /// (`Max35Text`), so a bank that refuses a repeated end-to-end id refuses paying a statement twice.
    static func endToEndID(period: ReimbursementPeriod, partitaIVA: String) -> String {
        "BS-\(period.compact)-\(partitaIVA)"
    }

    /// `Rimborso buoni spesa 2026-11-01/2026-11-30 01234560280`: what the shop reads on its statement
    /// (unstructured, at most 140 characters).
    static func remittance(period: ReimbursementPeriod, partitaIVA: String) -> String {
        "Rimborso buoni spesa \(period.iso) \(partitaIVA)"
    }

    /// The XML document, UTF-8.
    ///
    /// - Throws: ``InvalidIBAN`` for the first shop whose IBAN is not valid.
    func xml() throws(InvalidIBAN) -> String {
        var transfers = ""
        for statement in statements {
            let merchant = statement.merchant
            guard let iban = try? IBAN(merchant.iban) else {
                throw InvalidIBAN(partitaIVA: merchant.partitaIVA, name: merchant.name, iban: merchant.iban)
            }
            transfers += """
                      <CdtTrfTxInf>
                        <PmtId><EndToEndId>\(Self.endToEndID(period: period, partitaIVA: merchant.partitaIVA))</EndToEndId></PmtId>
                        <Amt><InstdAmt Ccy="EUR">\(Self.amount(statement.totalCents))</InstdAmt></Amt>
                        <Cdtr><Nm>\(Self.text(merchant.name, limit: 70))</Nm></Cdtr>
                        <CdtrAcct><Id><IBAN>\(iban.value)</IBAN></Id></CdtrAcct>
                        <RmtInf><Ustrd>\(Self.text(Self.remittance(period: period, partitaIVA: merchant.partitaIVA), limit: 140))</Ustrd></RmtInf>
                      </CdtTrfTxInf>

                """
        }
        let count = statements.count
        let sum = Self.amount(statements.reduce(0) { $0 + $1.totalCents })
        let id = "BS-\(period.compact)"
        let name = Self.text(debtor.name, limit: 70)
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <CstmrCdtTrfInitn>
                <GrpHdr>
                  <MsgId>\(id)</MsgId>
                  <CreDtTm>\(Self.romeDateTime(createdAt))</CreDtTm>
                  <NbOfTxs>\(count)</NbOfTxs>
                  <CtrlSum>\(sum)</CtrlSum>
                  <InitgPty><Nm>\(name)</Nm></InitgPty>
                </GrpHdr>
                <PmtInf>
                  <PmtInfId>\(id)</PmtInfId>
                  <PmtMtd>TRF</PmtMtd>
                  <BtchBookg>true</BtchBookg>
                  <NbOfTxs>\(count)</NbOfTxs>
                  <CtrlSum>\(sum)</CtrlSum>
                  <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>
                  <ReqdExctnDt>\(ContentDateTime.romeDay(of: createdAt).iso)</ReqdExctnDt>
                  <Dbtr><Nm>\(name)</Nm></Dbtr>
                  <DbtrAcct><Id><IBAN>\(debtor.iban.value)</IBAN></Id></DbtrAcct>
                  <DbtrAgt><FinInstnId><BIC>\(debtor.bic)</BIC></FinInstnId></DbtrAgt>
                  <ChrgBr>SLEV</ChrgBr>
            \(transfers)    </PmtInf>
              </CstmrCdtTrfInitn>
            </Document>

            """
    }

    /// `1234.50`: euro with a dot and two decimals (`ActiveOrHistoricCurrencyAndAmount`, at most two
    /// fraction digits for EUR).
    static func amount(_ cents: Int) -> String {
        let fraction = cents % 100
        return "\(cents / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// The characters SEPA carries: the "Latin character set" of the EPC's SCT Implementation Guidelines
    /// (EPC132-08, §1.4): `a-z A-Z 0-9 / - ? : ( ) . , ' +` and space. Anything else is mapped as the EPC's
    /// guidance on conversion (EPC217-08) does: letters lose their accents (`Caffè` → `Caffe`), `&` becomes
    /// `+`, `ß` `ss`, and what has no Latin form becomes a space; spaces are then collapsed and the text cut
    /// to `limit` characters (70 for names, as the guidelines restrict them). The result needs no XML
    /// escaping (none of `& < > "` is left), which is why names go through here and nowhere else.
    static func text(_ value: String, limit: Int) -> String {
        var mapped = ""
        for scalar in value.replacingOccurrences(of: "ß", with: "ss").decomposedStringWithCanonicalMapping
            .unicodeScalars
        {
            if latin.contains(scalar) {
                mapped.unicodeScalars.append(scalar)
            } else if scalar == "&" {
                mapped += "+"
            } else if scalar.properties.generalCategory != .nonspacingMark {
                mapped += " "
            }
        }
        let words = mapped.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return String(words.prefix(limit))
    }

    private static let latin = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ ".unicodeScalars)

    /// `2026-12-01T10:30:00`: `ISODateTime` in Rome's local time, without an offset, as banks' samples write it.
    private static func romeDateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ContentDateTime.rome
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
    }
}
