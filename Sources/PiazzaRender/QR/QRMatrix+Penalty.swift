extension QRMatrix {
    /// The penalty score of the masked symbol, lowest best (ISO/IEC 18004:2015 §7.8.3.1, Table 11), scored
    /// before the format and version information are drawn (their modules light):
    /// - N1: 3 + (n − 5) for every run of n ≥ 5 modules of one colour in a row or column;
    /// - N2: 3 for every 2×2 block of one colour (overlapping blocks counted each, so an m×n block scores
    ///   3 × (m − 1) × (n − 1));
    /// - N3: 40 for every dark-light-dark-dark-dark-light-dark (1:1:3:1:1) pattern in a row or column with
    ///   four light modules before or after it, the quiet zone beyond the edge counting as light;
    /// - N4: 10 for every full 5 % by which the proportion of dark modules departs from 50 %.
    var penalty: Int {
        var score = 0
        var line = [Bool](repeating: false, count: size)
        for index in 0..<size {
            for position in 0..<size { line[position] = dark[index * size + position] }
            score += Self.linePenalty(line)
            for position in 0..<size { line[position] = dark[position * size + index] }
            score += Self.linePenalty(line)
        }
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let at = row * size + column
                let colour = dark[at]
                if dark[at + 1] == colour, dark[at + size] == colour, dark[at + size + 1] == colour { score += 3 }
            }
        }
        var darkCount = 0
        for module in dark where module { darkCount += 1 }
        let total = size * size
        // |dark / total − 50 %| in whole steps of 5 %, in integers: |20 · dark − 10 · total| / total.
        score += 10 * (abs(20 * darkCount - 10 * total) / total)
        return score
    }

    /// N1 and N3 of one row or column.
    private static func linePenalty(_ line: [Bool]) -> Int {
        let size = line.count
        var score = 0
        var runStart = 0
        for index in 1...size where index == size || line[index] != line[runStart] {
            let length = index - runStart
            if length >= 5 { score += length - 2 }
            runStart = index
        }
        func isLight(from start: Int, to end: Int) -> Bool {
            var position = max(start, 0)
            while position < min(end, size) {
                if line[position] { return false }
                position += 1
            }
            return true
        }
        for start in 0...(size - 7)
        where line[start] && !line[start + 1] && line[start + 2] && line[start + 3] && line[start + 4]
            && !line[start + 5] && line[start + 6]
        {
            if isLight(from: start - 4, to: start) || isLight(from: start + 7, to: start + 11) { score += 40 }
        }
        return score
    }
}
