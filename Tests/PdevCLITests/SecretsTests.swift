import Foundation
import PdevKit
import Testing

@testable import PdevTestSupport

/// Nothing secret reaches a generated file or the generation store: the Nix store is
/// world-readable. Secrets exist on the machine (files, environment) while pdev renders
/// every bundled profile and fixture; none of their values, and nothing shaped like a token,
/// may appear in what pdev writes.
@Suite struct SecretsTests {
  /// Values a careless renderer could copy: file contents and environment values.
  static let secretFiles = [
    "home/.config/secrets/github-token": "ghp_R3alLo0kingT0kenValue1234567890abcd",
    "run/secrets/db-password": "correct horse battery staple",
  ]
  static let secretEnvironment = [
    "LINEAR_API_KEY": "lin_api_Zq0f9V2xY7wK3mN8pR4sT6uB1cD5eF",
    "OPENAI_API_KEY": "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789",
    "GITHUB_TOKEN": "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
  ]

  static let fixtures = ["base", "laptop", "dev-only", "server", "fleet", "secrets"]

  @Test(arguments: fixtures, [1, 8])
  func noSecretReachesTheOutputOrTheStore(fixture: String, level: Int) throws {
    let sandbox = Sandbox()
    for (path, value) in SecretsTests.secretFiles { sandbox.write(path, value + "\n") }
    if ["base", "laptop", "dev-only", "server"].contains(fixture) {
      sandbox.writeConfig(profile: fixture, extra: "neovim:\n  level: \(level)")
    } else {
      var text = Repository.read("Tests/Fixtures/configs/\(fixture).yaml")
      text = text.replacingOccurrences(of: "/run/secrets/", with: sandbox.root + "/run/secrets/")
      sandbox.write(sandbox.configFile, text + "output: \(sandbox.output)\nneovim:\n  level: \(level)\n")
    }
    let result = sandbox.run(["generate"], env: SecretsTests.secretEnvironment)
    #expect(result.code == 0, "\(result.err)")

    var written = sandbox.tree(sandbox.output)
    for (path, text) in sandbox.tree(sandbox.stateHome) { written["state/" + path] = text }
    #expect(written.count > 16)
    let secrets = Array(SecretsTests.secretFiles.values) + Array(SecretsTests.secretEnvironment.values)
    for (path, text) in written {
      for secret in secrets { #expect(!text.contains(secret), "\(path) holds a secret value") }
      #expect(!SecretRules.looksLikeToken(text), "\(path) holds something shaped like a token")
      #expect(!text.contains("PRIVATE KEY"), "\(path)")
    }
    for (path, text) in sandbox.tree(sandbox.output) { #expect(!text.contains(sandbox.root + "/home"), "\(path) names the home directory") }

    // The references themselves survive, so the test cannot pass by dropping them.
    if fixture == "secrets" {
      let ai = try #require(written["modules/ai.nix"])
      #expect(ai.contains(#"file = "${config.home.homeDirectory}/.config/secrets/github-token";"#))
      #expect(ai.contains(#"file = "\#(sandbox.root)/run/secrets/db-password";"#))
      #expect(ai.contains(#""\${LINEAR_API_KEY}""#))
      #expect(ai.contains(#""\${OPENAI_API_KEY}""#))
    }
  }
}
