import PiazzaContent
import Testing

@testable import PiazzaIntake

@Suite("Daemon errors give their exit code: settings are usage, the machine is environment")
struct StartErrorKindTests {
    func startError(_ key: String) -> IntakeApp.StartError {
        IntakeApp.StartError(
            key: key, diagnostic: Diagnostic(file: "piazza.yaml", line: 4, column: 1, message: "what; fix"))
    }

    @Test("a bad secret file is a usage error; a port in use or a database that does not open is the environment")
    func kinds() {
        #expect(startError("secret_file").kind == .usage)
        #expect(startError("listen").kind == .environment)
        #expect(startError("data").kind == .environment)
        #expect(["secret_file", "listen", "data"].map { startError($0).exitCode } == [1, 1, 1])
        #expect(startError("listen").code == .listen)
        #expect(startError("listen").location == PiazzaContent.SourceLocation(file: "piazza.yaml", line: 4, column: 1))
        #expect(startError("listen").description == "piazza.yaml:4:1: error: what; fix")
    }

    @Test("an invalid config file is a usage error located at its first problem")
    func config() {
        let error = DaemonConfigError(
            code: .invalid, diagnostics: [Diagnostic(file: "piazza.yaml", line: 2, column: 3, message: "bad")])
        #expect(error.kind == .usage && error.exitCode == 1)
        #expect(error.location?.description == "piazza.yaml:2:3")
        #expect(error.description == "piazza.yaml:2:3: error: bad")
    }
}
