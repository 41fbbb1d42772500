import Foundation

extension Diagnostic: Encodable {
    private enum CodingKeys: String, CodingKey {
        case file, line, column, severity, message
    }

    /// `{"file": …, "line": …, "column": …, "severity": "error"|"warning", "message": …}`; `line`
    /// and `column` are 0 where ``description`` leaves them out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(severity.rawValue, forKey: .severity)
        try container.encode(message, forKey: .message)
    }

    /// The diagnostics as one JSON array (`piazza check --format json`), keys sorted, one object a line.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let objects = diagnostics.map { String(decoding: (try? encoder.encode($0)) ?? Data("{}".utf8), as: UTF8.self) }
        return objects.isEmpty ? "[]" : "[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + "\n]"
    }
}
