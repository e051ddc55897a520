import PdevCore
import PdevKit

struct ApplyCommand: Command {
  static let spec = CommandSpec(name: "apply", summary: "", usage: "pdev apply", flags: [], positionals: 0...0, help: "")
  static func run(_ arguments: ParsedArguments, _ run: RunEnvironment) throws -> Int32 { try unavailable(spec.name) }
  static func switchNow(target: String, run: RunEnvironment, tools: Tools) throws -> Int32 { try unavailable("init --apply") }
}
struct DoctorCommand: Command {
  static let spec = CommandSpec(name: "doctor", summary: "", usage: "", flags: [], positionals: 0...0, help: "")
  static func run(_ arguments: ParsedArguments, _ run: RunEnvironment) throws -> Int32 { try unavailable(spec.name) }
}
struct EnableCommand: Command {
  static let spec = CommandSpec(name: "enable", summary: "", usage: "", flags: [], positionals: 1...1, help: "")
  static func run(_ arguments: ParsedArguments, _ run: RunEnvironment) throws -> Int32 { try unavailable(spec.name) }
}
struct DisableCommand: Command {
  static let spec = CommandSpec(name: "disable", summary: "", usage: "", flags: [], positionals: 1...1, help: "")
  static func run(_ arguments: ParsedArguments, _ run: RunEnvironment) throws -> Int32 { try unavailable(spec.name) }
}
struct RollbackCommand: Command {
  static let spec = CommandSpec(name: "rollback", summary: "", usage: "", flags: [], positionals: 0...1, help: "")
  static func run(_ arguments: ParsedArguments, _ run: RunEnvironment) throws -> Int32 { try unavailable(spec.name) }
}
struct NewToolCommand: Command {
  static let spec = CommandSpec(name: "new-tool", summary: "", usage: "", flags: [], positionals: 1...1, help: "")
  static func run(_ arguments: ParsedArguments, _ run: RunEnvironment) throws -> Int32 { try unavailable(spec.name) }
}
struct CompletionsCommand: Command {
  static let spec = CommandSpec(name: "completions", summary: "", usage: "", flags: [], positionals: 1...1, help: "")
  static func run(_ arguments: ParsedArguments, _ run: RunEnvironment) throws -> Int32 { try unavailable(spec.name) }
}

/// Commands of later work items: they say so instead of pretending to succeed.
func unavailable(_ name: String) throws -> Int32 {
  throw DiagnosticList([.error("'pdev \(name)' is not available in this build yet")], kind: .environment)
}
