import Foundation
import PdevCore
import Testing

/// `pdev explain TOOL` says, host by host, whether the tool is on and why; `pdev explain CODE`
/// explains an error.
@Suite struct ExplainTests {
  /// A code printed after an error is looked up by `pdev explain`, even with no pdev.yaml
  /// and a catalog that does not load.
  @Test func explainLooksAnErrorCodeUp() {
    let sandbox = Sandbox()
    sandbox.write(sandbox.configHome + "/catalog/broken.yaml", "version: 1\ntools: [")
    let result = sandbox.run(["explain", "pd204"])
    #expect(result.code == 0, "\(result.err)")
    #expect(result.out.hasPrefix("PD204: a tool the catalog does not have\n  The tool is not in the catalog."), "\(result.out)")
    let unknown = sandbox.run(["explain", "PD299"])
    #expect(unknown.code == 3)
  }

  /// On configuration.md's own example of settings that follow their profile.
  @Test func explainSaysWhyAToolIsOnOrOffOnEachHost() throws {
    let sandbox = Sandbox()
    sandbox.writeConfigurationReferenceExample()
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    let explained = sandbox.run(["explain", "ghostty"]).out
    #expect(explained.contains("On vps: off: its profile (server) leaves it off, and the settings at config/pdev.yaml:"), "\(explained)")
    #expect(explained.contains("On zephyrus: on, turned on at "), "\(explained)")
  }
}
