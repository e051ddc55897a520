/// Line diffs in unified format (Myers' algorithm), for `pdev diff` and `generate --diff`.
public enum UnifiedDiff {
  public enum Edit: Equatable { case same(String), removed(String), added(String) }

  /// The edit script turning `old` into `new`, line by line. The common head and tail are
  /// matched first, and Myers' search keeps only the diagonals each step can reach, so
  /// memory grows with the square of the edits, not with the lines times the edits.
  public static func edits(_ old: [Substring], _ new: [Substring]) -> [Edit] {
    var head = 0
    while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
    var tail = 0
    while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
    let a = old[head..<(old.count - tail)]
    let b = new[head..<(new.count - tail)]
    return old[..<head].map { .same(String($0)) } + middle(Array(a), Array(b)) + old[(old.count - tail)...].map { .same(String($0)) }
  }

  private static func middle(_ old: [Substring], _ new: [Substring]) -> [Edit] {
    let n = old.count
    let m = new.count
    let max = n + m
    if max == 0 { return [] }
    var v = [Int](repeating: 0, count: 2 * max + 2)
    // trace[d] holds v[max - d - 1 ... max + d + 1] as it was before step d.
    var trace: [[Int]] = []
    outer: for d in 0...max {
      trace.append(Array(v[Swift.max(0, max - d - 1)...Swift.min(v.count - 1, max + d + 1)]))
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
      let slice = trace[d]
      let base = Swift.max(0, max - d - 1)
      func at(_ k: Int) -> Int { slice[max + k - base] }
      let k = x - y
      let prevK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
      let prevX = at(prevK)
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

  /// The text's lines; a last line without its newline is marked as git marks it, so a
  /// change of the final newline shows as a change.
  static func lines(_ text: String) -> [Substring] {
    var result = text.split(separator: "\n", omittingEmptySubsequences: false)
    if result.last == "" {
      result.removeLast()
    } else if let last = result.popLast() {
      // Printed as git prints it: the line, then the marker on a line of its own.
      result.append(Substring(last + "\n\\ No newline at end of file"))
    }
    return result
  }
}
