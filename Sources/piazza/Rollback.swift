import ArgumentParser
import Foundation
import PiazzaSite

/// `piazza rollback`: puts back the build before the live one, kept in the cache outside the output.
struct Rollback: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put back the previous build of a portal (run it again to undo).")

    @Option(name: .customLong("portal"), help: "The portal to roll back (repeatable). Default: every portal.")
    var portals: [String] = []

    @Option(help: "The output folder the sites were built into.")
    var output = "site"

    @Option(help: "The build cache (default: .piazza/<output name>/ next to the output).")
    var cache: String?

    func run() throws {
        let outputURL = URL(fileURLWithPath: output)
        let buildCache = BuildCache(output: outputURL, folder: cache.map { URL(fileURLWithPath: $0) })
        do {
            for portal in try buildCache.rollBack(portals: portals) {
                print("\(portal): the previous build is live in \(output)/\(portal)/; run rollback again to undo")
            }
        } catch {
            throw Failure.report(error)
        }
    }
}
