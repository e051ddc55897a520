import PdevCore
import PdevKit

struct CompletionsCommand: Command {
  static let spec = CommandSpec(
    name: "completions", summary: "Print shell completions for fish, zsh or bash",
    usage: "pdev completions fish|zsh|bash", flags: [], positionals: 1...1,
    help: """
      Usage: pdev completions fish|zsh|bash

      Print a completion script for your shell: commands, flags, and the names of tools,
      plugins and profiles. The laptop profile installs the fish script for you (the `pdev`
      tool of the catalog). By hand:

        pdev completions fish > ~/.config/fish/completions/pdev.fish
        pdev completions zsh > "${fpath[1]}/_pdev"
        pdev completions bash > ~/.local/share/bash-completion/completions/pdev

      Exit codes: 0 printed; 2 unknown shell.

      """)

  struct Options: CommandOptions {
    enum Shell: String, CaseIterable { case fish, zsh, bash }
    var shell: Shell

    init(_ arguments: ParsedArguments) throws(UsageError) {
      let text = arguments.positionals[0]
      guard let shell = Shell(rawValue: text) else {
        let shells = Shell.allCases.map(\.rawValue)
        throw UsageError(
          message: "no completions for '\(text)'",
          help: EditDistance.didYouMean(text, in: shells) ?? "shells: " + shells.joined(separator: ", "), command: spec)
      }
      self.shell = shell
    }
  }

  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32 {
    let words = try Completions.Words(run)
    switch options.shell {
    case .fish: run.context.stdout.write(Completions.fish(words))
    case .zsh: run.context.stdout.write(Completions.zsh(words))
    case .bash: run.context.stdout.write(Completions.bash(words))
    }
    return ExitCode.success
  }
}

/// Completion scripts built from the command specs, so they follow the commands.
enum Completions {
  struct Words: Sendable {
    var tools: [String]
    var plugins: [String]
    var profiles: [String]
    /// Keys of pdev.yaml, from the schema table.
    var keys: [String]

    init(_ run: RunEnvironment) throws {
      // Every word offered is a catalog-style name ([A-Za-z0-9._-]), inert in fish, zsh and
      // bash whatever the shell expands.
      let catalog = try run.workspace.catalog()
      tools = catalog.tools.keys.sorted().filter(CatalogLoader.isName)
      plugins = catalog.plugins.keys.sorted().filter(CatalogLoader.isName)
      profiles = run.workspace.profiles.names().filter(CatalogLoader.isName)
      keys = ConfigSchema.keys.map(\.path).filter(CatalogLoader.isName)
    }
  }

  /// What a command's first argument completes to.
  static func arguments(of command: String, _ words: Words) -> [String] {
    switch command {
    case "enable", "disable": return words.tools
    case "explain": return words.tools + words.plugins + words.keys + DiagnosticCode.allCases.map(\.code)
    case "list": return ListCommand.kinds
    case "completions": return CompletionsCommand.Options.Shell.allCases.map(\.rawValue)
    case "level": return ["set"]
    default: return []
    }
  }

  static func fish(_ words: Words) -> String {
    var out = "# pdev completions for fish, from `pdev completions fish`.\ncomplete -c pdev -f\n"
    for flag in ArgumentParser.globalFlags {
      out += "complete -c pdev -l \(flag.name)" + (flag.short.map { " -s \($0)" } ?? "") + (flag.value != nil ? " -r -F" : "") + "\n"
    }
    for spec in CLI.specs {
      out += "complete -c pdev -n __fish_use_subcommand -a \(spec.name) -d \(Fish.quoted(spec.summary))\n"
      let condition = Fish.quoted("__fish_seen_subcommand_from \(spec.name)")
      for flag in spec.flags {
        out +=
          "complete -c pdev -n \(condition) -l \(flag.name)" + (flag.short.map { " -s \($0)" } ?? "")
          + (flag.value != nil ? (flag.value == "DIR" ? " -r -a '(__fish_complete_directories)'" : " -r") : "") + "\n"
      }
      let values = arguments(of: spec.name, words)
      if !values.isEmpty {
        out += "complete -c pdev -n \(condition) -a \(Fish.quoted(values.joined(separator: " ")))\n"
      }
    }
    out += "complete -c pdev -n '__fish_seen_subcommand_from init' -l profile -r -a \(Fish.quoted(words.profiles.joined(separator: " ")))\n"
    return out
  }

  static func zsh(_ words: Words) -> String {
    var out = "#compdef pdev\n# pdev completions for zsh, from `pdev completions zsh`.\n\n_pdev() {\n  local -a commands\n  commands=(\n"
    for spec in CLI.specs {
      out += "    '\(spec.name):\(spec.summary.escapingBytes([UInt8(ascii: "'"): "'\\''", UInt8(ascii: ":"): "\\:"]))'\n"
    }
    out += "  )\n  if (( CURRENT == 2 )); then\n    _describe 'command' commands\n    return\n  fi\n  case ${words[2]} in\n"
    for spec in CLI.specs {
      let flags = spec.flags.map { "--" + $0.name } + ArgumentParser.globalFlags.map { "--" + $0.name }
      let values = arguments(of: spec.name, words)
      out += "    \(spec.name)) compadd -- \((values + flags).joined(separator: " ")) ;;\n"
    }
    out += "  esac\n}\n\ncompdef _pdev pdev\n"
    return out
  }

  static func bash(_ words: Words) -> String {
    var out = "# pdev completions for bash, from `pdev completions bash`.\n_pdev() {\n  local cur=${COMP_WORDS[COMP_CWORD]}\n"
    out +=
      "  if (( COMP_CWORD == 1 )); then\n    COMPREPLY=($(compgen -W \"\(CLI.specs.map(\.name).joined(separator: " "))\" -- \"$cur\"))\n    return\n  fi\n"
    out += "  case ${COMP_WORDS[1]} in\n"
    for spec in CLI.specs {
      let flags = spec.flags.map { "--" + $0.name } + ArgumentParser.globalFlags.map { "--" + $0.name }
      out +=
        "    \(spec.name)) COMPREPLY=($(compgen -W \"\((arguments(of: spec.name, words) + flags).joined(separator: " "))\" -- \"$cur\")) ;;\n"
    }
    out += "  esac\n}\ncomplete -F _pdev pdev\n"
    return out
  }
}
