/// Line diffs in unified format (Myers' algorithm), for `pdev diff` and `generate --diff`.
public enum UnifiedDiff {
  public enum Edit: Equatable { case same(String), removed(String), added(String) }

  /// The edit script turning `old` into `new`, line by line.
  public static func edits(_ old: [Substring], _ new: [Substring]) -> [Edit] {
    let n = old.count
    let m = new.count
    let max = n + m
    if max == 0 { return [] }
    var v = [Int](repeating: 0, count: 2 * max + 2)
    var trace: [[Int]] = []
    outer: for d in 0...max {
      trace.append(v)
      for k in stride(from: -d, through: d, by: 2) {
        var x: Int
        if k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) {
          x = v[max + k + 1]
        } else {
          x = v[max + k - 1] + 1
        }
        var y = x - k
        while x < n, y < m, old[x] == new[y] {
          x += 1
          y += 1
        }
        v[max + k] = x
        if x >= n, y >= m { break outer }
      }
    }
    var edits: [Edit] = []
    var x = n
    var y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let v = trace[d]
      let k = x - y
      let prevK = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? k + 1 : k - 1
      let prevX = v[max + prevK]
      let prevY = prevX - prevK
      while x > prevX, y > prevY {
        edits.append(.same(String(old[x - 1])))
        x -= 1
        y -= 1
      }
      if d > 0 {
        if x == prevX {
          edits.append(.added(String(new[y - 1])))
        } else {
          edits.append(.removed(String(old[x - 1])))
        }
      }
      x = prevX
      y = prevY
    }
    return edits.reversed()
  }

  /// A unified diff with `context` lines around changes; empty when the texts are equal.
  public static func render(old: String, new: String, oldName: String, newName: String, context: Int = 3, style: TextStyle = .plain)
    -> String
  {
    if old == new { return "" }
    let a = lines(old)
    let b = lines(new)
    let script = edits(a, b)
    var out = style.bold("--- \(oldName)") + "\n" + style.bold("+++ \(newName)") + "\n"
    // Group edits into hunks.
    var index = 0
    var oldLine = 1
    var newLine = 1
    var positions: [(Edit, Int, Int)] = []
    for edit in script {
      positions.append((edit, oldLine, newLine))
      switch edit {
      case .same: oldLine += 1; newLine += 1
      case .removed: oldLine += 1
      case .added: newLine += 1
      }
    }
    while index < positions.count {
      guard let start = positions[index...].firstIndex(where: { if case .same = $0.0 { return false } else { return true } }) else { break }
      var end = start
      var last = start
      while end < positions.count {
        if case .same = positions[end].0 {
          if end - last > 2 * context { break }
        } else {
          last = end
        }
        end += 1
      }
      let from = Swift.max(start - context, index == 0 ? 0 : index)
      let to = Swift.min(last + context + 1, positions.count)
      let hunk = positions[from..<to]
      let oldStart = hunk.first!.1
      let newStart = hunk.first!.2
      let oldCount = hunk.filter { if case .added = $0.0 { return false } else { return true } }.count
      let newCount = hunk.filter { if case .removed = $0.0 { return false } else { return true } }.count
      out += style.header("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@") + "\n"
      for (edit, _, _) in hunk {
        switch edit {
        case .same(let s): out += " " + s + "\n"
        case .removed(let s): out += style.removed("-" + s) + "\n"
        case .added(let s): out += style.added("+" + s) + "\n"
        }
      }
      index = to
    }
    return out
  }

  static func lines(_ text: String) -> [Substring] {
    var result = text.split(separator: "\n", omittingEmptySubsequences: false)
    if result.last == "" { result.removeLast() }
    return result
  }
}
