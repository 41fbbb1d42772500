/// One answered field.
public struct Answer: Sendable, Hashable, Codable {
    /// The field name.
    public var name: String
    public var value: AnswerValue

    /// Creates an answer.
    public init(name: String, value: AnswerValue) {
        self.name = name
        self.value = value
    }

    private enum CodingKeys: String, CodingKey { case name }

    /// Decodes `{"name": "nome", "text": "Maria"}`.
    public init(from decoder: any Decoder) throws {
        name = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .name)
        value = try AnswerValue(from: decoder)
    }

    /// Encodes `{"name": "nome", "text": "Maria"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try value.encode(to: encoder)
    }
}
