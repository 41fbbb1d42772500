/// The one rule that turns free text into a URL path segment (merchant pages, catalogue facet pages).
public enum Slug {
    /// Lower-case ASCII letters and digits, accents dropped (`Caffè Centrale` → `caffe-centrale`), every
    /// other run of characters one `-`; `fallback` when nothing is left (a name of only punctuation).
    public static func make(_ text: String, fallback: String) -> String {
        var slug = ""
        for scalar in text.caseAndDiacriticFolded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug += "-"
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? fallback : slug
    }
}
