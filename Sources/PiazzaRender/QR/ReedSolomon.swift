/// Reed–Solomon error correction over GF(256) as QR codes use it (ISO/IEC 18004:2015 §7.5.2 and Annex A):
/// the field is built on the primitive polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D), and the generator
/// polynomial of degree n is (x − α⁰)(x − α¹)…(x − αⁿ⁻¹) with α = 2.
struct ReedSolomon: Sendable {
    /// The generator's coefficients from x^(n−1) down to x⁰; the leading coefficient (1) is implied.
    private let generator: [UInt8]

    /// A coder that appends `degree` error-correction codewords to a block.
    init(degree: Int) {
        precondition((1...255).contains(degree), "a Reed–Solomon degree is 1…255")
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            // Multiply the polynomial by (x − root); in GF(2⁸) subtraction is XOR.
            for index in coefficients.indices {
                coefficients[index] = GF256.multiply(coefficients[index], root)
                if index + 1 < coefficients.count {
                    coefficients[index] ^= coefficients[index + 1]
                }
            }
            root = GF256.multiply(root, 2)
        }
        generator = coefficients
    }

    /// The error-correction codewords of `data`: the remainder of data(x) · xⁿ divided by the generator.
    func remainder(of data: some Sequence<UInt8>) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: generator.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices {
                result[index] ^= GF256.multiply(generator[index], factor)
            }
        }
        return result
    }
}

/// Arithmetic in GF(2⁸) modulo 0x11D, the field of QR code codewords.
enum GF256 {
    /// The product of two field elements (Russian peasant multiplication, reducing by 0x11D).
    static func multiply(_ left: UInt8, _ right: UInt8) -> UInt8 {
        var product: UInt16 = 0
        var multiplicand = UInt16(left)
        var multiplier = right
        while multiplier != 0 {
            if multiplier & 1 != 0 { product ^= multiplicand }
            multiplicand <<= 1
            if multiplicand & 0x100 != 0 { multiplicand ^= 0x11D }
            multiplier >>= 1
        }
        return UInt8(product)
    }
}
