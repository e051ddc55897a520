/// Which module arguments a Nix value needs.
extension Nix {
  /// The names of the module arguments this value refers to (`config`, `lib`, `pkgs`…), read
  /// from the expressions pdev composed; strings, which may hold anything, refer to none.
  public var references: Set<String> {
    switch self {
    case .null, .bool, .int, .float, .string: return []
    case .interpolated(let parts):
      var names = Set<String>()
      for case .expr(let e) in parts { names.formUnion(NixSyntax.roots(of: e)) }
      return names
    case .list(let items): return items.reduce(into: Set<String>()) { $0.formUnion($1.references) }
    case .attrs(let attrs): return attrs.entries.values.reduce(into: Set<String>()) { $0.formUnion($1.references) }
    case .expr(let e): return NixSyntax.roots(of: e)
    case .apply(let function, let argument): return NixSyntax.roots(of: function).union(argument.references)
    }
  }
}

extension NixSyntax {
  /// Identifiers that start an attribute path (`lib` in `lib.getExe x`) in an expression pdev
  /// wrote, outside its string literals.
  static func roots(of expression: String) -> Set<String> {
    let bytes = Array(expression.utf8)
    var names = Set<String>()
    var i = 0
    var inString = false
    while i < bytes.count {
      let b = bytes[i]
      if inString {
        if b == 0x5C {  // an escape such as \" inside a string
          i += 2
          continue
        }
        if b == 0x24, i + 1 < bytes.count, bytes[i + 1] == 0x7B {  // ${ … } is code again
          var depth = 1
          var j = i + 2
          while j < bytes.count, depth > 0 {
            if bytes[j] == 0x7B { depth += 1 } else if bytes[j] == 0x7D { depth -= 1 }
            j += 1
          }
          names.formUnion(roots(of: String(decoding: bytes[(i + 2)..<max(i + 2, j - 1)], as: UTF8.self)))
          i = j
          continue
        }
        if b == 0x22 { inString = false }
        i += 1
        continue
      }
      if b == 0x22 {
        inString = true
        i += 1
        continue
      }
      // Not the middle of a name or of an attribute path (`x.lib.y`).
      let startsWord = i == 0 || !(isNameByte(bytes[i - 1]) || bytes[i - 1] == 0x2E)
      if startsWord, isLetter(b) || b == 0x5F {
        var j = i
        while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
        if j < bytes.count, bytes[j] == 0x2E { names.insert(String(decoding: bytes[i..<j], as: UTF8.self)) }
        i = j
        continue
      }
      i += 1
    }
    return names
  }
}
