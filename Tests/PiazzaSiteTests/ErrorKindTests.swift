import PiazzaContent
import PiazzaRender
import PiazzaSite
import Testing

@Suite("Theme and build errors say who must act")
struct ErrorKindTests {
    @Test("a theme problem is content (exit 1); an output folder that cannot be written is the environment (exit 1)")
    func kinds() {
        let theme = ThemeError(.invalidTemplate, "/t/templates/page.mustache:2:14: not valid Mustache")
        #expect(theme.kind == .content && theme.exitCode == 1)
        #expect(theme.description == "error: /t/templates/page.mustache:2:14: not valid Mustache")
        let build = BuildError(.output, "cannot create output folder /site")
        #expect(build.kind == .environment && build.exitCode == 1)
        #expect(build.codeName == "output")
    }
}
