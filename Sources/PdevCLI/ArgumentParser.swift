import PdevCore

/// A flag a command accepts: `--name` (boolean) or `--name VALUE`.
struct FlagSpec: Sendable {
  var name: String
  var short: Character?
  /// The value's placeholder, such as DIR; nil for a boolean flag.
  var value: String?

  init(_ name: String, short: Character? = nil, value: String? = nil) {
    self.name = name
    self.short = short
    self.value = value
  }
}

/// A command's name, flags, positional arguments and literal help text.
struct CommandSpec: Sendable {
  var name: String
  var summary: String
  var usage: String
  var flags: [FlagSpec]
  var positionals: ClosedRange<Int>
  var help: String
  /// What the command may change; a run writes nowhere else (the effects tests hold it).
  var effects: Effects = []
  /// Flags that make a run change nothing (`--check`, `--dry-run`).
  var readOnlyFlags: [String] = []

  /// What a run with `arguments` may change.
  func effects(for arguments: ParsedArguments) -> Effects {
    readOnlyFlags.contains(where: arguments.flag) ? [] : effects
  }
}

/// Where a command may write.
struct Effects: OptionSet, Sendable {
  let rawValue: Int
  /// The output directory and its generations (in the state directory).
  static let output = Effects(rawValue: 1)
  /// pdev.yaml and the user's own catalog, profiles and templates.
  static let config = Effects(rawValue: 2)
  /// The level state, backups and caches in the state directory.
  static let state = Effects(rawValue: 4)
  /// The user's home outside pdev's folders: switching home-manager, adopted dotfiles.
  static let home = Effects(rawValue: 8)
}

struct ParsedArguments: Sendable {
  /// The flags the spec declares: only these can be asked for.
  var declared: [FlagSpec]
  var values: [String: String] = [:]
  var switches: Set<String> = []
  var positionals: [String] = []

  init(declared: [FlagSpec]) { self.declared = declared }

  func flag(_ name: String) -> Bool {
    precondition(declared.contains { $0.name == name && $0.value == nil }, "--\(name) is not a switch of this command")
    return switches.contains(name)
  }

  func value(_ name: String) -> String? {
    precondition(declared.contains { $0.name == name && $0.value != nil }, "--\(name) is not a flag with a value here")
    return values[name]
  }
}

/// A command's flags and arguments as typed values, decoded from what its spec parsed. A
/// command reads its options, never the parsed strings; a test decodes each command's
/// options with each of its flags and checks that every flag changes them.
protocol CommandOptions: Equatable, Sendable {
  init(_ arguments: ParsedArguments) throws(UsageError)
}

/// The options of a command whose only flag is `--out DIR`.
struct OutputOption: CommandOptions {
  var out: String?

  init(_ arguments: ParsedArguments) { out = arguments.value("out") }
}

struct UsageError: Error {
  var message: String
  var help: String?
  var command: CommandSpec?
}

struct Invocation {
  var global: ParsedArguments
  var command: CommandSpec?
  var arguments: ParsedArguments
}

/// argv → global flags, a command and its arguments. Global flags may come before or after
/// the command; `--` ends flags; `--x v` and `--x=v` both work.
enum ArgumentParser {
  static let globalFlags = [
    FlagSpec("config", value: "FILE"), FlagSpec("quiet", short: "q"), FlagSpec("verbose", short: "v"),
    FlagSpec("no-color"), FlagSpec("help", short: "h"), FlagSpec("version"),
  ]

  static func parse(_ arguments: [String], commands: [CommandSpec]) throws(UsageError) -> Invocation {
    var global = ParsedArguments(declared: globalFlags)
    var local = ParsedArguments(declared: [])
    var command: CommandSpec?
    var onlyPositionals = false
    var index = 0

    func take(_ spec: FlagSpec, inline: String?, into parsed: inout ParsedArguments, display: String) throws(UsageError) {
      if spec.value == nil {
        if inline != nil {
          throw UsageError(message: "\(display) does not take a value", help: nil, command: command)
        }
        parsed.switches.insert(spec.name)
        return
      }
      var value = inline
      if value == nil {
        index += 1
        guard index < arguments.count else {
          throw UsageError(message: "\(display) needs a value (\(spec.value!))", help: nil, command: command)
        }
        value = arguments[index]
      }
      // An empty value (`--out ''`) would quietly mean the current directory or nothing.
      guard let value, !value.isEmpty else {
        throw UsageError(message: "\(display) needs a value (\(spec.value!)), and it is empty", help: nil, command: command)
      }
      parsed.values[spec.name] = value
    }

    while index < arguments.count {
      let argument = arguments[index]
      if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
        if command == nil && !onlyPositionals {
          guard let found = commands.first(where: { $0.name == argument }) else {
            throw UsageError(
              message: "unknown command '\(argument)'",
              help: EditDistance.didYouMean(argument, in: commands.map(\.name)) ?? "run 'pdev --help' to see the commands",
              command: nil)
          }
          command = found
          local.declared = found.flags
        } else {
          local.positionals.append(argument)
        }
      } else if argument == "--" {
        onlyPositionals = true
      } else if argument.hasPrefix("--") {
        let body = argument.dropFirst(2)
        let name = String(body.prefix { $0 != "=" })
        let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
        if let spec = command?.flags.first(where: { $0.name == name }) {
          try take(spec, inline: inline, into: &local, display: "--\(name)")
        } else if let spec = globalFlags.first(where: { $0.name == name }) {
          try take(spec, inline: inline, into: &global, display: "--\(name)")
        } else {
          let known = ((command?.flags ?? []) + globalFlags).map { "--" + $0.name }
          throw UsageError(
            message: "unknown flag '--\(name)'" + (command.map { " for '\($0.name)'" } ?? ""),
            help: EditDistance.didYouMean("--" + name, in: known), command: command)
        }
      } else {
        // One or more short flags: -q, -qv.
        for (offset, letter) in argument.dropFirst().enumerated() {
          let spec = command?.flags.first(where: { $0.short == letter }) ?? globalFlags.first(where: { $0.short == letter })
          guard let spec else {
            throw UsageError(message: "unknown flag '-\(letter)'", help: nil, command: command)
          }
          if spec.value != nil && offset < argument.count - 2 {
            throw UsageError(message: "-\(letter) needs a value and must come last in '\(argument)'", help: nil, command: command)
          }
          let isGlobal = globalFlags.contains { $0.name == spec.name }
          if isGlobal {
            try take(spec, inline: nil, into: &global, display: "-\(letter)")
          } else {
            try take(spec, inline: nil, into: &local, display: "-\(letter)")
          }
        }
      }
      index += 1
    }

    if let command, !global.flag("help") {
      let count = local.positionals.count
      if count < command.positionals.lowerBound {
        throw UsageError(message: "'\(command.name)' needs more arguments", help: nil, command: command)
      }
      if count > command.positionals.upperBound {
        let extra = local.positionals[command.positionals.upperBound]
        throw UsageError(message: "unexpected argument '\(extra)'", help: nil, command: command)
      }
    }
    return Invocation(global: global, command: command, arguments: local)
  }
}
