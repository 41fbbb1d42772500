import Foundation
import ItalianIdentifiers

extension Money {
    /// The amounts content may give (an ISEE threshold, a benefit or voucher amount, a booking's fee, a money
    /// field's bounds): from zero to ``Money/maximum``, the largest amount a citizen may type, so sums and
    /// comparisons with typed amounts stay in range and a slip of the keyboard (`-150`, `1500000000000`) is
    /// refused at load instead of paying or promising it.
    static let contentAmounts = Money.zero...Money.maximum

    /// ``contentAmounts`` as the content files write amounts, for messages.
    static let contentAmountsText = "from 0 to 999999999.99"
}

extension YAMLReader {
    /// An amount of content under `key` (see ``Money/contentAmounts``): ``money(_:required:)``, and an error at
    /// the value that says the range for a negative amount or one above ``Money/maximum``.
    func amount(_ key: String, required: Bool = false) -> Money? {
        guard let node = node(key) else { return money(key, required: required) }
        if let text = node.scalar?.string, Self.outsideContentAmounts(text) {
            error(at: node, outsideMessage(key, text))
            return nil
        }
        return money(node, key: key)
    }

    /// The list of amounts of content under `key` (a benefit's amount by household size): each as
    /// ``amount(_:required:)``, an error at each item that is not one.
    func amounts(_ key: String, required: Bool = false) -> [Money] {
        (sequence(key, required: required) ?? []).compactMap { item in
            if let text = item.scalar?.string, Self.outsideContentAmounts(text) {
                error(at: item, outsideMessage(key, text))
                return nil
            }
            return money(item, key: key)
        }
    }

    /// ``plainMoney(_:)`` within ``Money/contentAmounts``; `nil` for anything else (a money field's bounds).
    static func plainAmount(_ text: String) -> Money? {
        plainMoney(text).flatMap { Money.contentAmounts.contains($0) ? $0 : nil }
    }

    /// Whether `text` is a number (``plainDecimal(_:)``) below zero or above ``Money/maximum``.
    private static func outsideContentAmounts(_ text: String) -> Bool {
        guard let number = plainDecimal(text) else { return false }
        return number < 0 || number > Decimal(Money.maximum.cents) / 100
    }

    private func outsideMessage(_ key: String, _ text: String) -> String {
        "`\(key)` in \(context) is \(text), outside the amounts piazza accepts: write an amount in euro "
            + "\(Money.contentAmountsText) (\(Money.zero.italian) to \(Money.maximum.italian))"
    }
}
