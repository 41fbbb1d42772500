extension CodiceFiscale {
    /// The sex encoded in a codice fiscale (women have 40 added to the day of birth).
    public enum Sex: String, Sendable, Hashable, CaseIterable, Codable {
        /// Maschio: day of birth 01–31.
        case male = "M"
        /// Femmina: day of birth 41–71.
        case female = "F"
    }
}
