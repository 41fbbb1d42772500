extension YAMLReader {
    /// A value that is published as a link (`access.online`, `accessibility_statement`): an http(s),
    /// mailto or tel address or a path, by the rule of ``LinkAddress``. Records an error at the value
    /// and returns `nil` when the address breaks the rule.
    package func linkAddress(_ key: String, required: Bool = false, hint: String = "https://...") -> String? {
        guard let text = string(key, required: required, hint: hint), let node = node(key) else { return nil }
        do {
            return try LinkAddress.check(text).address
        } catch {
            self.error(at: node, "`\(key)` in \(context) is '\(text.showingInvisibles)', which \(error.reason)")
            return nil
        }
    }
}
