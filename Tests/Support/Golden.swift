import Foundation

/// Golden files under Tests/Fixtures/golden. `PDEV_RECORD=1 swift test` rewrites them and
/// still fails, so a green run never comes from recording.
public enum Golden {
  public static var recording: Bool { ProcessInfo.processInfo.environment["PDEV_RECORD"] == "1" }

  /// nil when `actual` matches the golden file; otherwise a message with the first difference.
  public static func mismatch(_ actual: String, _ name: String) -> String? {
    let path = Repository.fixture("golden/" + name)
    if recording {
      try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try? actual.write(toFile: path, atomically: true, encoding: .utf8)
      return "recorded \(name) (PDEV_RECORD=1 always fails; run again without it)"
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
      return "no golden file \(name); record it with PDEV_RECORD=1 swift test"
    }
    if expected == actual { return nil }
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, b.count) {
      let x = i < a.count ? String(a[i]) : "<end>"
      let y = i < b.count ? String(b[i]) : "<end>"
      if x != y { return "\(name) differs at line \(i + 1):\n  golden: \(x)\n  actual: \(y)" }
    }
    return "\(name) differs"
  }

  /// Checks a whole directory tree against golden/NAME/.
  public static func treeMismatches(_ files: [String: String], _ name: String) -> [String] {
    var problems: [String] = []
    let directory = Repository.fixture("golden/" + name)
    if !recording, let existing = FileManager.default.enumerator(atPath: directory) {
      while let relative = existing.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue,
          files[relative] == nil
        {
          problems.append("\(name)/\(relative) is golden but was not generated")
        }
      }
    }
    for (relative, text) in files.sorted(by: { $0.key < $1.key }) {
      if let problem = mismatch(text, name + "/" + relative) { problems.append(problem) }
    }
    return problems
  }
}
