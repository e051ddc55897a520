import Foundation
import PdevCore
import Testing

/// Every Ghostty and Zellij setting pdev writes or shows — bundled profiles, fixtures, catalog
/// examples (which `pdev explain` prints) and the YAML in the docs — exists in the
/// application's release, as `../shared/reference/apps/` records it.
@Suite(.enabled(if: Validator.isCI || AppCheck.factsDirectory != nil)) struct ApplicationFactsTests {
  /// The newest facts file of `app`.
  static func facts(_ app: String) throws -> [String: Any] {
    let directory = try #require(AppCheck.factsDirectory)
    let name = try #require(
      try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(app + "-") && $0.hasSuffix(".json") }
        .sorted().last)
    let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Every `APP: { settings: … }` mapping in the YAML of the bundled profiles, fixtures and
  /// docs, and the catalog's settings example for APP; each with where it was found.
  static func settings(of app: String) throws -> [(place: String, node: YAMLNode)] {
    var documents: [(String, String)] = []
    for file in try FileManager.default.contentsOfDirectory(atPath: Repository.path("profiles")) where file.hasSuffix(".yaml") {
      documents.append(("profiles/" + file, Repository.read("profiles/" + file)))
    }
    for file in try FileManager.default.contentsOfDirectory(atPath: Repository.fixture("configs")) {
      documents.append(("Tests/Fixtures/configs/" + file, Repository.read("Tests/Fixtures/configs/" + file)))
    }
    for file in try FileManager.default.contentsOfDirectory(atPath: Repository.path("docs")) where file.hasSuffix(".md") {
      let text = Repository.read("docs/" + file)
      for (i, block) in text.components(separatedBy: "```yaml\n").dropFirst().enumerated() {
        documents.append(("docs/\(file) block \(i + 1)", block.components(separatedBy: "```").first ?? ""))
      }
    }
    var found: [(String, YAMLNode)] = []
    for (place, text) in documents {
      guard let root = try YAMLLoader().parse(Array(text.utf8), name: place) else { continue }
      var stack = [root]
      while let node = stack.popLast() {
        for pair in node.pairs ?? [] {
          if pair.name == app, let settings = pair.value["settings"] { found.append((place, settings)) }
          stack.append(pair.value)
        }
      }
    }
    let catalog = try #require(try YAMLLoader().parse(Array(Repository.read("profiles/catalog/tools.yaml").utf8), name: "tools.yaml"))
    if let example = catalog["tools"]?[app]?["options"]?["settings"]?["example"]?.text,
      let node = try YAMLLoader().parse(Array(example.utf8), name: "example")
    {
      found.append(("the catalog's \(app) example", node))
    }
    return found
  }

  @Test func ghosttySettingsExistInItsRelease() throws {
    let facts = try ApplicationFactsTests.facts("ghostty")
    let options = try #require(facts["options"] as? [String: Any])
    let themes = Set(try #require(facts["themes"] as? [String]))
    let found = try ApplicationFactsTests.settings(of: "ghostty")
    #expect(found.count >= 3)
    for (place, settings) in found {
      for pair in settings.pairs ?? [] {
        #expect(options[pair.name] != nil, "\(place): '\(pair.name)' is not a Ghostty option")
        if pair.name == "theme", let theme = pair.value.text {
          // `light:X,dark:Y` names two themes.
          let names = theme.contains(":") ? theme.split(separator: ",").map { String($0.split(separator: ":").last ?? "") } : [theme]
          for name in names { #expect(themes.contains(name), "\(place): Ghostty bundles no theme '\(name)'") }
        }
      }
    }
  }

  @Test func zellijSettingsExistInItsRelease() throws {
    let facts = try ApplicationFactsTests.facts("zellij")
    let options = try #require(facts["options"] as? [String: Any])
    let top = try #require(facts["top"] as? [String: Any])
    let themes = try #require(facts["themes"] as? [String: Any])
    let layouts = Set(try #require(facts["layouts"] as? [String]))
    let found = try ApplicationFactsTests.settings(of: "zellij")
    #expect(found.count >= 2)
    for (place, settings) in found {
      for pair in settings.pairs ?? [] {
        #expect(options[pair.name] != nil || top[pair.name] != nil, "\(place): '\(pair.name)' is not a Zellij option")
        if pair.name == "theme", let theme = pair.value.text { #expect(themes[theme] != nil, "\(place): no Zellij theme '\(theme)'") }
        if pair.name == "default_layout", let layout = pair.value.text {
          #expect(layouts.contains(layout), "\(place): no built-in Zellij layout '\(layout)'")
        }
      }
    }
  }

  /// Each catalog theme's built-in names are the ones its applications ship (delta reads bat's).
  @Test func builtInThemeNamesExistInTheirApplications() throws {
    let catalog = try #require(try YAMLLoader().parse(Array(Repository.read("profiles/catalog/themes.yaml").utf8), name: "themes.yaml"))
    func names(_ app: String) throws -> Set<String> {
      let themes = try ApplicationFactsTests.facts(app)["themes"]
      if let list = themes as? [String] { return Set(list) }
      return Set(try #require(themes as? [String: Any]).keys)
    }
    let shipped = [
      "ghostty": try names("ghostty"), "zellij": try names("zellij"), "bat": try names("bat"), "delta": try names("bat"),
      "btop": try names("btop"),
    ]
    var checked = 0
    for theme in try #require(catalog["themes"]?.pairs) {
      #expect(theme.value["builtin"]?["ghostty"] != nil, "\(theme.name): Ghostty bundles every theme pdev offers; name it")
      for app in theme.value["builtin"]?.pairs ?? [] {
        let known = try #require(shipped[app.name], "\(theme.name): no facts for \(app.name)")
        #expect(known.contains(app.value.text ?? ""), "\(theme.name): \(app.name) ships no theme '\(app.value.text ?? "")'")
        checked += 1
      }
    }
    #expect(checked >= 30)
  }
}
