import Foundation
import PiazzaContent
import PiazzaSite
import Testing

/// Sets the modification time of every file under `folder` to `date`, as a fresh clone or a copy does.
private func touchEveryFile(under folder: URL, at date: Date) throws {
    let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
    for case let file as URL in files {
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: file.path)
    }
}

/// The `dct:modified` of each dataset of Vigonza's DCAT-AP_IT catalogue, by dataset id.
private func datasetDates(in site: TemporaryFolder) throws -> [String: String] {
    let data = try Data(contentsOf: site.appending("vigonza/open-data/catalogo-dcat-ap-it.jsonld"))
    let catalog = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let datasets = try #require(catalog["dcat:dataset"] as? [[String: Any]])
    var dates: [String: String] = [:]
    for dataset in datasets {
        let id = try #require(dataset["dct:identifier"] as? String)
        dates[id] = (dataset["dct:modified"] as? [String: Any])?["@value"] as? String
    }
    return dates
}

@Suite("The open data's dates come from the content, never from files' modification times")
struct OpenDataDateTests {
    @Test("two builds of the same content, with other modification times on another day, write the same open data")
    func reproducible() throws {
        let content = try copyOfDemoContent()
        try touchEveryFile(under: content.url, at: rome("2026-11-25 10:00"))
        let first = try TemporaryFolder()
        try buildSite(content: content.url, into: first.url, portals: ["vigonza"], now: bandiOpen)
        try touchEveryFile(under: content.url, at: rome("2027-03-02 18:30"))
        let second = try TemporaryFolder()
        try buildSite(
            content: content.url, into: second.url, portals: ["vigonza"], now: bandiOpen.addingTimeInterval(86_400 * 9))
        for file in ["open-data/catalogo-dcat-ap-it.jsonld", "open-data/index.html"] {
            #expect(try first.read("vigonza/" + file) == second.read("vigonza/" + file), "\(file)")
        }
        #expect(try datasetDates(in: first) == ["c_l892:servizi": "2026-11-20", "c_l892:esercenti": "2026-11-20"])
    }

    @Test("a dataset's date is its records' newest updated:, else portal.yaml's updated:, else the build's day")
    func chain() throws {
        let content = try copyOfDemoContent()
        let service = "_shared/servizi/pasti-a-domicilio.md"
        try content.write(
            service,
            try content.read(service).replacingOccurrences(of: "\ntitle:", with: "\nupdated: 2026-11-23\ntitle:"))
        let site = try TemporaryFolder()
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"], now: bandiOpen)
        #expect(try datasetDates(in: site) == ["c_l892:servizi": "2026-11-23", "c_l892:esercenti": "2026-11-20"])

        let portal = "vigonza/portal.yaml"
        try content.write(
            portal,
            try content.read(portal).split(separator: "\n").filter { !$0.hasPrefix("updated:") }.joined(
                separator: "\n") + "\n")
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"], now: bandiOpen)
        #expect(try datasetDates(in: site) == ["c_l892:servizi": "2026-11-23", "c_l892:esercenti": "2026-11-23"])

        try content.write(
            service, try content.read(service).replacingOccurrences(of: "updated: 2026-11-23\n", with: ""))
        try buildSite(content: content.url, into: site.url, portals: ["vigonza"], now: rome("2026-11-24 23:30"))
        #expect(try datasetDates(in: site) == ["c_l892:servizi": "2026-11-24", "c_l892:esercenti": "2026-11-24"])
    }
}
