import Foundation
import Hummingbird
import PiazzaRender

/// `GET /assets/{file}`: the theme's styles, scripts and images the daemon's pages link to.
struct AssetsController: Sendable {
    let theme: Theme

    func addRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("assets/:file", only: [.get: asset])
    }

    /// Only a file the theme lists is served, so no path reaches the file system.
    @Sendable func asset(_ request: Request, context: IntakeContext) throws -> Response {
        let name = try context.parameters.require("file")
        guard let asset = theme.assets.first(where: { $0.path == name }),
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
