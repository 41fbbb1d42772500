/// Comparison of secrets (CSRF tokens) whose time does not depend on where they first differ, so a
/// client cannot guess a token byte by byte from response times.
enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes; the time depends only on their lengths.
    static func equal(_ a: String, _ b: String) -> Bool {
        let (left, right) = (Array(a.utf8), Array(b.utf8))
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
