/// The front matter of an income-support measure.
public struct MeasureInfo: Sendable, Hashable {
    /// 1 buoni spesa, 2 bollette, 3 affitti, 4 grave morosità.
    public var number: Int?
    /// The form citizens fill in, by id.
    public var form: String
    /// Where `form:` is written.
    public var formLocation: SourceLocation
    /// The bando window, whole days in Europe/Rome.
    public var opens: ContentDate
    public var closes: ContentDate
    /// Where the values of `opens:` and `closes:` are written.
    public var opensLocation: SourceLocation
    public var closesLocation: SourceLocation
    /// A one-line summary of the amounts.
    public var amount: String?
    public var topics: [String]
}
