import PdevCore
import PdevKit

/// Fish code from pdev.yaml and the user's own profiles (the tool options the catalog marks
/// `check: fish` or `check: fish-function`) goes through `fish --no-execute` when a fish is
/// installed: code fish cannot parse would be missing, silently, from every shell. The
/// bundled profiles' code is pdev's own, checked by its tests with the real fish.
/// Without a fish the check is left to the first shell that loads it (`-v` says so).
struct FishSyntax {
  let run: RunEnvironment

  func check(_ config: PdevConfig, catalog: Catalog) throws(DiagnosticList) {
    var snippets = FishSyntax.snippets(config, catalog: catalog)
    guard !snippets.isEmpty else { return }
    let bundled = Set(FileIO.list(run.paths.bundledProfiles).map { run.display(PathText.join(run.paths.bundledProfiles, $0)) })
    snippets.removeAll { bundled.contains($0.node.location.file) }
    guard !snippets.isEmpty else { return }
    guard let fish = Tools(run: run).path("fish") else {
      run.detail("fish is not installed here: fish code in pdev.yaml was not checked")
      return
    }
    // Code that parsed once is not checked again: a level-up spawns no fish.
    let cachePath = PathText.join(run.paths.stateHome, "fish-checked")
    let cached = ((try? FileIO.read(cachePath, display: "fish-checked", limit: 1 << 16)) ?? []).split(separator: 0x0A).map {
      String(decoding: $0, as: UTF8.self)
    }
    let known = Set(cached)
    var parsed: [String] = []
    var diagnostics = DiagnosticBag()
    for snippet in snippets {
      let key = Fingerprint.hash(Array(snippet.script.utf8))
      if known.contains(key) { continue }
      guard let result = run.context.processes.capture(fish, ["--no-execute", "-c", snippet.script]) else { continue }
      let message = result.output.split(separator: "\n").first.map(String.init)
      guard result.status != 0 || message != nil else {
        parsed.append(key)
        continue
      }
      diagnostics.error(
        .shellSyntax,
        "fish cannot parse \(snippet.what): \(FishSyntax.reason(message ?? "exit status \(result.status)"))",
        at: snippet.node.location, length: snippet.node.length,
        help: "fix the fish code; `fish --no-execute` on it shows the same error")
    }
    try diagnostics.check()
    if !parsed.isEmpty {
      let keep = (cached + parsed).suffix(256)
      try? AtomicFile.write(Array(keep.joined(separator: "\n").utf8) + [0x0A], to: cachePath, display: "fish-checked", mode: 0o600)
    }
  }

  struct Snippet {
    var what: String
    var script: String
    var node: YAMLNode
  }

  /// Every piece of fish code of every host, once per place in the files.
  static func snippets(_ config: PdevConfig, catalog: Catalog) -> [Snippet] {
    let checked = catalog.tools.values.filter { !$0.checks.isEmpty }.sorted { $0.name < $1.name }
    var seen = Set<SourceLocation>()
    var result: [Snippet] = []
    for host in config.hosts {
      for tool in checked {
        guard let settings = host.tree(at: ["tools", tool.name]) else { continue }
        for (option, check) in tool.checks.sorted(by: { $0.key < $1.key }) {
          guard let node = settings[option] else { continue }
          switch check {
          case .fish:
            if let code = node.text, seen.insert(node.location).inserted {
              result.append(Snippet(what: "tools.\(tool.name).\(option)", script: code + "\n", node: node))
            }
          case .fishFunction:
            for pair in node.pairs ?? [] {
              guard let body = pair.value.text, seen.insert(pair.value.location).inserted else { continue }
              result.append(Snippet(what: "function '\(pair.name)'", script: "function \(pair.name)\n\(body)\nend\n", node: pair.value))
            }
          }
        }
      }
    }
    return result
  }

  /// fish's message without its `fish: ` prefix.
  static func reason(_ line: String) -> String {
    line.hasPrefix("fish: ") ? String(line.dropFirst(6)) : line
  }
}
