import PdevCore

/// A file of the output tree.
public struct OutputFile: Sendable, Equatable {
  public enum Ownership: Sendable, Equatable {
    /// Rewritten by every generate.
    case generated
    /// Written once when absent, then the user's (local.nix).
    case user
  }

  public var path: String
  public var contents: String
  public var ownership: Ownership

  public init(path: String, contents: String, ownership: Ownership = .generated) {
    self.path = path
    self.contents = contents
    self.ownership = ownership
  }
}

/// Everything rendering needs; rendering itself does no I/O beyond reading templates.
public struct RenderInput: Sendable {
  public var config: PdevConfig
  public var hosts: [ResolvedHost]
  public var catalog: Catalog
  public var progression: Progression
  public var level: Int
  public var levelStarted: Timestamp
  /// Values the front end provides to render fragments, such as `pdev.completions.fish`,
  /// computed only when a fragment uses them.
  public var extras: [String: @Sendable () -> ConfigValue]

  public init(
    config: PdevConfig, hosts: [ResolvedHost], catalog: Catalog, progression: Progression, level: Int,
    levelStarted: Timestamp, extras: [String: @Sendable () -> ConfigValue] = [:]
  ) {
    self.extras = extras
    self.config = config
    self.hosts = hosts
    self.catalog = catalog
    self.progression = progression
    self.level = level
    self.levelStarted = levelStarted
  }

  var hostNames: [String] { hosts.map(\.name) }
  var primary: ResolvedHost { hosts[0] }
}

/// Renders the output tree of the design (flake, home.nix, modules, nixvim, docs).
public struct Renderer {
  public static let toolModules: [(ToolGroup, String)] = [
    (.shell, "modules/shell.nix"), (.terminal, "modules/terminal.nix"), (.cli, "modules/cli.nix"),
    (.git, "modules/git.nix"), (.ai, "modules/ai.nix"),
  ]
  /// The files of modules/nixvim/ besides default.nix, in import order.
  public enum NixvimModule: String, Sendable, CaseIterable {
    case core, plugins, lsp, keymaps, habits
  }
  /// The module for the user's own additions, written once.
  public static let localModule = "local.nix"
  /// Files of the output that are the user's once created: never rewritten, never restored.
  public static let userFiles: Set<String> = [localModule]

  public let templates: TemplateStore

  public init(templates: TemplateStore) { self.templates = templates }

  public func render(_ input: RenderInput) throws(DiagnosticList) -> [OutputFile] {
    var files: [OutputFile] = []
    files.append(OutputFile(path: "flake.nix", contents: try flake(input)))
    files.append(OutputFile(path: "home.nix", contents: try home(input)))
    files.append(OutputFile(path: Renderer.localModule, contents: try localModule(adopted: []), ownership: .user))
    for (group, path) in Renderer.toolModules {
      files.append(OutputFile(path: path, contents: try toolModule(group, input)))
    }
    let nixvim = NixvimModules(input: input)
    files.append(OutputFile(path: "modules/nixvim/default.nix", contents: try module(try nixvim.defaultModule())))
    for name in NixvimModule.allCases {
      files.append(OutputFile(path: "modules/nixvim/\(name.rawValue).nix", contents: try module(try nixvim.module(name))))
    }
    if let ci = input.config.ci, ci.provider == .github {
      files.append(OutputFile(path: GitHubWorkflow.path, contents: GitHubWorkflow(hosts: input.hosts, cache: ci.cache).render()))
    }
    let docs = DocsContext(input: input)
    files.append(OutputFile(path: "docs/learning-plan.md", contents: try templates.render("docs/learning-plan.md", docs.learningPlan())))
    files.append(OutputFile(path: "docs/cheatsheet.md", contents: try templates.render("docs/cheatsheet.md", docs.cheatsheet())))
    return files
  }

  // MARK: - Files

  /// local.nix as created once, with lines that refer to files `pdev init` kept.
  public func localModule(adopted: [String]) throws(DiagnosticList) -> String {
    try templates.render("local.nix", ["adopted": .list(adopted.map { .code($0) }), "hasAdopted": .bool(!adopted.isEmpty)])
  }

  func flake(_ input: RenderInput) throws(DiagnosticList) -> String {
    let multi = input.hosts.count > 1
    func configuration(_ host: ResolvedHost) -> TemplateValue { .code(NixSyntax.quoted("\(host.config.username)@\(host.name)")) }
    let hosts: [TemplateValue] = input.hosts.map { host in
      var module = NixAttrs()
      module["imports"] = .list([.expr("shared")])
      if multi { module.set(["pdev", "host"], .string(host.name)) }
      return .object([
        "name": configuration(host),
        "attribute": .code(NixSyntax.attributeName(host.name)),
        "pkgs": .code(pkgsExpression(host).render()),
        "hostModule": .code(multi ? Nix.attrs(module).render() : "shared"),
      ])
    }
    let systems = Array(Set(input.hosts.map(\.system))).sorted()
    return try templates.render(
      "flake.nix",
      [
        "description": .text("Home Manager configuration of \(input.config.user.username), rendered by pdev"),
        "nixpkgsUrl": .text(input.config.channel.nixpkgsURL),
        "homeManagerUrl": .text(input.config.channel.homeManagerURL),
        "nixvimUrl": .text(input.config.channel.nixvimURL),
        "hosts": .list(hosts),
        "systems": .list(
          systems.map { system in
            .object([
              "system": .code(NixSyntax.attributeName(system.rawValue)),
              "hosts": .list(input.hosts.filter { $0.system == system }.map { .object(["name": configuration($0)]) }),
            ])
          }),
        "systemList": .code(Nix.list(systems.map { .string($0.rawValue) }).render()),
      ])
  }

  /// `nixpkgs.legacyPackages.SYSTEM`, or an import allowing exactly this host's unfree packages.
  func pkgsExpression(_ host: ResolvedHost) -> Nix {
    let unfree = host.unfreePackages
    if unfree.isEmpty { return .expr("nixpkgs.legacyPackages.\(NixSyntax.attributeName(host.system.rawValue))") }
    var args = NixAttrs()
    args["system"] = .string(host.system.rawValue)
    args.set(
      ["config", "allowUnfreePredicate"],
      .expr("pkg: builtins.elem (nixpkgs.lib.getName pkg) " + Nix.list(unfree.map(Nix.string)).render()))
    return .apply("import nixpkgs", .attrs(args))
  }

  func home(_ input: RenderInput) throws(DiagnosticList) -> String {
    var split = HostSplit(hosts: input.hostNames)
    for host in input.hosts {
      // Identity is set plainly, not with mkDefault: home-manager's NixOS module and other
      // integrations give these defaults of their own, and the configuration must win.
      var attrs = NixAttrs()
      attrs.set(["home", "username"], .string(host.config.username))
      attrs.set(
        ["home", "homeDirectory"],
        .expr("(if pkgs.stdenv.hostPlatform.isDarwin then \"/Users/\" else \"/home/\") + config.home.username"))
      if let stateVersion = input.config.stateVersion { attrs.set(["home", "stateVersion"], .string(stateVersion)) }
      attrs.set(["programs", "home-manager", "enable"], .mkDefault(.bool(true)))
      if !host.system.isDarwin, !host.config.nixos {
        // Another distribution: XDG paths and desktop entries, and the host's GPU drivers for
        // GUI applications built against nixpkgs' graphics stack.
        attrs.set(["targets", "genericLinux", "enable"], .bool(true))
        attrs.set(["targets", "genericLinux", "gpu", "enable"], .bool(host.tools.contains { $0.spec.gui }))
      }
      split.add(attrs, host: host.name)
      for package in host.packages { split.addPackage(package, host: host.name) }
    }
    let (config, _) = try split.expression()
    let modules = Renderer.toolModules.map { "./" + $0.1 } + ["./modules/nixvim"]
    let multi = input.hosts.count > 1
    return try templates.render(
      "home.nix",
      [
        // The template itself uses lib (lib.optional, and lib.mkOption for several hosts).
        "arguments": .code(Renderer.arguments(split.references.union(["lib"]))),
        "modules": .list(modules.map { .code($0) }),
        "multiHost": .bool(multi),
        "hostNames": .code(Nix.list(input.hostNames.map(Nix.string)).render()),
        "primaryHost": .text(input.primary.name),
        "config": .code(config),
      ])
  }

  /// What a tool's contribution depends on; hosts with equal keys share one rendering.
  /// What a tool's rendering depends on. Compared, not hashed: hosts that share a setting
  /// share its dictionary, and equal storage compares at once.
  struct RenderKey: Equatable {
    var values: [String: ConfigValue]
    var package: String?
    var mcp: Bool
    var darwin: Bool
    /// Host and user values, only when the tool's fragments use them.
    var context: [String]
  }

  func toolModule(_ group: ToolGroup, _ input: RenderInput) throws(DiagnosticList) -> String {
    var split = HostSplit(hosts: input.hostNames)
    var comments: [String] = []
    // Keyed by catalog entry: a pointer hashes faster than a name.
    var memo: [ObjectIdentifier: [(key: RenderKey, token: Int, attrs: NixAttrs)]] = [:]
    var tokens = 0
    var contextual: [ObjectIdentifier: [String]] = [:]
    for host in input.hosts {
      let (mcpServers, mcpNotes) = group == .ai ? mcpServers(host, catalog: input.catalog) : ([:], [])
      for note in mcpNotes where !comments.contains(note) { comments.append(note) }
      for tool in host.tools where tool.spec.group == group {
        if let reason = tool.addedBecause {
          let note = "\(tool.spec.name) is installed because \(reason)."
          if !comments.contains(note) { comments.append(note) }
        }
        guard let render = tool.spec.render else {
          if let package = tool.package { split.addPackage(package, host: host.name) }
          continue
        }
        let entry = ObjectIdentifier(tool.spec)
        let used: [String]
        if let known = contextual[entry] {
          used = known
        } else {
          used = Renderer.contextPlaceholders(tool.spec)
          contextual[entry] = used
        }
        let key = RenderKey(
          values: tool.values, package: tool.package, mcp: tool.spec.mcp && !mcpServers.isEmpty,
          darwin: tool.spec.renderDarwin != nil || tool.spec.renderLinux != nil ? host.system.isDarwin : false,
          context: used.map { lookup($0, tool: tool, host: host, input: input)?.stringValue ?? "" })
        if let known = memo[entry]?.first(where: { $0.key == key }) {
          split.add(known.attrs, host: host.name, token: known.token)
          if tool.spec.module == nil, let package = tool.package { split.addPackage(package, host: host.name) }
          continue
        }
        var attrs = RenderFragment.render(render) { name in lookup(name, tool: tool, host: host, input: input) }
        if let platform = host.system.isDarwin ? tool.spec.renderDarwin : tool.spec.renderLinux {
          let extra = RenderFragment.render(platform, plain: true) { name in lookup(name, tool: tool, host: host, input: input) }
          for (path, value) in HostSplit.leaves(of: extra, prefix: []) { attrs.set(path, value) }
        }
        if let module = tool.spec.module {
          let modulePath = module.split(separator: ".").map(String.init)
          if let package = tool.package, package != tool.spec.packages?.standard {
            attrs.set(modulePath + ["package"], .mkDefault(.package(package)))
          }
          if key.mcp { attrs.set(modulePath + ["enableMcpIntegration"], .mkDefault(.bool(true))) }
        } else if let package = tool.package {
          split.addPackage(package, host: host.name)
        }
        memo[entry, default: []].append((key, tokens, attrs))
        split.add(attrs, host: host.name, token: tokens, origin: tool.spec.location)
        tokens += 1
      }
      if !mcpServers.isEmpty {
        var attrs = NixAttrs()
        attrs.set(["programs", "mcp", "enable"], .mkDefault(.bool(true)))
        attrs.set(["programs", "mcp", "servers"], ConfigValue.map(mcpServers).nix())
        split.add(attrs, host: host.name)
      }
      for note in host.notes where input.catalog.tools[note.tool]?.group == group && !comments.contains(note.description) {
        comments.append(note.description)
      }
    }
    return try module(ModuleBody(body: try split.body(), comments: comments, references: split.references))
  }

  /// The host and user placeholders a tool's fragments use.
  static func contextPlaceholders(_ tool: ToolSpec) -> [String] {
    var found = Set<String>()
    var stack = [tool.render, tool.renderLinux, tool.renderDarwin].compactMap { $0 }
    while let node = stack.popLast() {
      switch node.content {
      case .scalar:
        if let name = RenderFragment.placeholder(node), RenderFragment.builtinPlaceholders.contains(name) { found.insert(name) }
      case .sequence(let items): stack += items
      case .mapping(let pairs): stack += pairs.map(\.value)
      }
    }
    return found.sorted()
  }

  /// MCP servers of the host's AI CLIs, merged into home-manager's shared list. A server whose
  /// command is a catalog tool the host does not install is left out, with a note: the AI CLI
  /// would fail to start it on every run.
  func mcpServers(_ host: ResolvedHost, catalog: Catalog) -> (servers: [String: ConfigValue], notes: [String]) {
    var servers: [String: ConfigValue] = [:]
    var notes: [String] = []
    for tool in host.tools where tool.spec.mcp {
      for (name, value) in tool.values[ToolSpec.mcpServersOption]?.mapValue ?? [:] where servers[name] == nil {
        if let command = value.mapValue?["command"]?.stringValue, catalog.tools[command] != nil,
          !host.tools.contains(where: { $0.spec.name == command })
        {
          let note = "MCP server '\(name)' is left out on \(host.name): its command \(command) is not installed there."
          if !notes.contains(note) { notes.append(note) }
          continue
        }
        servers[name] = value
      }
    }
    return (servers, notes)
  }

  func lookup(_ name: String, tool: ResolvedTool, host: ResolvedHost, input: RenderInput) -> ConfigValue? {
    switch RenderFragment.Builtin(rawValue: name) {
    case .userName: return input.config.user.name.map(ConfigValue.string)
    case .userEmail: return input.config.user.email.map(ConfigValue.string)
    case .userUsername: return .string(host.config.username)
    case .hostName: return .string(host.name)
    case .hostSystem: return .string(host.system.rawValue)
    case .hostShell: return host.tools.contains { $0.spec.name == "fish" } ? .string("fish") : nil
    case .completionsFish, nil: return tool.values[name] ?? input.extras[name]?()
    }
  }

  /// A module file from its body and comment lines, through the `module.nix` template.
  /// A module's body, its header comments, and the arguments it refers to.
  struct ModuleBody {
    var body: String
    var comments: [String]
    var references: Set<String>
  }

  func module(_ parts: ModuleBody) throws(DiagnosticList) -> String {
    try templates.render(
      "module.nix",
      [
        "comments": .list(parts.comments.map { .code(NixSyntax.comment($0)) }),
        "arguments": .code(Renderer.arguments(parts.references)),
        "body": .code(parts.body),
      ])
  }

  /// The module's argument pattern, naming only what the body refers to (deadnix stays quiet).
  static func arguments(_ references: Set<String>) -> String {
    let names = ["config", "lib", "pkgs"].filter(references.contains)
    return "{ " + (names + ["..."]).joined(separator: ", ") + " }"
  }
}

extension String {
  /// Nix attribute sets for the flake's inline host module, kept on one line when short.
  func replacingNewlines() -> String {
    let collapsed = split(separator: "\n").map { String($0).trimmingWhitespace }.joined(separator: " ")
    return collapsed.count <= 70 ? collapsed : self
  }
}
