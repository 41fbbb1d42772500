import Foundation
import ItalianIdentifiers

extension AnswerValue {
    /// The answer as an Italian reader expects it on a receipt or an operator's page.
    ///
    /// Dates `gg/mm/aaaa`; numbers with a decimal comma and every stored decimal (``ItalianNumber/italian``:
    /// `12,345`, `1.234,5`); amounts `1.500,75 €`; option values by their labels in `field`; a group by its
    /// number of rows. Stored values are read in their stored form (a number is `12.345`, twelve and 345
    /// thousandths), never again as Italian input.
    ///
    /// - Parameter field: the form field the answer belongs to, for option labels; `nil` shows option values.
    public func italianText(field: FormField?) -> String {
        func label(_ option: String) -> String { field?.options.first { $0.value == option }?.label ?? option }
        switch self {
        case .text(let text): return text
        case .date(let iso): return (try? ItalianDate(iso))?.italian ?? iso
        case .number(let number):
            return Decimal(string: number, locale: Locale(identifier: "en_US_POSIX")).map { ItalianNumber($0).italian }
                ?? number
        case .cents(let cents): return Money(cents: cents).italian
        case .option(let option): return label(option)
        case .options(let options): return options.map(label).joined(separator: ", ")
        case .bool(let flag): return flag ? "Sì" : "No"
        case .file(let file):
            let type = file.detectedType.map { $0.split(separator: "/").last.map { $0.uppercased() } ?? $0 } ?? ""
            return "\(file.shownName) (\(type), \(max(1, file.size / 1024)) KB)"
        case .isee(let cents, let dsu): return "\(Money(cents: cents).italian) – protocollo DSU \(dsu)"
        case .rows(let rows): return "\(rows.count)"
        }
    }
}
