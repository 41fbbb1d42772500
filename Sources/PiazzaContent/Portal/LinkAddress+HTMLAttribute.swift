extension LinkAddress {
    /// Checks the value of an address attribute of raw HTML (`href`, `src`, `srcset`, `ping`…) as
    /// a browser reads it, by ``check(_:)``: character references are decoded first
    /// (``decodingCharacterReferences(_:)``), as HTML decodes them in attribute values, so
    /// `jav&#x09;ascript:` is checked as `jav⇥ascript:` and `&#106;avascript:` as `javascript:`.
    ///
    /// `srcset` holds image candidates (an address, then a width or density) separated by commas,
    /// `ping` addresses separated by spaces; each address is checked.
    ///
    /// An attribute the browser loads a file from (`src`, `srcset`, `poster`…) must name a file of
    /// the portal: an absolute address (`https://…`, `//…`) would make the page request another site,
    /// which PRODUCT.md §5 rules out (no third-party requests, fonts or cookies).
    ///
    /// - Parameters:
    ///   - value: the attribute's value as written, between its quotes.
    ///   - name: the attribute's name, lower case.
    ///   - loads: whether the browser loads what the attribute names as it shows the page.
    /// - Throws: ``Refusal`` for the first address that breaks the rule, its reason quoting it.
    package static func checkAttribute(_ value: String, name: String, loads: Bool = false) throws(Refusal) {
        let decoded = decodingCharacterReferences(value)
        let addresses: [String]
        switch name {
        case "srcset", "imagesrcset": addresses = imageCandidateAddresses(decoded)
        case "ping": addresses = decoded.split(whereSeparator: \.isHTMLSpace).map(String.init)
        default: addresses = [decoded]
        }
        for address in addresses {
            let shown = addresses.count == 1 ? "" : "holds '\(address.showingInvisibles)', which "
            let kind: Kind
            do {
                kind = try check(address).kind
            } catch {
                throw Refusal(reason: shown + error.reason)
            }
            if loads && kind == .absolute {
                throw Refusal(reason: shown + thirdParty("file"))
            }
        }
    }

    /// Why a file loaded from another site is refused, as a phrase that follows the quoted address;
    /// `what` names the file ("image", "file").
    package static func thirdParty(_ what: String) -> String {
        "is not a file of the portal; pages make no requests to other sites, so put the \(what) under static/ and link it from there"
    }

    /// The addresses of a `srcset`, by the HTML Standard's "parse a srcset attribute": skip spaces
    /// and commas, take the address up to a space (without trailing commas), skip its descriptors up
    /// to a comma outside parentheses.
    static func imageCandidateAddresses(_ text: String) -> [String] {
        var addresses: [String] = []
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0.isHTMLSpace || $0 == "," }
            guard !rest.isEmpty else { return addresses }
            let address = rest.prefix { !$0.isHTMLSpace }
            rest = rest[address.endIndex...]
            let trimmed = address.reversed().drop { $0 == "," }.reversed()
            addresses.append(String(trimmed))
            guard trimmed.count == address.count else { continue }
            var depth = 0
            while let character = rest.first, depth > 0 || character != "," {
                if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) }
                rest = rest.dropFirst()
            }
        }
    }

    /// `text` with its character references decoded as HTML decodes an attribute value: numeric ones
    /// (`&#106;`, `&#x6A`, with or without `;`) and the named ones that can spell an address
    /// (`&colon;`, `&Tab;`, `&NewLine;`, `&sol;`, `&amp;`…). Other named references are left as
    /// written, and ``check(_:)`` refuses a reference left before the first `/`: only a scheme can make
    /// an address run script, and it ends at the first `:` before any `/`. A numeric reference to
    /// nothing (0, a surrogate, past U+10FFFF) becomes U+FFFD as in browsers; one to a control
    /// character stays that control character, which ``check(_:)`` refuses.
    package static func decodingCharacterReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var decoded = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            decoded += rest[..<ampersand]
            rest = rest[rest.index(after: ampersand)...]
            if rest.first == "#" {
                let body = rest.dropFirst()
                let isHex = body.first == "x" || body.first == "X"
                let digits = (isHex ? body.dropFirst() : body).prefix {
                    $0.isASCII && (isHex ? $0.isHexDigit : $0.isWholeNumber)
                }
                guard !digits.isEmpty else {
                    decoded += "&"
                    continue
                }
                // Any number of leading zeros is allowed; zero and past U+10FFFF are U+FFFD.
                let significant = digits.drop { $0 == "0" }
                let value: UInt32? =
                    significant.isEmpty ? 0 : significant.count > 8 ? nil : UInt32(significant, radix: isHex ? 16 : 10)
                // U+0000 too: the HTML Standard's "null character reference" parse error.
                decoded.unicodeScalars.append(value.flatMap { $0 == 0 ? nil : Unicode.Scalar($0) } ?? "\u{FFFD}")
                rest = rest[digits.endIndex...]
                if rest.first == ";" { rest = rest.dropFirst() }
                continue
            }
            let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
            if name.endIndex < rest.endIndex, rest[name.endIndex] == ";", let character = namedReferences[String(name)]
            {
                decoded += character
                rest = rest[rest.index(after: name.endIndex)...]
            } else {
                decoded += "&"
            }
        }
        return decoded + rest
    }

    /// The named references that decode to a character an address could be spelt with, by their
    /// names in the HTML Standard's table.
    private static let namedReferences: [String: String] = [
        "amp": "&", "AMP": "&", "lt": "<", "LT": "<", "gt": ">", "GT": ">", "quot": "\"", "QUOT": "\"",
        "apos": "'", "colon": ":", "Tab": "\t", "NewLine": "\n", "sol": "/", "bsol": "\\", "period": ".",
        "comma": ",", "excl": "!", "num": "#", "lpar": "(", "rpar": ")", "semi": ";", "equals": "=",
        "quest": "?", "commat": "@", "percnt": "%", "plus": "+", "lowbar": "_", "nbsp": "\u{A0}",
    ]
}

extension Character {
    /// Tab, line feed, form feed, carriage return or space: what HTML calls ASCII whitespace.
    var isHTMLSpace: Bool {
        self == " " || self == "\t" || self == "\n" || self == "\r\n" || self == "\r" || self == "\u{C}"
    }
}
