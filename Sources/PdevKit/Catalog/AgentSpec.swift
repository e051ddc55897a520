import PdevCore

/// What pdev's shell integration needs to know of an AI CLI (a catalog tool's `agent:`).
public struct AgentSpec: Sendable, Equatable {
  /// The command it installs, e.g. `claude`.
  public var command: String
  /// The command line that answers one prompt on stdout; the prompt is appended.
  public var ask: [String]?
  /// Preference when several can answer: lower first.
  public var rank: Int
  /// Fish abbreviations for its common entry points.
  public var abbreviations: [String: String]
  /// Where it keeps its login and settings, relative to the home directory (a trailing `/`
  /// marks a directory): shared with every sandboxed run, so one login serves them all.
  public var state: [String]

  public init(command: String, ask: [String]?, rank: Int, abbreviations: [String: String], state: [String]) {
    self.command = command
    self.ask = ask
    self.rank = rank
    self.abbreviations = abbreviations
    self.state = state
  }
}

extension CatalogLoader {
  /// `agent: { command, ask, rank, abbreviations, state }`.
  func readAgent(_ node: YAMLNode, tool: String, reader: NodeReader) -> AgentSpec? {
    let what = "the agent of tool '\(tool)'"
    guard reader.pairs(node, what) != nil else { return nil }
    reader.checkKeys(node, allowed: ["command", "ask", "rank", "abbreviations", "state"], in: what)
    guard let command = reader.line(reader.require(node, "command", in: what)) else { return nil }
    var abbreviations: [String: String] = [:]
    for pair in node["abbreviations"].flatMap({ reader.pairs($0, "\(what) abbreviations") }) ?? [] {
      if let expansion = reader.line(pair.value) { abbreviations[pair.name] = expansion }
    }
    let state = reader.strings(node["state"]) ?? []
    for (path, item) in zip(state, node["state"]?.items ?? []) where path.hasPrefix("/") || path.split(separator: "/").contains("..") {
      reader.error(.catalog, "state paths are relative to the home directory, inside it", at: item)
    }
    return AgentSpec(
      command: command, ask: reader.strings(node["ask"]), rank: reader.int(node["rank"]) ?? 100, abbreviations: abbreviations,
      state: state)
  }
}
