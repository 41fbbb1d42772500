import Foundation
import PiazzaContent
import Testing

/// The page the home's `all-topics` link opens (AgID C.SI.1.5): every topic of the portal's services,
/// in the model's order, each a `topic-element` link to its catalogue page with its number of services.
@Suite("The topics page of the Designers Italia model")
struct TopicsPageTests {
    @Test("the home links argomenti/, which lists the services' topics in the model's order with their pages")
    func topicsPage() throws {
        let site = try builtVigonza()
        let home = try site.read("vigonza/index.html")
        #expect(
            home.contains(#"<a class="button" href="argomenti/" data-element="all-topics">Tutti gli argomenti</a>"#))
        let page = try site.read("vigonza/argomenti/index.html")
        let topics = page.captures(between: "data-element=\"topic-element\">", and: "<")
        let tree = try ContentTree.load(from: Repository.content, portals: ["vigonza"])
        let used = Set(try #require(tree.portal("vigonza")).pages.flatMap { $0.service?.topics ?? [] })
        #expect(topics == ModelTopics.all.filter(used.contains))
        #expect(
            page.contains(
                "<h2><a href=\"../servizi/argomento/assistenza-agli-invalidi/\" data-element=\"topic-element\">"
                    + "Assistenza agli invalidi</a></h2>\n<p>2 servizi</p>"))
        for link in page.captures(between: "<h2><a href=\"../", and: "\"") {
            #expect(site.exists("vigonza/" + link + "index.html"), "\(link)")
        }
    }
}
