import Foundation
import PdevCore
import Testing

/// `pdev explain TOOL` says, host by host, whether the tool is on and why.
@Suite struct ExplainTests {
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
