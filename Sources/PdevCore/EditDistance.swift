/// Damerau–Levenshtein distance (optimal string alignment) and did-you-mean suggestions.
public enum EditDistance {
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased().unicodeScalars)
    let b = Array(b.lowercased().unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }

  /// The closest candidate within a distance that scales with the word's length, if any.
  public static func suggestion(for word: String, in candidates: some Sequence<String>) -> String? {
    let limit = max(1, min(3, (word.count + 2) / 3))
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let d = distance(word, candidate)
      if d <= limit, best == nil || d < best!.distance || (d == best!.distance && candidate < best!.name) {
        best = (candidate, d)
      }
    }
    return best?.name
  }

  /// "did you mean 'x'?" or nil.
  public static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String? {
    suggestion(for: word, in: candidates).map { "did you mean '\($0)'?" }
  }
}
