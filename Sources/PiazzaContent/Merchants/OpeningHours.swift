/// A shop's opening hours as operators write them in `esercenti.csv`, and as schema.org reads them.
///
/// The written form: groups separated by `;`, each the days, a space, and time ranges separated by
/// ` e ` or `,`: `lun-sab 8-13 e 16-19:30; dom 9-13`. Days are `lun mar mer gio ven sab dom`, alone,
/// as a range (`lun-ven`) or a list (`lun,mer,ven`); times are `H`, `H:MM` or `H.MM`, 0–24.
/// The schema.org form (`openingHours`, https://schema.org/openingHours) is one text per range:
/// `Mo-Sa 08:00-13:00`, `Mo-Sa 16:00-19:30`, `Su 09:00-13:00`.
public struct OpeningHours: Sendable, Hashable {
    /// The text as written, shown on the pages.
    public var text: String
    /// One schema.org `openingHours` value per time range, in the order written.
    public var schemaOrg: [String]

    /// An example for error messages.
    static let example = "lun-sab 8-13 e 16-19:30; dom 9-13"

    private static let days = [
        "lun": "Mo", "mar": "Tu", "mer": "We", "gio": "Th", "ven": "Fr", "sab": "Sa", "dom": "Su",
    ]

    /// Reads `text`; `nil` when it does not follow the written form.
    public init?(_ text: String) {
        var values: [String] = []
        for group in text.lowercased().split(separator: ";", omittingEmptySubsequences: false) {
            let group = group.trimmingCharacters(in: .whitespaces)
            guard let space = group.firstIndex(of: " ") else { return nil }
            var dayCodes: [String] = []
            for item in group[..<space].split(separator: ",", omittingEmptySubsequences: false) {
                let ends = item.split(separator: "-", omittingEmptySubsequences: false).map { Self.days[String($0)] }
                guard (1...2).contains(ends.count), !ends.contains(nil) else { return nil }
                dayCodes.append(ends.compactMap { $0 }.joined(separator: "-"))
            }
            let ranges = group[space...].replacingOccurrences(of: " e ", with: ",").split(
                separator: ",", omittingEmptySubsequences: false)
            for range in ranges {
                let ends = range.trimmingCharacters(in: .whitespaces).split(
                    separator: "-", omittingEmptySubsequences: false)
                guard ends.count == 2, let from = Self.time(ends[0]), let to = Self.time(ends[1]) else { return nil }
                values.append("\(dayCodes.joined(separator: ",")) \(from)-\(to)")
            }
        }
        guard !values.isEmpty else { return nil }
        self.text = text
        self.schemaOrg = values
    }

    /// `8` → `08:00`, `19:30` or `19.30` → `19:30`; `nil` for anything else.
    private static func time(_ text: Substring) -> String? {
        let parts = text.split(separator: text.contains(".") ? "." : ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            let hour = Int(parts[0]), parts[0].count <= 2, (0...24).contains(hour)
        else { return nil }
        var minute = 0
        if parts.count == 2 {
            guard parts[1].count == 2, let value = Int(parts[1]), (0...59).contains(value) else { return nil }
            minute = value
        }
        guard hour < 24 || minute == 0 else { return nil }
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
