import Testing

@testable import PdevCLI

/// Each command reads typed options decoded from what its spec parsed: every flag the spec
/// declares reaches the options, and nothing else can be asked for.
@Suite struct CommandOptionsTests {
  /// Arguments that make each command's required positionals valid.
  static let positionals: [String: [String]] = [
    "level": ["set", "2"], "explain": ["git"], "enable": ["git"], "disable": ["git"], "new-tool": ["mytool"],
    "completions": ["fish"],
  ]
  /// An optional positional and a value for it that the options keep.
  static let optionalPositional: [String: String] = ["list": "plugins", "rollback": "3"]
  /// Values for flags whose value is checked when decoded.
  static let flagValues: [String: String] = ["group": "git"]

  static func decode<C: Command>(_ command: C.Type, _ arguments: ParsedArguments) throws -> C.Options {
    try C.Options(arguments)
  }

  static func differs<C: Command>(_ command: C.Type, _ base: ParsedArguments, _ changed: ParsedArguments) throws -> Bool {
    try decode(command, base) != decode(command, changed)
  }

  @Test func everyCommandIsCovered() {
    #expect(CLI.specs.map(\.name).sorted() == CommandLineTests.commands.sorted())
  }

  @Test(arguments: CommandLineTests.commands)
  func everyFlagReachesTheOptions(name: String) throws {
    let command = try #require(CLI.commands.first { $0.spec.name == name })
    let spec = command.spec
    var base = ParsedArguments(declared: spec.flags)
    base.positionals = CommandOptionsTests.positionals[name] ?? []
    #expect(spec.positionals.contains(base.positionals.count))
    _ = try CommandOptionsTests.decode(command, base)
    for flag in spec.flags {
      var changed = base
      if flag.value == nil {
        changed.switches.insert(flag.name)
      } else {
        changed.values[flag.name] = CommandOptionsTests.flagValues[flag.name] ?? "some-value"
      }
      #expect(try CommandOptionsTests.differs(command, base, changed), "\(name): --\(flag.name) does not reach the options")
    }
    if let value = CommandOptionsTests.optionalPositional[name] {
      var changed = base
      changed.positionals.append(value)
      #expect(try CommandOptionsTests.differs(command, base, changed), "\(name): its argument does not reach the options")
    } else {
      #expect(spec.positionals.upperBound == base.positionals.count, "\(name): give its optional argument a sample value")
    }
  }

  @Test func readOnlyFlagsAreFlagsOfTheirCommand() {
    for spec in CLI.specs {
      for flag in spec.readOnlyFlags {
        #expect(spec.flags.contains { $0.name == flag && $0.value == nil }, "\(spec.name): --\(flag) is not one of its switches")
      }
    }
  }
}
