import Foundation
import Testing

/// The code stays easy to read: no Swift file under Sources/ grows past 400 lines.
@Suite struct SourceShapeTests {
  @Test func noSourceFileIsLongerThan400Lines() throws {
    let root = Repository.path("Sources")
    let walker = try #require(FileManager.default.enumerator(atPath: root))
    var checked = 0
    while let relative = walker.nextObject() as? String {
      guard relative.hasSuffix(".swift") else { continue }
      let lines = Repository.read("Sources/" + relative).split(separator: "\n", omittingEmptySubsequences: false).count - 1
      #expect(lines <= 400, "Sources/\(relative) has \(lines) lines; split it by concern")
      checked += 1
    }
    #expect(checked > 50)
  }
}
