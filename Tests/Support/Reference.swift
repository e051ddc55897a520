import Foundation

/// The upstream facts of ../shared/reference (vendored under Tests/Fixtures/reference):
/// home-manager and nixvim option paths, the nixvim plugin index and nixpkgs attributes.
public struct Reference: Sendable {
  public struct Option: Sendable {
    public var path: [String]
    public var type: String
    public var notes: String
  }

  public var homeManager: [Option] = []
  public var nixvim: [Option] = []
  public var nixpkgsAttributes: Set<String> = []
  public var pluginIndex: [String: String] = [:]  // "plugins.oil" → notes
  public var hardtimePrecognition: [(plugin: String, key: String)] = []

  public static let shared = Reference()

  public static func rows(_ file: String) -> [[String]] {
    let text = (try? String(contentsOfFile: Repository.fixture("reference/" + file), encoding: .utf8)) ?? ""
    var rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
    if !rows.isEmpty { rows.removeFirst() }  // header
    return rows
  }

  static func splitPath(_ text: String) -> [String] {
    // `lsp.servers."*"` is the literal server named *.
    var parts: [String] = []
    var current = ""
    var quoted = false
    for c in text {
      if c == "\"" { quoted.toggle(); continue }
      if c == "." && !quoted {
        parts.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    parts.append(current)
    return parts
  }

  init() {
    homeManager = Reference.rows("home-manager-options.tsv").map {
      Option(path: Reference.splitPath($0[0]), type: $0.count > 1 ? $0[1] : "", notes: $0.count > 4 ? $0[4] : "")
    }
    nixvim = Reference.rows("nixvim-options.tsv").map {
      Option(path: Reference.splitPath($0[0]), type: $0.count > 1 ? $0[1] : "", notes: $0.count > 4 ? $0[4] : "")
    }
    nixpkgsAttributes = Set(Reference.rows("nixpkgs-attrs.tsv").compactMap { $0.count > 1 ? $0[1] : nil })
    for attr in Reference.rows("../verified-attrs.tsv").compactMap(\.first) { nixpkgsAttributes.insert(attr) }
    for row in Reference.rows("nixvim-plugin-index.tsv") where row.count > 1 {
      pluginIndex[row[0] + "." + row[1]] = row.last ?? ""
    }
    hardtimePrecognition = Reference.rows("hardtime-precognition.tsv").map { ($0[0], $0[1]) }
    for option in Reference.rows("../verified-options.tsv").compactMap(\.first) {
      homeManager.append(Option(path: Reference.splitPath(option), type: "verified", notes: ""))
    }
  }

  /// nil when `path` is a real, current option (or a value inside one); otherwise why not.
  public func problem(with path: [String]) -> String? {
    if path.first == "pdev" { return nil }  // pdev's own option, declared in home.nix
    let isNixvim = path.count > 2 && path[0] == "programs" && path[1] == "nixvim"
    let options = isNixvim ? nixvim : homeManager
    let relative = isNixvim ? Array(path.dropFirst(2)) : path
    var best: Option?
    for option in options where option.path.count <= relative.count {
      let matches = zip(option.path, relative).allSatisfy { $0 == "<name>" || $0 == "*" || $0 == $1 }
      if matches && (best == nil || option.path.count > best!.path.count) { best = option }
    }
    let shown = path.joined(separator: ".")
    guard let best else { return "\(shown) is not an option" }
    for word in ["RENAMED", "REMOVED", "CHANGED"] where best.notes.contains(word) {
      return "\(shown) uses \(best.path.joined(separator: ".")), which upstream \(word.lowercased()): \(best.notes)"
    }
    if best.notes.contains("internal") || best.notes.contains("readOnly") {
      return "\(shown) sets an internal option"
    }
    if best.path.count < relative.count, best.type == "submodule" || best.type.hasPrefix("null or (submodule)") {
      return "\(shown) is not an option (\(best.path.joined(separator: ".")) has no '\(relative[best.path.count])')"
    }
    if isNixvim, relative.count >= 2, ["plugins", "colorschemes"].contains(relative[0]) {
      let name = relative[0] + "." + relative[1]
      guard let notes = pluginIndex[name] else { return "\(name) is not a nixvim plugin" }
      if notes.uppercased().contains("RENAMED") || notes.uppercased().contains("REMOVED") { return "\(name): \(notes)" }
    }
    if isNixvim, relative.count >= 3, relative[0] == "lsp", relative[1] == "servers", pluginIndex["lsp.servers." + relative[2]] == nil {
      return "lsp.servers.\(relative[2]) is not a declared nixvim LSP server"
    }
    return nil
  }
}
