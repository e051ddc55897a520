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

  /// The Swift files under a folder of the checkout, as paths relative to the root.
  public static func swiftFiles(under folder: String) throws -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: path(folder)) else {
      throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path(folder)])
    }
    return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map { folder + "/" + $0 }
  }
}
