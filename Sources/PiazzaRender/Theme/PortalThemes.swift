import Foundation
import PiazzaContent

/// The theme of each portal of a build: the default theme, and for a portal whose `portal.yaml` says
/// `theme: <name>` the folder `<name>` beside it, loaded over the default theme (``Theme/load(from:fallback:)``),
/// so a theme holds only the templates and assets it changes.
public struct PortalThemes: Sendable {
    /// The default theme (`<themes>/default`): the network home and portals without `theme:`.
    public let base: Theme
    private let named: [String: Theme]

    /// Loads every theme the portals name, each once.
    ///
    /// - Parameters:
    ///   - base: the default theme; the other themes are the folders beside its folder.
    /// - Throws: ``ThemeError`` when a named theme does not load, or uses a name no page gives
    ///   (``Theme/checkNames(against:)``); a folder that does not exist names the portal that asks for it.
    public init(base: Theme, portals: [Portal]) throws(ThemeError) {
        self.base = base
        let folder = base.directory.deletingLastPathComponent()
        var named: [String: Theme] = [:]
        for portal in portals
        where portal.config.theme != PortalConfig.defaultTheme && named[portal.config.theme] == nil {
            let name = portal.config.theme
            let directory = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("templates").path) else {
                let place = portal.config.themeLocation?.description ?? "\(portal.id)/portal.yaml"
                let themes = Self.themeNames(in: folder).map { "`\($0)`" }.joined(separator: ", ")
                throw ThemeError(
                    .missingDirectory,
                    "\(place): `theme: \(name)` is not a theme: \(directory.path)/templates does not exist; the themes of \(folder.path) are \(themes)"
                )
            }
            let theme = try Theme.load(from: directory, fallback: base)
            try theme.checkNames(against: base)
            named[name] = theme
        }
        self.named = named
    }

    /// The folders of `folder` that are themes (they have `templates/`), sorted.
    private static func themeNames(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(
                atPath: folder.appendingPathComponent($0).appendingPathComponent("templates").path)
        }.sorted()
    }

    /// The theme `portal` is rendered with.
    public func theme(for portal: Portal) -> Theme { named[portal.config.theme] ?? base }

    /// The theme a portal names with `theme: <name>` (``PortalConfig/defaultTheme`` is ``base``); `nil` for a
    /// name no portal of the build uses.
    public func theme(named name: String) -> Theme? {
        name == PortalConfig.defaultTheme ? base : named[name]
    }
}
