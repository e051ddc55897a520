import PdevCore

extension ConfigValue {
  /// This value as a Lua table or scalar, for a `setup()` call pdev writes itself. Secret
  /// references have no place in Lua code and become `nil`.
  var lua: Lua {
    switch self {
    case .null, .secretFile, .secretEnv: return .nil
    case .bool(let b): return .bool(b)
    case .int(let i): return .integer(i)
    case .float(let f): return .number(f)
    case .string(let s): return .string(s)
    case .list(let items): return .list(items.map(\.lua))
    case .map(let m): return .table(m.mapValues(\.lua))
    }
  }
}
