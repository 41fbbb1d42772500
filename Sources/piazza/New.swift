import ArgumentParser
import Foundation
import PiazzaContent

/// `piazza new portal NAME` and `piazza new page PATH`: starting files that already pass `piazza check`.
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
                "next: edit \(content)/\(name)/portal.yaml, then run `piazza check`; the shared forms offer this portal's comuni as residence options (`options: comuni`)"
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

    func run() throws {
        do {
            let file = try Scaffold.newPage(
                path: path, in: URL(fileURLWithPath: content), today: ContentDateTime.romeDay(of: Date()))
            print("created \(content)/\(file)")
        } catch {
            throw Failure.report(error)
        }
    }
}
