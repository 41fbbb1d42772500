import ArgumentParser
import Foundation
import PiazzaContent

/// `piazza new portal NAME` and `piazza new page PATH`: starting files whose placeholders `piazza check` names until
/// they are replaced (a new page is a draft until then).
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new portal or page from a template.", subcommands: [NewPortal.self, NewPage.self])
}

struct NewPortal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal", abstract: "Create content/NAME with portal.yaml and a home page.")

    @Argument(help: "Portal folder name (a-z, 0-9, -).") var name: String
    @Option(help: "The comune's name.") var comune: String
    @Option(help: "The comune's 6-digit ISTAT code.") var istat: String
    @Option(help: "Two-letter province code.") var province: String
    @Option(help: "The content folder.") var content = "content"

    func run() throws {
        do {
            let files = try Scaffold.newPortal(
                id: name, comune: comune, istat: istat, province: province, in: URL(fileURLWithPath: content),
                today: ContentDateTime.romeDay(of: Date()))
            for file in files { print("created \(content)/\(file)") }
            print(
                "next: in \(content)/\(name)/portal.yaml write the comune's phone, DPO and accessibility statement (`piazza check` refuses the placeholders until then), then run `piazza check`; the shared forms offer this portal's comuni as residence options (`options: comuni`)"
            )
        } catch {
            throw Failure.report(error)
        }
    }
}

struct NewPage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page", abstract: "Create a page, e.g. vigonza/servizi/nuovo.md.")

    @Argument(help: "Path under the content folder: PORTAL/SECTION/NAME.md.") var path: String
    @Option(help: "The content folder.") var content = "content"
    @Flag(help: "Write a portal's page at the path of a _shared/ page, which it replaces for that portal.")
    var overrideShared = false

    func run() throws {
        do {
            let folder = URL(fileURLWithPath: content)
            let file = try Scaffold.newPage(
                path: path, in: folder, today: ContentDateTime.romeDay(of: Date()), overridingShared: overrideShared)
            print("created \(content)/\(file) as a draft: it is published once you delete its `draft: true` line")
            if let shared = Scaffold.sharedPage(overriddenBy: file, in: folder) {
                Failure.printError(
                    "warning: \(content)/\(file) replaces \(content)/\(shared) for portal '\(file.prefix { $0 != "/" })' once it is no longer a draft"
                )
            }
        } catch {
            throw Failure.report(error)
        }
    }
}
