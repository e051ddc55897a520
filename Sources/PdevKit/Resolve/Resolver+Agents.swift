import PdevCore

extension Resolver {
  /// Fish gets what the host's AI CLIs bring: their abbreviations (beneath the configuration's
  /// own), the Alt-a suggestion, and a sandbox wrapper for each CLI whose `sandbox` is on.
  func addingAgents(to tools: inout [ResolvedTool], host: HostConfig, notes: inout [HostNote]) {
    guard let fish = tools.firstIndex(where: { $0.spec.name == "fish" }) else { return }
    let agents = tools.filter { $0.spec.agent != nil }
    guard !agents.isEmpty else { return }
    var values = tools[fish].values
    var abbreviations: [String: ConfigValue] = [:]
    var functions: [String: ConfigValue] = [:]
    for tool in agents {
      let agent = tool.spec.agent!
      for (name, expansion) in agent.abbreviations { abbreviations[name] = .string(expansion) }
      guard tool.values["sandbox"] == .bool(true) else { continue }
      if host.system.isDarwin {
        notes.append(HostNote(tool: tool.spec.name, host: host.name, system: host.system, kind: .noSandbox))
      } else {
        functions[agent.command] = .string(AgentShell.sandboxBody(agent))
      }
    }
    let askers = agents.compactMap(\.spec.agent).filter { $0.ask != nil }
    if !askers.isEmpty {
      functions[AgentShell.suggestFunction] = .string(AgentShell.suggestBody(askers))
      functions[AgentShell.commandFunction] = .string(AgentShell.commandBody)
      let own = values["init"]?.stringValue ?? ""
      values["init"] = .string(AgentShell.bindings + (own.isEmpty ? "" : "\n" + own))
    }
    values["abbreviations"] = ConfigValue.map(abbreviations).merged(with: values["abbreviations"] ?? .map([:]))
    values["functions"] = ConfigValue.map(functions).merged(with: values["functions"] ?? .map([:]))
    tools[fish].values = values
  }
}
