import Foundation
import PdevCore
import Testing

/// `pdev explain TOOL` says, host by host, whether the tool is on and why.
@Suite struct ExplainTests {
  /// On configuration.md's own example of settings that follow their profile.
  @Test func explainSaysWhyAToolIsOnOrOffOnEachHost() throws {
    let reference = Repository.read("docs/configuration.md")
    let start = try #require(reference.range(of: "```yaml\n"))
    let end = try #require(reference.range(of: "```", range: start.upperBound..<reference.endIndex))
    let sandbox = Sandbox()
    let text = String(reference[start.upperBound..<end.lowerBound])
      .replacingOccurrences(of: "output: ~/.config/home-manager", with: "output: \(sandbox.output)")
    sandbox.write(sandbox.configFile, text)
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    let explained = sandbox.run(["explain", "ghostty"]).out
    #expect(explained.contains("On vps: off: its profile (server) leaves it off, and the settings at config/pdev.yaml:"), "\(explained)")
    #expect(explained.contains("On zephyrus: on, turned on at "), "\(explained)")
  }
}
