/// The version `piazza --version` prints; the one place it is written, changed with each release.
enum Version {
    static let current = "0.1.0"
}
