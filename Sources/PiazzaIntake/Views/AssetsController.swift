import Foundation
import Hummingbird
import PiazzaRender

/// `GET /assets/{path}`: the default theme's styles, scripts and images, which the back office and the pages of
/// portals on the default theme link to; `GET /themes/{theme}/{path}`: those of a theme a portal names
/// (`theme:` in `portal.yaml`), the default theme's files it does not replace included (``Theme/load(from:fallback:)``).
/// Either at any depth (`vendor/fonts/Lora/…`), at the address ``PortalRenderer/daemonAssets(theme:)`` gives.
struct AssetsController: Sendable {
    let themes: PortalThemes

    func addRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("assets/**", only: [.get: defaultAsset])
        router.on("themes/:theme/**", only: [.get: themeAsset])
    }

    @Sendable func defaultAsset(_ request: Request, context: IntakeContext) throws -> Response {
        try Self.serve(themes.base, context: context)
    }

    @Sendable func themeAsset(_ request: Request, context: IntakeContext) throws -> Response {
        guard let theme = themes.theme(named: try context.parameters.require("theme")) else {
            throw PageError(status: .notFound)
        }
        return try Self.serve(theme, context: context)
    }

    /// Only a file the theme lists is served, compared whole with the path as requested, so no path (`..`,
    /// an encoded `/`, a dot file) reaches the file system.
    private static func serve(_ theme: Theme, context: IntakeContext) throws -> Response {
        let path = context.parameters.getCatchAll().joined(separator: "/")
        guard let asset = theme.assets.first(where: { $0.path == path }),
            let data = FileManager.default.contents(atPath: asset.source.path)
        else { throw PageError(status: .notFound) }
        return Response(
            status: .ok, headers: [.contentType: Self.type(of: asset.source), .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The library's type for the extension; text in UTF-8, which the theme's files are.
    static func type(of file: URL) -> String {
        guard let type = MediaType.getMediaType(forExtension: file.pathExtension) else {
            return MediaType.applicationBinary.description
        }
        return (type.type == .text ? type.withParameter(name: "charset", value: "utf-8") : type).description
    }
}
