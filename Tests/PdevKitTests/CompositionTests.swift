import PdevCore
import PdevKit
import Testing

/// Profiles and host entries compose by the rules of the design: maps merge, scalars and
/// lists replace, `false` disables, `null` removes, host entries come last.
@Suite struct CompositionTests {
  func host(_ extra: String, hosts: String? = nil, named name: String? = nil) throws -> ResolvedHost {
    let sandbox = Sandbox()
    sandbox.writeConfig(profile: "laptop", extra: extra, hosts: hosts)
    let all = try resolvedHosts(sandbox)
    return name.flatMap { n in all.first { $0.name == n } } ?? all[0]
  }

  /// A node as text with every location, to compare composed trees exactly.
  static func shape(_ node: YAMLNode?) -> String {
    guard let node else { return "-" }
    switch node.content {
    case .scalar(let text, _): return "\(node.location)=\(text)"
    case .sequence(let items): return "\(node.location)[" + items.map { shape($0) }.joined(separator: ",") + "]"
    case .mapping(let pairs): return "\(node.location){" + pairs.map { "\($0.name):" + shape($0.value) }.joined(separator: ",") + "}"
    }
  }

  /// Reading one path composes only along it, and finds what the whole composed tree holds:
  /// merged maps, removals, replacements, values only the host sets.
  @Test func aPathOfTheComposedTreeIsComposedAlone() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig(
      profile: "laptop",
      extra: """
        tools:
          fish: { functions: { mkcd: "mkdir -p $argv[1]", up: "cd .." } }
          bat: { config: { theme: base16 } }
        """,
      hosts: """
          a: { system: x86_64-linux, tools: { fish: { functions: { mkcd: null, gc: "git commit" } }, bat: false } }
          b: { system: x86_64-linux, tools: { ripgrep: { arguments: [--smart-case] } } }
          c: { system: x86_64-linux }
        """)
    let config = try workspace(sandbox).config(defaultUsername: "ada")
    var compared = 0
    for host in config.hosts {
      let whole = host.tree
      var paths: [[String]] = [[], ["tools"], ["nothing", "here"]]
      for tool in whole["tools"]?.pairs ?? [] {
        paths.append(["tools", tool.name])
        for option in tool.value.pairs ?? [] {
          paths.append(["tools", tool.name, option.name])
          for entry in option.value.pairs ?? [] { paths.append(["tools", tool.name, option.name, entry.name]) }
        }
      }
      paths += [["tools", "fish", "functions", "mkcd"], ["tools", "bat", "config"]]
      for path in paths {
        var walked: YAMLNode? = whole
        for key in path { walked = walked?[key] }
        #expect(
          CompositionTests.shape(host.tree(at: path)) == CompositionTests.shape(walked), "\(host.name): \(path.joined(separator: "."))")
        compared += 1
      }
    }
    #expect(compared > 100)
    let a = try #require(config.hosts.first { $0.name == "a" })
    #expect(a.tree(at: ["tools", "fish", "functions", "mkcd"]) == nil)
    #expect(a.tree(at: ["tools", "fish", "functions", "gc"])?.text == "git commit")
    #expect(a.tree(at: ["tools", "fish", "functions", "up"])?.text == "cd ..")
  }

  @Test func mapsMergeKeyByKey() throws {
    let h = try host("tools:\n  fish:\n    abbreviations: { gp: git push }")
    let abbreviations = h.tool("fish")?.values["abbreviations"]?.mapValue
    #expect(abbreviations?["gp"] == .string("git push"))
    #expect(abbreviations?["g"] == .string("git"))  // from base
  }

  @Test func scalarsReplace() throws {
    let h = try host("tools:\n  fish:\n    init: set -g fish_greeting hi")
    // The profile's `set -g fish_greeting` is gone; the AI CLIs' key bindings come first.
    #expect(h.tool("fish")?.values["init"] == .string(AgentShell.bindings + "\nset -g fish_greeting hi"))
  }

  @Test func listsReplace() throws {
    let h = try host("tools:\n  ripgrep:\n    arguments: [--hidden]")
    #expect(h.tool("ripgrep")?.values["arguments"] == .list([.string("--hidden")]))
  }

  @Test func falseDisablesAndALaterTrueKeepsTheSettings() throws {
    let off = try host("tools:\n  ghostty: false")
    #expect(off.tool("ghostty") == nil)
    let back = try host(
      "tools:\n  ghostty: false", hosts: "  zephyrus: { system: x86_64-linux, tools: { ghostty: true } }")
    #expect(back.tool("ghostty")?.values["settings"]?.mapValue?["font-size"] == .int(13))
  }

  @Test func nullRemoves() throws {
    let h = try host("tools:\n  fish:\n    abbreviations: { g: null }")
    let abbreviations = h.tool("fish")?.values["abbreviations"]?.mapValue
    #expect(abbreviations?["g"] == nil)
    #expect(abbreviations?["ga"] == .string("git add"))
    let gone = try host("tools:\n  zoxide: null")
    #expect(gone.tool("zoxide") == nil)
  }

  @Test func hostEntriesComeLastAndMayUseAnotherProfile() throws {
    let hosts = """
        zephyrus: { system: x86_64-linux }
        vps: { system: x86_64-linux, extends: server, tools: { btop: false } }
      """
    let vps = try host("tools:\n  fish:\n    abbreviations: { gp: git push }", hosts: hosts, named: "vps")
    #expect(vps.tool("claude-code") == nil)  // server: no AI CLIs
    #expect(vps.tool("ghostty") == nil)
    #expect(vps.tool("btop") == nil)
    #expect(vps.tool("fish")?.values["abbreviations"]?.mapValue?["gp"] == .string("git push"))
    #expect(vps.neovim?.plugin("blink-cmp") == nil)  // lean Neovim
  }

  @Test func dependenciesArePulledInWithAReason() throws {
    let h = try host("tools:\n  fzf: true", hosts: nil)
    #expect(h.tool("fd") != nil)
    let sandbox = Sandbox()
    sandbox.writeConfig(profile: "base", extra: "tools:\n  fd: null\n  lazygit: true\nneovim:\n  enable: false")
    let base = try resolvedHosts(sandbox)[0]
    #expect(base.tool("git") != nil)
    #expect(base.tool("fd")?.addedBecause == "fzf needs it")
  }

  @Test func platformUnavailableToolsAreLeftOutWithANote() throws {
    let h = try host("channel: nixos-26.05", hosts: "  old-mac: { system: x86_64-darwin }")
    #expect(h.tool("github-copilot-cli") == nil)
    let note = try #require(h.notes.first { $0.tool == "github-copilot-cli" })
    guard case .unavailable(let platforms) = note.kind else { Issue.record("\(note.kind)"); return }
    #expect(note.leavesOut && !platforms.contains(.x86_64Darwin) && platforms.contains(.aarch64Darwin))
    #expect(note.description.hasPrefix("github-copilot-cli is left out on old-mac (x86_64-darwin)"))
    #expect(h.tool("ghostty")?.package == "ghostty-bin")
  }

  @Test func theBundledProfilesLoadCleanly() throws {
    for profile in ["base", "laptop", "dev-only", "server"] {
      let sandbox = Sandbox()
      sandbox.writeConfig(profile: profile)
      let h = try resolvedHosts(sandbox)[0]
      #expect(!h.tools.isEmpty, "\(profile)")
    }
  }

  @Test func theLaptopProfileCarriesTheWholeBaseline() throws {
    let h = try host("")
    let baseline = [
      "fish", "starship", "ghostty", "zellij", "ripgrep", "fd", "bat", "eza", "fzf", "zoxide", "jq", "yq", "miller", "htop",
      "btop", "procs", "curl", "xh", "doggo", "nix-tree", "nix-diff", "nvd", "nixd", "nixfmt", "statix", "deadnix",
      "git", "delta", "lazygit", "gh", "git-absorb", "git-branchless", "direnv", "claude-code", "github-copilot-cli",
    ]
    for tool in baseline { #expect(h.tool(tool) != nil, "laptop lacks \(tool)") }
    #expect(h.tool("claude-code")?.values["mcp-servers"]?.mapValue?["github"] != nil)
    #expect(h.tool("git")?.values["aliases"]?.mapValue?["co"] == .string("checkout"))
    #expect(h.neovim != nil)
  }

  @Test func theServerAndDevOnlyProfilesDropWhatTheyShould() throws {
    let server = Sandbox()
    server.writeConfig(profile: "server")
    let s = try resolvedHosts(server)[0]
    #expect(s.tool("ghostty") == nil && s.tool("claude-code") == nil && s.tool("github-copilot-cli") == nil)
    #expect(s.neovim!.languages.map(\.name) == ["nix"])
    let dev = Sandbox()
    dev.writeConfig(profile: "dev-only")
    let d = try resolvedHosts(dev)[0]
    #expect(d.tool("ghostty") == nil && d.tool("zellij") != nil && d.neovim != nil)
  }

  /// Every key of pdev.yaml alone (the schema table says which) is refused in a profile by
  /// name; a profile may set a theme.
  @Test func aProfileSaysWhichKeysBelongInPdevYaml() {
    let sandbox = Sandbox()
    sandbox.write(
      sandbox.configHome + "/profiles/team.yaml",
      "version: 1\nextends: laptop\ntheme: nord\ngenerations: 3\nci: github\noutput: ~/x\ncolour: blue\n")
    sandbox.writeConfig(profile: "team")
    let d = diagnostics { _ = try workspace(sandbox).config(defaultUsername: "ada") }
    #expect(
      d.map(\.message) == [
        "'generations' cannot be set in a profile", "'ci' cannot be set in a profile", "'output' cannot be set in a profile",
        "unknown key 'colour' in a profile",
      ])
  }

  @Test func cyclesShowTheChain() {
    let sandbox = Sandbox()
    sandbox.write(sandbox.configHome + "/profiles/a.yaml", "version: 1\nextends: b\n")
    sandbox.write(sandbox.configHome + "/profiles/b.yaml", "version: 1\nextends: a\n")
    sandbox.writeConfig(profile: "a")
    let d = diagnostics { _ = try workspace(sandbox).config(defaultUsername: "ada") }
    #expect(d.first?.message == "extends forms a cycle")
    #expect(d.first?.notes == ["chain: pdev.yaml → profiles/a.yaml → profiles/b.yaml → profiles/a.yaml"])
  }

  @Test func didYouMeanCoversKeysToolsPluginsAndProfiles() {
    let sandbox = Sandbox()
    sandbox.writeConfig(profile: "laptpo", extra: "tools:\n  zoxid: true\nneovim:\n  plugins: { harpon: true }\nstate-verison: x")
    let help = diagnostics { _ = try workspace(sandbox).config(defaultUsername: "ada") }.compactMap(\.help)
    #expect(help.contains("did you mean 'laptop'?"))
    #expect(help.contains("did you mean 'zoxide'?"))
    #expect(help.contains("did you mean 'harpoon'?"))
    #expect(help.contains("did you mean 'state-version'?"))
  }

  @Test func secretFilesBecomeFileReferencesUnderTheHomeDirectory() throws {
    let h = try host("")
    let server = h.tool("claude-code")!.values["mcp-servers"]!.mapValue!["github"]!.mapValue!
    #expect(server["env"]?.mapValue?["GITHUB_PERSONAL_ACCESS_TOKEN"] == .secretFile("~/.config/secrets/github-token"))
    #expect(
      ConfigValue.secretFile("~/.config/secrets/x").nix().render()
        == "{\n  file = \"${config.home.homeDirectory}/.config/secrets/x\";\n}")
  }

  @Test(arguments: [
    ("GITHUB_TOKEN", true), ("apiKey", true), ("db-password", true), ("OPENAI_API_KEY", true), ("GITHUB_PAT", true),
    ("keybind", false), ("max_tokens", false), ("keymap", false), ("path", false), ("monkey", false),
  ])
  func secretLookingKeys(key: String, secret: Bool) {
    #expect(SecretRules.looksSecret(key) == secret)
  }

  @Test(arguments: [
    ("ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", true), ("sk-ant-api03-abcdefghijklmnopqrstuvwxyz", true),
    ("AKIAIOSFODNN7EXAMPLE", true), ("-----BEGIN OPENSSH PRIVATE KEY-----\nabc", true), ("git status -sb", false),
    ("sk-short", false), ("catppuccin-mocha", false),
  ])
  func tokenShapedValues(value: String, token: Bool) {
    #expect(SecretRules.looksLikeToken(value) == token)
  }

  /// The configuration reference's own fleet: settings written for the laptops do not turn
  /// tools on for the server that extends another profile, and its AI CLI settings bring no
  /// MCP server there.
  @Test func settingsFollowTheirProfile() throws {
    let sandbox = Sandbox()
    sandbox.writeConfigurationReferenceExample()
    let hosts = try resolvedHosts(sandbox)
    let vps = try #require(hosts.first { $0.name == "vps" })
    let zephyrus = try #require(hosts.first { $0.name == "zephyrus" })
    #expect(vps.tool("ghostty") == nil)
    #expect(vps.tool("claude-code") == nil)
    #expect(vps.config.tools["ghostty"]?.configuredOnly == true)
    #expect(vps.tool("fish")?.values["abbreviations"]?.mapValue?["gp"] == .string("git push"))
    #expect(zephyrus.tool("ghostty")?.values["settings"]?.mapValue?["font-size"] == .int(14))
    #expect(zephyrus.tool("claude-code")?.values["mcp-servers"]?.mapValue?["github"] != nil)
  }

  @Test func aToolTurnedOnAtTheTopLevelIsOnEveryHost() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig(
      extra: "tools:\n  atuin: true\n  ghostty: { enable: true, settings: { font-size: 12 } }",
      hosts: "  zephyrus: { system: x86_64-linux }\n  vps: { system: x86_64-linux, extends: server }")
    let vps = try #require(try resolvedHosts(sandbox).first { $0.name == "vps" })
    #expect(vps.tool("atuin") != nil)
    #expect(vps.tool("ghostty")?.values["settings"]?.mapValue?["font-size"] == .int(12))
  }
}
