import PdevCore
import PdevKit

struct InitCommand: Command {
  static let spec = CommandSpec(
    name: "init", summary: "Detect this machine, write pdev.yaml and render the configuration",
    usage: "pdev init [--profile NAME] [--host NAME] [--system SYS] [--out DIR] [--apply] [--force] [--no-adopt] [--yes]",
    flags: [
      FlagSpec("profile", value: "NAME"), FlagSpec("host", value: "NAME"), FlagSpec("system", value: "SYS"),
      FlagSpec("out", value: "DIR"), FlagSpec("apply"), FlagSpec("force"), FlagSpec("no-adopt"), FlagSpec("yes", short: "y"),
    ],
    positionals: 0...0,
    help: """
      Usage: pdev init [--profile NAME] [--host NAME] [--system SYS] [--out DIR] [--apply] [--force] [--no-adopt] [--yes]

      Set up a fresh machine in one command. pdev detects your name and email (git config),
      user name, host name and system, picks a profile (laptop when a battery is present,
      else dev-only), writes a commented pdev.yaml into $PDEV_CONFIG_HOME, renders the
      configuration, starts your Neovim level at 1, and prints the one command that applies it.

      On a terminal it asks for what it detected, offering the detected value; --yes, or no
      terminal, takes the detected values. An existing pdev.yaml is kept unless --force
      (which saves it next to itself first).

      What the machine already has is carried over, each part under a comment naming where
      it came from: git aliases, fish abbreviations, aliases and functions, Ghostty's config;
      starship.toml and Zellij's config.kdl are kept whole and used from local.nix. What
      cannot be carried is listed. A home-manager configuration already in the output
      directory is saved to $PDEV_STATE_HOME/backups/ and its home.stateVersion kept.

      Flags:
        --profile NAME  laptop, dev-only, server, or a profile of your own
        --host NAME     The host name to use (default: this machine's)
        --system SYS    x86_64-linux, aarch64-linux or aarch64-darwin
        --out DIR       Render into DIR and record it in pdev.yaml (default ~/.config/home-manager)
        --apply         Then apply it as `pdev apply` does (needs Nix)
        --force         Replace an existing pdev.yaml (it is backed up first)
        --no-adopt      Carry nothing over from this machine
        -y, --yes       Do not ask; take the detected values

      Exit codes: 0 done; 1 pdev.yaml exists (use --force), files in the output were refused,
      or the input ended before the questions were answered (nothing is written then);
      2 usage error; 3 invalid input; 4 Nix missing for --apply, its build or switch failed,
      or an I/O error.

      """, effects: [.config, .output, .state, .home])

  struct Answers {
    var name: String
    var email: String
    var username: String
    var host: String
    var system: String
    var profile: String
    /// For a Linux host: whether it runs NixOS; nil when that cannot be told.
    var nixos: Bool?
  }

  /// NixOS says `ID=nixos` in /etc/os-release; any other ID is another distribution.
  static func runsNixOS(_ osRelease: String?) -> Bool? {
    guard let osRelease else { return nil }
    for line in osRelease.split(separator: "\n") where line.hasPrefix("ID=") {
      let id = line.dropFirst(3).filter { $0 != "\"" && $0 != "'" && $0 != " " && $0 != "\r" }
      return id == "nixos"
    }
    return nil
  }

  struct Options: CommandOptions {
    var profile: String?
    var host: String?
    var system: String?
    var out: String?
    var apply: Bool
    var force: Bool
    var adopt: Bool
    var yes: Bool

    init(_ arguments: ParsedArguments) {
      profile = arguments.value("profile")
      host = arguments.value("host")
      system = arguments.value("system")
      out = arguments.value("out")
      apply = arguments.flag("apply")
      force = arguments.flag("force")
      adopt = !arguments.flag("no-adopt")
      yes = arguments.flag("yes")
    }
  }

  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32 {
    let configFile = run.paths.configFile
    let exists = FileIO.kind(configFile) != .missing
    if exists && !options.force {
      run.error(
        .configExists, "\(run.display(configFile)) already exists; pdev init leaves it alone")
      run.context.stderr.line(
        "\(run.errorStyle.help("help:")) run `pdev generate` to render it, or `pdev init --force` to start over (the old file is backed up)"
      )
      return ExitCode.differences
    }
    let catalog = try run.workspace.catalog()
    var answers = try detect(options, run)
    let interactive = run.context.stdinIsTerminal && !options.yes
    if interactive {
      guard let given = ask(answers, run) else {
        run.context.stderr.line("pdev: init stopped at the end of the input; nothing was written")
        return ExitCode.differences
      }
      answers = given
    }
    try validate(answers, run)

    let output = run.workspace.outputDirectory(flag: options.out, config: nil)
    let adoption = Adopter(run: run).gather(output: output, settings: options.adopt)
    try writeConfig(answers, adoption: adoption, output: output, catalog: catalog, replacing: exists, run)

    let replacesEarlierSetup = try saveEarlierSetup(output, run)
    let localLines = try keepFiles(adoption, output: output, run)

    let pipeline = Pipeline(run: run)
    let state = try run.workspace.stateStore.load() ?? LevelState.start(at: run.now)
    let rendered = try pipeline.render(outFlag: options.out, state: state)
    GenerateCommand.report(rendered, run)
    var write = Pipeline.WriteOptions()
    write.note = "init"
    write.force = replacesEarlierSetup
    write.fingerprint = run.workspace.fingerprint(salt: run.fingerprintSalt, files: rendered.result.files)
    let code = try pipeline.write(rendered.result.files, to: rendered.output, options: write) {
      try run.workspace.stateStore.save(state)
    }
    guard code == ExitCode.success else { return code }

    report(adoption, localLines: localLines, output: rendered.output, run)
    return try nextSteps(rendered, answers: answers, apply: options.apply, run)
  }

  /// Renders pdev.yaml from the answers, checks it loads, keeps the file it replaces, and
  /// writes it.
  static func writeConfig(
    _ answers: Answers, adoption: Adoption, output: String, catalog: Catalog, replacing exists: Bool, _ run: RunEnvironment
  ) throws {
    let configFile = run.paths.configFile
    let text = try run.workspace.templates.render(
      "pdev.yaml",
      [
        "name": .text(answers.name), "email": .text(answers.email), "username": .text(answers.username),
        "host": .text(answers.host), "system": .text(answers.system), "profile": .text(answers.profile),
        "otherLinux": .bool(answers.nixos == false),
        "stateVersion": .text(adoption.stateVersion ?? "26.05"), "stateVersionAdopted": .bool(adoption.stateVersion != nil),
        "output": .text(outputSetting(output, run)), "tools": .code(adoption.toolsYAML()),
      ])
    // The new pdev.yaml is validated before it replaces anything.
    var documents = run.workspace.documents
    documents.replacements[configFile] = Array(text.utf8)
    do {
      let loader = ConfigLoader(
        catalog: catalog, documents: documents, profiles: run.workspace.profiles, defaultUsername: run.defaultUsername)
      _ = try loader.load(configFile)
    } catch {
      throw error.unsaved(documents.display(configFile), about: "the pdev.yaml init would write (nothing was written)")
    }
    if exists {
      let bytes = try FileIO.read(configFile, display: run.display(configFile))
      // Never over an earlier backup, even from a run in the same second.
      var backup = configFile + ".backup-" + run.now.iso.replacingAll(":", with: "")
      var n = 1
      while FileIO.kind(backup) != .missing {
        n += 1
        backup = configFile + ".backup-" + run.now.iso.replacingAll(":", with: "") + "-\(n)"
      }
      try AtomicFile.write(bytes, to: backup, display: run.display(backup))
      run.info("Saved your previous pdev.yaml as \(run.display(backup)).")
    }
    try AtomicFile.write(Array(text.utf8), to: configFile, display: run.display(configFile))
    run.info("Wrote \(run.display(configFile)) (profile \(answers.profile), host \(answers.host), \(answers.system)).")
  }

  /// What the user does next: the level, the secrets to create, and the command that applies.
  static func nextSteps(_ rendered: Pipeline.Rendered, answers: Answers, apply: Bool, _ run: RunEnvironment) throws -> Int32 {
    let target = "\(rendered.output)#\(answers.username)@\(answers.host)"
    let tools = Tools(run: run)
    run.result("")
    run.result(
      "Neovim starts at level 1: \(rendered.plan.progression.level(1)?.title ?? ""). See \(run.display(PathText.join(rendered.output, "docs/learning-plan.md")))."
    )
    let secrets = rendered.plan.config.secretFiles
    if !secrets.isEmpty {
      run.result("Secrets stay out of the Nix store: the configuration reads them from these files when a program starts.")
      run.result("Create each privately, then put the secret in it:")
      for path in secrets {
        let full = Paths.absolute(path, cwd: "/", home: run.paths.home)
        let state = FileIO.kind(full) == .missing ? "" : "   (exists)"
        run.result("  mkdir -p \(Shell.quote(PathText.directory(of: path))) && install -m 600 /dev/null \(Shell.quote(path))\(state)")
      }
    }
    if apply {
      return try ApplyCommand.apply(
        output: rendered.output, user: answers.username, host: answers.host, channel: rendered.plan.config.channel, dryRun: false,
        run: run)
    }
    run.result("Next, apply it:")
    run.result("  " + tools.applyInstructions(target: target).joined(separator: "\n  "))
    if PathText.lastComponent(rendered.output) != "" && FileIO.isDirectory(PathText.join(rendered.output, ".git")) {
      run.result("The output is a git repository: `git add local.nix` and the generated files, or the flake will not see them.")
    }
    return ExitCode.success
  }

  /// A home-manager configuration of the user's in the output directory (a flake.nix or
  /// home.nix pdev did not write) is copied whole into the backup store before pdev's
  /// replaces it. True when there was one.
  static func saveEarlierSetup(_ output: String, _ run: RunEnvironment) throws -> Bool {
    let adopter = Adopter(run: run)
    let earlier = ["flake.nix", "home.nix"].contains { name in
      adopter.text(PathText.join(output, name)).map { !$0.hasPrefix("# Generated by pdev") } ?? false
    }
    guard earlier else { return false }
    let folder = try BackupStore(stateHome: run.paths.stateHome).save(
      FileIO.list(output), from: output, stamp: run.now.compact, purpose: "init")
    run.result("Saved the home-manager configuration that was in \(run.display(output)) to \(run.display(folder)).")
    return true
  }

  /// Copies the files adoption keeps whole into the output, and writes local.nix referring
  /// to them when there is none yet. Returns the lines local.nix needs.
  static func keepFiles(_ adoption: Adoption, output: String, _ run: RunEnvironment) throws -> [String] {
    guard !adoption.kept.isEmpty else { return [] }
    for file in adoption.kept {
      let destination = PathText.join(output, file.copy)
      guard FileIO.kind(destination) == .missing else { continue }
      let bytes = try FileIO.read(file.source, display: run.display(file.source))
      try AtomicFile.write(bytes, to: destination, display: run.display(destination))
    }
    let lines = adoption.kept.map(\.nix)
    let local = PathText.join(output, Renderer.localModule)
    let earlier = Adopter(run: run).text(local)
    if earlier == nil {
      let text = try Renderer(templates: run.workspace.templates).localModule(adopted: lines)
      try AtomicFile.write(Array(text.utf8), to: local, display: run.display(local))
    }
    return earlier == nil ? [] : lines
  }

  /// What init carried over, kept, and left, in the user's words.
  static func report(_ adoption: Adoption, localLines: [String], output: String, _ run: RunEnvironment) {
    guard !adoption.isEmpty else { return }
    run.result("")
    if !adoption.sections.isEmpty || adoption.stateVersion != nil {
      run.result("Carried over from this machine into \(run.display(run.paths.configFile)) (each under a comment naming its origin):")
      for section in adoption.sections {
        run.result("  \(section.tool) \(section.option): \(section.values.map(\.key).joined(separator: ", ")) (from \(section.origin))")
      }
      if let version = adoption.stateVersion {
        run.result("  state-version \(version), from the home-manager configuration that was there")
      }
    }
    if !adoption.kept.isEmpty {
      run.result("Kept as they are, copied into \(run.display(output)) and used from local.nix:")
      for file in adoption.kept { run.result("  \(run.display(file.source)) → \(file.copy)") }
      if !localLines.isEmpty {
        run.result("local.nix was there already and pdev never changes it; add these lines to it:")
        for line in localLines { run.result("  \(line)") }
      }
    }
    if !adoption.notAdopted.isEmpty {
      run.result("Not carried over:")
      for line in adoption.notAdopted { run.result("  \(line)") }
    }
  }

  /// How `output` is written in pdev.yaml: `~/…` under the home directory.
  static func outputSetting(_ output: String, _ run: RunEnvironment) -> String {
    let home = run.paths.home.hasSuffix("/") ? run.paths.home : run.paths.home + "/"
    return output.hasPrefix(home) ? "~/" + output.dropFirst(home.count) : output
  }

  static func detect(_ options: Options, _ run: RunEnvironment) throws -> Answers {
    let git = Tools(run: run).path("git")
    func gitConfig(_ key: String) -> String? {
      guard let git, let result = run.context.processes.capture(git, ["config", "--global", "--get", key]), result.status == 0
      else { return nil }
      let value = result.output.trimmingWhitespace
      return value.isEmpty ? nil : value
    }
    let username = run.defaultUsername
    let name = gitConfig("user.name") ?? username
    let email = gitConfig("user.email") ?? "\(username)@example.org"
    let host = options.host ?? sanitizeHost(run.context.hostname)
    let system = options.system ?? run.context.system ?? "x86_64-linux"
    let profile = options.profile ?? (run.context.hasBattery() ? "laptop" : "dev-only")
    // Detected only for this machine: a --system for another platform says nothing of its OS.
    let nixos = system.hasSuffix("-linux") && options.system == nil ? runsNixOS(run.context.osRelease()) : nil
    return Answers(
      name: name, email: email, username: username, host: host, system: system, profile: profile, nixos: nixos)
  }

  static func sanitizeHost(_ name: String) -> String {
    let cleaned = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    return cleaned.isEmpty || !(cleaned.first!.isLetter || cleaned.first!.isNumber) ? "host" : cleaned
  }

  /// Asks on the terminal, each question on a line of its own; a wrong answer is explained
  /// and asked again. nil when the input ends: init stops before writing anything.
  static func ask(_ answers: Answers, _ run: RunEnvironment) -> Answers? {
    var a = answers
    func prompt(_ question: String, _ value: String, check: (String) -> String? = { _ in nil }) -> String? {
      while true {
        run.context.stderr.write("\(question) [\(value)]: ")
        guard let line = run.context.stdin.readLine() else {
          run.context.stderr.line("")
          return nil
        }
        // A terminal echoes the newline; a log of stderr gets one of its own.
        if !run.context.stderrIsTerminal { run.context.stderr.line("") }
        let trimmed = line.trimmingWhitespace
        let answer = trimmed.isEmpty ? value : trimmed
        guard let problem = check(answer) else { return answer }
        run.context.stderr.line(problem)
      }
    }
    let profiles = run.workspace.profiles.names()
    guard let name = prompt("Your name", a.name), let email = prompt("Your email", a.email),
      let profile = prompt(
        "Profile (\(profiles.joined(separator: ", ")))", a.profile,
        check: { answer in
          profiles.contains(answer) || ProfileLocator.isPath(answer)
            ? nil
            : "There is no profile '\(answer)'" + (EditDistance.didYouMean(answer, in: profiles).map { "; \($0)" } ?? ".")
        })
    else { return nil }
    (a.name, a.email, a.profile) = (name, email, profile)
    return a
  }

  static func validate(_ answers: Answers, _ run: RunEnvironment) throws {
    let profiles = run.workspace.profiles.names()
    if !profiles.contains(answers.profile) && !ProfileLocator.isPath(answers.profile) {
      throw UsageError(
        message: "unknown profile '\(answers.profile)'",
        help: EditDistance.didYouMean(answers.profile, in: profiles) ?? "profiles: \(profiles.joined(separator: ", "))", command: spec)
    }
    if System(rawValue: answers.system) == nil {
      throw UsageError(
        message: "unknown system '\(answers.system)'",
        help: EditDistance.didYouMean(answers.system, in: System.allCases.map(\.rawValue))
          ?? "systems: " + System.allCases.map(\.rawValue).joined(separator: ", "), command: spec)
    }
  }
}

/// Finding Nix, home-manager and git, and telling the user how to get them.
struct Tools {
  let run: RunEnvironment

  func path(_ name: String) -> String? {
    run.context.processes.find(name, run.context.environment["PATH"] ?? "/usr/bin:/bin")
  }

  /// The exact commands that apply the configuration on this machine.
  func applyInstructions(target: String) -> [String] {
    let quoted = Shell.quote(target)
    if path("nix") == nil { return NixSetup.installInstructions + ["then: pdev apply"] }
    return [
      "pdev apply", "(it builds \(quoted), saves the files of yours it replaces, and switches; `pdev apply --dry-run` shows the plan)",
    ]
  }
}

/// POSIX shell quoting for commands pdev prints.
enum Shell {
  static func quote(_ text: String) -> String {
    let safe = text.allSatisfy { $0.isLetter || $0.isNumber || "@%+=:,./-_#~".contains($0) }
    return safe && !text.isEmpty ? text : "'" + text.replacingAll("'", with: "'\\''") + "'"
  }
}
