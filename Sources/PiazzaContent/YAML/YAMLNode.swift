import Yams

/// One node of a content YAML text as the loaders read it: a scalar (its text and how it was written), a
/// mapping (its pairs in file order) or a sequence, with the place it starts in the YAML text.
///
/// ``SimpleYAML`` makes it directly for the YAML content is almost always written in; anything else is composed
/// by Yams and converted (``init(_:)``), so loaders and their errors cannot tell the two apart. A plain value:
/// reading a front matter allocates its strings and arrays, nothing else. Measured on the 10,000-page bench
/// tree, building Yams' `Node` (a tag object per node, marks and styles behind it) for ``YAMLReader`` to walk
/// was about 8 % of the build's CPU. Its members are named as Yams' (`scalar`, `mapping`, `sequence`, `mark`,
/// `string`), so loaders read either the same way.
package struct YAMLNode: Sendable {
    /// What the node is, with its content.
    package enum Kind: Sendable {
        case scalar(Scalar)
        case mapping([Pair])
        case sequence([YAMLNode])
    }

    /// A scalar's text, without its quotes, and how it was written: only an unquoted (plain) `true`, `null`
    /// or `~` means anything but its text.
    package struct Scalar: Sendable {
        package let string: String
        package let style: Style
    }

    /// How a scalar is written, as libyaml tells.
    package enum Style: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// One `key: value` of a mapping; the key is a node too, for its place (and YAML allows any node there).
    package struct Pair: Sendable {
        package let key: YAMLNode
        package let value: YAMLNode
    }

    /// Where a node starts in the YAML text, both 1-based; columns count Unicode scalars, as libyaml does.
    package struct Mark: Sendable {
        package let line: Int
        package let column: Int
    }

    package let kind: Kind
    package let mark: Mark

    package init(_ kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.mark = Mark(line: line, column: column)
    }

    /// The node Yams composed. Yams replaces every alias by the node it names, so an alias is not met; if
    /// a Yams release ever leaves one, it reads as an empty plain scalar, as YAML reads a missing value.
    package init(_ node: Node) {
        let mark = Mark(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        switch node {
        case .scalar(let scalar):
            let style: Style =
                switch scalar.style {
                case .singleQuoted: .singleQuoted
                case .doubleQuoted: .doubleQuoted
                case .literal: .literal
                case .folded: .folded
                case .any, .plain: .plain
                }
            kind = .scalar(Scalar(string: scalar.string, style: style))
        case .mapping(let mapping):
            kind = .mapping(mapping.map { Pair(key: YAMLNode($0.key), value: YAMLNode($0.value)) })
        case .sequence(let sequence):
            kind = .sequence(sequence.map(YAMLNode.init))
        case .alias:
            kind = .scalar(Scalar(string: "", style: .plain))
        }
        self.mark = mark
    }

    /// The scalar, if the node is one.
    package var scalar: Scalar? {
        if case .scalar(let scalar) = kind { return scalar }
        return nil
    }

    /// The pairs, if the node is a mapping.
    package var mapping: [Pair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The items, if the node is a sequence.
    package var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// The scalar's text, if the node is a scalar.
    package var string: String? { scalar?.string }
}
