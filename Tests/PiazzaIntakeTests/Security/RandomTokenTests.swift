import Testing

@testable import PiazzaIntake

@Suite("Random tokens")
struct RandomTokenTests {
    @Test("A token is 26 base32 characters and every position takes each of the 32, so no bit is fixed")
    func everyPositionIsRandom() {
        let tokens = (0..<2000).map { _ in RandomToken.make() }
        #expect(tokens.allSatisfy(RandomToken.isWellFormed))
        #expect(Set(tokens).count == tokens.count)
        // 2000 draws leave a character unseen at a position with odds (31/32)^2000, about e^-63.
        for position in 0..<26 {
            let seen = Set(tokens.map { Array($0.utf8)[position] })
            #expect(seen.count == 32, "position \(position) took only \(seen.count) characters")
        }
    }
}
