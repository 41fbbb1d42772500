extension YAMLReader {
    /// An absolute `http`/`https` address by the one rule of ``WebAddress``, without trailing
    /// slashes. Records an error at the value and returns `nil` when the address breaks the rule.
    package func webAddress(_ key: String, required: Bool = false) -> String? {
        guard let text = string(key, required: required, hint: "https://..."), let node = node(key) else { return nil }
        do {
            return try WebAddress.normalised(text)
        } catch {
            var shown = text
            while shown.hasSuffix("/") { shown.removeLast() }
            self.error(at: node, WebAddress.message(error, name: "`\(key)`", text: shown))
            return nil
        }
    }
}
