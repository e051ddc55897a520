import Foundation
import PdevCore

/// Paths inside the source checkout, found from this file's location.
public enum Repository {
  public static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  public static func path(_ relative: String) -> String { root + "/" + relative }
  public static func fixture(_ relative: String) -> String { root + "/Tests/Fixtures/" + relative }
  public static func read(_ relative: String) -> String {
    (try? String(contentsOfFile: path(relative), encoding: .utf8)) ?? ""
  }
}
