import PiazzaContent
import PiazzaRender

/// The themes of the portals a build renders one at a time: the default theme loaded before any portal, each
/// other theme the first time a portal names it, through ``RebuildMemory`` when the build keeps one.
struct BuildThemes {
    /// The default theme: the network home's, and every portal's without `theme:`.
    let base: Theme
    private let memory: RebuildMemory?
    private var named: [String: Theme] = [:]

    /// Loads the default theme of `options` (``SiteBuilder/Options/theme``).
    ///
    /// - Throws: ``ThemeError`` when it does not load.
    init(_ options: SiteBuilder.Options) throws(ThemeError) {
        memory = options.memory
        let load = { () throws(ThemeError) -> PortalThemes in
            try PortalThemes(base: Theme.load(from: options.theme), portals: [])
        }
        base = try Self.themes(named: PortalConfig.defaultTheme, memory: memory, load: load).base
    }

    /// The theme `portal` is rendered with (``PortalThemes/theme(for:)``), loaded the first time.
    ///
    /// - Throws: ``ThemeError`` when the theme it names does not load or is no theme (``PortalThemes``).
    mutating func theme(for portal: Portal) throws(ThemeError) -> Theme {
        let name = portal.config.theme
        if name == PortalConfig.defaultTheme { return base }
        if let theme = named[name] { return theme }
        let base = base
        let load = { () throws(ThemeError) -> PortalThemes in try PortalThemes(base: base, portals: [portal]) }
        let theme = try Self.themes(named: name, memory: memory, load: load).theme(for: portal)
        named[name] = theme
        return theme
    }

    /// The themes `load` gives, kept by `memory` under the theme `name` when there is one.
    private static func themes(
        named name: String, memory: RebuildMemory?, load: () throws(ThemeError) -> PortalThemes
    ) throws(ThemeError) -> PortalThemes {
        guard let memory else { return try load() }
        return try memory.themes(named: [name], load: load)
    }
}
