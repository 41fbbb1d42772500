import Foundation

/// The whole content folder: every portal, each with `_shared/` merged in.
public struct ContentTree: Sendable {
    /// The `content/` folder.
    public let root: URL
    /// Portals sorted by id.
    public let portals: [Portal]
    /// Warnings found while loading (errors make ``load(from:portals:)`` throw).
    public let warnings: [Diagnostic]
    /// The content hashes of the files loaded, when the load was asked to hash them
    /// (``loadCollecting(from:portals:parseCache:hash:)``): by portal id, then by path relative to the
    /// content root (`vigonza/servizi/tutor.md`, `_shared/privacy.md`); empty otherwise.
    public let digests: [String: [String: SourceDigest]]

    /// A tree of portals loaded elsewhere, one at a time through a ``ContentReader``.
    ///
    /// - Parameters:
    ///   - warnings: sorted by file and position.
    ///   - digests: by portal id, then by path relative to the content root.
    public init(root: URL, portals: [Portal], warnings: [Diagnostic], digests: [String: [String: SourceDigest]]) {
        self.root = root
        self.portals = portals
        self.warnings = warnings
        self.digests = digests
    }

    /// The name of the folder every portal inherits from.
    public static let sharedFolder = "_shared"

    /// The same tree with every portal's forms posting to `url` (see ``Portal/replacingIntakeURL(_:)``).
    public func replacingIntakeURL(_ url: String) -> ContentTree {
        replacingPortals { $0.replacingIntakeURL(url) }
    }

    /// The same tree with each portal published at `address(portal)` (see ``Portal/replacingBaseURL(_:)``).
    public func replacingBaseURL(_ address: (Portal) -> String) -> ContentTree {
        replacingPortals { $0.replacingBaseURL(address($0)) }
    }

    private func replacingPortals(_ change: (Portal) -> Portal) -> ContentTree {
        ContentTree(root: root, portals: portals.map(change), warnings: warnings, digests: digests)
    }

    /// A portal by id.
    public func portal(_ id: String) -> Portal? { portals.first { $0.id == id } }
}
