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
/// credit transfer per shop: its total, the account holder's name (``creditorName(of:)``) and the IBAN as
/// stored, the end-to-end id ``endToEndID(period:partitaIVA:)`` and the remittance information
/// ``remittance(period:partitaIVA:)``. Every text goes through ``text(_:limit:)``, the one rule of SEPA's
/// characters and lengths. Amounts are euro with a dot and two decimals; the control sums are the sums of
/// the transfers.
struct SEPACreditTransfer: Sendable {
    /// The comune's account, from `vouchers.debtors` in the daemon's config.
    let debtor: DaemonConfig.Vouchers.Debtor
    let period: ReimbursementPeriod
    let statements: [ShopStatement]
    /// The holder of each shop's account (its ragione sociale), by partita IVA, where the enrolment gave
    /// one (``PiazzaContent/MerchantEnrolment/accountHolderField``).
    var holders: [String: String] = [:]
    /// The file's creation time: `CreDtTm` and the requested execution day (Rome).
    let createdAt: Date
    /// `MsgId` and `PmtInfId`: a new one for every file (``messageID(period:)``).
    let messageID: String

    /// A shop the file cannot pay: the bank would refuse the whole file, so it is not written.
    struct Unpayable: Error, Sendable, Hashable {
        enum Reason: Sendable, Hashable {
            /// The stored IBAN fails the check of ``ItalianIdentifiers/IBAN`` (changed by hand in the
            /// database, or enrolled before the rule).
            case iban(String)
            /// Neither the ragione sociale nor the shop's name has a character SEPA carries (``text(_:limit:)``
            /// is `nil` for both): `Nm` may not be empty (`Max70Text`, at least one character).
            case name
        }
        var partitaIVA: String
        var name: String
        var reason: Reason
    }

    /// `BS-20261101-20261130-K7Q2M4XNR5T3A`: a new message id for each file, the period and 13 random
    /// base32 characters (65 bits, ``RandomToken``), 34 characters. The EPC's SCT rulebook and ISO 20022
    /// want `MsgId` unique per instructing party (the comune) and at most 35 characters (`Max35Text`). A
    /// fixed id per period (`BS-<period>`, before) broke the rule: a bank that checks refused a corrected
    /// file as a duplicate, one that does not could not tell two files apart. What keeps a purchase from
    /// being paid twice is the record of every file (``PortalDatabase/makeCreditTransfer(_:)``), which
    /// holds the id `UNIQUE` too.
    static func messageID(period: ReimbursementPeriod) -> String {
        "BS-\(period.compact)-" + RandomToken.make().prefix(13).uppercased()
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

    /// The creditor's `Nm`: the account holder's name (the ragione sociale) when the enrolment gave one,
    /// else the shop's name (its insegna), as SEPA carries it; `nil` when neither has a usable character.
    ///
    /// Why the holder: under the EU Verification of Payee (Regulation (EU) 2024/886, art. 5c of the SEPA
    /// Regulation as amended) the payer's bank compares the name with the account holder's, and an
    /// insegna that is not the company's name gets a "no match" warning on every transfer.
    func creditorName(of merchant: MerchantRecord) -> String? {
        [holders[merchant.partitaIVA], merchant.name].lazy.compactMap { $0 }.compactMap {
            Self.text($0, limit: 70)
        }.first
    }

    /// The XML document, UTF-8.
    ///
    /// - Throws: ``Unpayable`` for the first shop whose IBAN is not valid or whose names have nothing SEPA
    ///   carries.
    func xml() throws(Unpayable) -> String {
        var transfers = ""
        for statement in statements {
            let merchant = statement.merchant
            guard let iban = try? IBAN(merchant.iban) else {
                throw Unpayable(partitaIVA: merchant.partitaIVA, name: merchant.name, reason: .iban(merchant.iban))
            }
            guard let name = creditorName(of: merchant) else {
                throw Unpayable(partitaIVA: merchant.partitaIVA, name: merchant.name, reason: .name)
            }
            transfers += """
                      <CdtTrfTxInf>
                        <PmtId><EndToEndId>\(Self.required(Self.endToEndID(period: period, partitaIVA: merchant.partitaIVA), limit: 35))</EndToEndId></PmtId>
                        <Amt><InstdAmt Ccy="EUR">\(Self.amount(statement.totalCents))</InstdAmt></Amt>
                        <Cdtr><Nm>\(name)</Nm></Cdtr>
                        <CdtrAcct><Id><IBAN>\(iban.value)</IBAN></Id></CdtrAcct>
                        <RmtInf><Ustrd>\(Self.required(Self.remittance(period: period, partitaIVA: merchant.partitaIVA), limit: 140))</Ustrd></RmtInf>
                      </CdtTrfTxInf>

                """
        }
        let count = statements.count
        let sum = Self.amount(statements.reduce(0) { $0 + $1.totalCents })
        let id = Self.required(messageID, limit: 35)
        let name = Self.required(debtor.name, limit: 70)
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

    /// The one rule of every text in the file (names, remittance information, ids), so none is ever out
    /// of SEPA's character set or length, and no required one is ever empty.
    ///
    /// The characters are the "Latin character set" of the EPC's SCT Implementation Guidelines (EPC132-08,
    /// §1.4): `a-z A-Z 0-9 / - ? : ( ) . , ' +` and space. Anything else is converted as the EPC's guidance
    /// (EPC217-08) asks: transliterated to Latin letters (`Caffè` → `Caffe`, `Straße` → `Strasse`, `Łódź` →
    /// `Lodz`, `Москва` → `Moskva`, `日本` → `ri ben`, by ICU's `Any-Latin; Latin-ASCII`), `&` becomes `+`,
    /// and what is still outside the set becomes a space. Spaces are collapsed, the text is cut to `limit`
    /// characters (70 for names, 35 for ids, 140 for the remittance: `Max70Text`, `Max35Text`,
    /// `Max140Text`) and trimmed after the cut, so it never ends with a space.
    ///
    /// - Returns: the text, which needs no XML escaping (none of `& < > "` is left); `nil` when nothing
    ///   is left (a name of emoji, or only punctuation): the schema's `MinLength` is 1.
    static func text(_ value: String, limit: Int) -> String? {
        let transliterated = value.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? value
        var mapped = ""
        for scalar in transliterated.unicodeScalars {
            if latin.contains(scalar) {
                mapped.unicodeScalars.append(scalar)
            } else if scalar == "&" {
                mapped += "+"
            } else if scalar.properties.generalCategory != .nonspacingMark {
                mapped += " "
            }
        }
        let words = mapped.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        let cut = words.prefix(limit).trimmingCharacters(in: .whitespaces)
        return cut.contains(where: { $0.isLetter || $0.isNumber }) ? cut : nil
    }

    /// ``text(_:limit:)`` of a text piazza writes itself (ids, remittance) or the config checked
    /// (``DaemonConfig/Vouchers/Debtor/name``), which always has a letter; were it ever empty, `NOTPROVIDED`,
    /// the EPC's word for a mandatory element with nothing to say (EPC132-08, the end-to-end id), never an
    /// empty element.
    private static func required(_ value: String, limit: Int) -> String {
        text(value, limit: limit) ?? "NOTPROVIDED"
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
