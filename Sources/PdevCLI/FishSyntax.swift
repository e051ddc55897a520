import PdevCore
import PdevKit

/// Fish code from pdev.yaml (function bodies, `init`) goes through `fish --no-execute` when a
/// fish is installed: code fish cannot parse would be missing, silently, from every shell.
/// Without a fish the check is left to the first shell that loads it (`-v` says so).
struct FishSyntax {
  let run: RunEnvironment

  func check(_ config: PdevConfig) throws(DiagnosticList) {
    let snippets = FishSyntax.snippets(config)
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

  /// Every function body and init of every host, once per place in the files.
  static func snippets(_ config: PdevConfig) -> [Snippet] {
    var seen = Set<SourceLocation>()
    var result: [Snippet] = []
    for host in config.hosts {
      guard let fish = host.tree["tools"]?["fish"] else { continue }
      for pair in fish["functions"]?.pairs ?? [] {
        guard let body = pair.value.text, seen.insert(pair.value.location).inserted else { continue }
        result.append(Snippet(what: "function '\(pair.name)'", script: "function \(pair.name)\n\(body)\nend\n", node: pair.value))
      }
      if let initNode = fish["init"], let code = initNode.text, seen.insert(initNode.location).inserted {
        result.append(Snippet(what: "tools.fish.init", script: code + "\n", node: initNode))
      }
    }
    return result
  }

  /// fish's message without its `fish: ` prefix.
  static func reason(_ line: String) -> String {
    line.hasPrefix("fish: ") ? String(line.dropFirst(6)) : line
  }
}
