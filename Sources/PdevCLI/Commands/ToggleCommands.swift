import PdevCore
import PdevKit

/// `pdev enable` and `pdev disable`: edit pdev.yaml in place, validate, save atomically.
enum ToolToggle {
  static func run(_ name: String, enabled: Bool, _ run: RunEnvironment) throws -> Int32 {
    let catalog = try run.workspace.catalog()
    guard catalog.tools[name] != nil else {
      throw DiagnosticList([
        .error(
          .unknownTool,
          "unknown tool '\(name)'",
          help: EditDistance.didYouMean(name, in: catalog.tools.keys) ?? "see the tools with: pdev list tools")
      ])
    }
    // One edit of pdev.yaml at a time: parallel enables each keep their change.
    let (lock, holder) = try FileLock.acquire(PathText.join(run.paths.stateHome, "config.lock"), timeout: 10)
    guard let lock else {
      throw DiagnosticList(
        [
          .error(
            .busy, "another pdev\(holder.map { " (process \($0))" } ?? "") is editing pdev.yaml", help: "wait for it, then run this again")
        ],
        kind: .environment)
    }
    defer { lock.release() }
    let path = run.paths.configFile
    let plan = try run.workspace.plan(defaultUsername: run.defaultUsername)
    let bytes = try FileIO.read(path, display: run.display(path))
    // The edit is made on the text as the parser numbers it (LF line ends, no byte-order
    // mark) and written back in the file's own convention.
    let raw = String(decoding: bytes, as: UTF8.self)
    let bom = raw.hasPrefix("\u{FEFF}")
    let crlf = raw.contains("\r\n")
    var text = bom ? String(raw.dropFirst()) : raw
    if crlf { text = text.replacingAll("\r\n", with: "\n") }
    guard let root = try YAMLLoader().parse(Array(text.utf8), name: run.display(path)) else {
      throw DiagnosticList([.error(.wrongType, "\(run.display(path)) is empty")])
    }
    let resolver = Resolver(catalog: catalog, progression: plan.progression, level: plan.level)
    let hostsBefore = try plan.hosts()
    let onBefore = hostsBefore.filter { $0.tool(name) != nil }.map(\.name)
    if enabled ? onBefore.count == hostsBefore.count : onBefore.isEmpty {
      run.result("\(name) is already \(enabled ? "on" : "off") on every host. pdev.yaml is unchanged.")
      return ExitCode.success
    }
    let edit = ConfigEditor(text: text, root: root).setTool(name, enabled: enabled)
    guard case .edited(let editedText) = edit else {
      run.result("pdev.yaml already says \(name): \(enabled). Hosts differ: see `pdev explain \(name)`.")
      return ExitCode.success
    }
    let newText = (bom ? "\u{FEFF}" : "") + (crlf ? editedText.replacingAll("\n", with: "\r\n") : editedText)
    // Validate the edited file as it will be read, before anything is saved.
    var workspace = run.workspace.documents
    workspace.replacements[path] = Array(newText.utf8)
    let loader = ConfigLoader(
      catalog: catalog, documents: workspace, profiles: run.workspace.profiles, defaultUsername: run.defaultUsername)
    let after: PdevConfig
    let hostsAfter: [ResolvedHost]
    do {
      after = try loader.load(path)
      hostsAfter = try resolver.resolve(after)
    } catch {
      // The edit was not saved: its line numbers are the edited text's, not the file's.
      throw error.unsaved(run.workspace.documents.display(path), about: "with \(name) \(enabled ? "on" : "off") (pdev.yaml is unchanged)")
    }
    // Written where it lives: a pdev.yaml that links into a dotfiles repository stays a link,
    // and an edit made meanwhile (an editor saving) is not overwritten.
    let target = FileIO.realPath(path) ?? path
    guard (try? FileIO.read(target, display: run.display(path))) == bytes else {
      throw DiagnosticList(
        [.error(.busy, "\(run.display(path)) changed while pdev edited it; nothing was written", help: "run the command again")],
        kind: .environment)
    }
    try AtomicFile.write(Array(newText.utf8), to: target, display: run.display(path))
    let onAfter = hostsAfter.filter { $0.tool(name) != nil }.map(\.name)
    run.result("\(enabled ? "Enabled" : "Disabled") \(name) in \(run.display(path)).")
    let stillDifferent = hostsAfter.map(\.name).filter { enabled ? !onAfter.contains($0) : onAfter.contains($0) }
    if !stillDifferent.isEmpty {
      run.result(
        "Still \(enabled ? "off" : "on") on \(stillDifferent.joined(separator: ", ")): a host entry or its platform decides there (`pdev explain \(name)`)."
      )
    }
    run.result("Run `pdev generate` to render it, or `pdev diff` to see the change first.")
    return ExitCode.success
  }
}

struct EnableCommand: Command {
  static let spec = CommandSpec(
    name: "enable", summary: "Turn a tool on in pdev.yaml, keeping its comments",
    usage: "pdev enable TOOL", flags: [], positionals: 1...1,
    help: """
      Usage: pdev enable TOOL

      Turn TOOL on in pdev.yaml: sets `TOOL: true` under tools (or `enable: true` in its
      settings), editing only that spot so your comments and formatting stay. The result is
      validated before it is saved, atomically. Then run `pdev generate`.

      Exit codes: 0 done or already on; 3 unknown tool or invalid result; 4 pdev.yaml cannot
      be written.

      """, effects: [.config, .state])

  static func run(_ options: ToolName, _ run: RunEnvironment) throws -> Int32 {
    try ToolToggle.run(options.tool, enabled: true, run)
  }
}

struct DisableCommand: Command {
  static let spec = CommandSpec(
    name: "disable", summary: "Turn a tool off in pdev.yaml",
    usage: "pdev disable TOOL", flags: [], positionals: 1...1,
    help: """
      Usage: pdev disable TOOL

      Turn TOOL off in pdev.yaml: sets `TOOL: false` under tools (or `enable: false` in its
      settings, which keeps them for later), editing only that spot so your comments and
      formatting stay. The result is validated before it is saved. Then run `pdev generate`.

      Exit codes: 0 done or already off; 3 unknown tool, a tool another one needs, or an
      invalid result; 4 pdev.yaml cannot be written.

      """, effects: [.config, .state])

  static func run(_ options: ToolName, _ run: RunEnvironment) throws -> Int32 {
    try ToolToggle.run(options.tool, enabled: false, run)
  }
}

/// The options of enable and disable: the tool's name.
struct ToolName: CommandOptions {
  var tool: String

  init(_ arguments: ParsedArguments) { tool = arguments.positionals[0] }
}
