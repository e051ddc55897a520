import Foundation
import Testing

/// The code stays easy to read: no Swift file under Sources/ grows past 400 lines.
@Suite struct SourceShapeTests {
  @Test func noSourceFileIsLongerThan400Lines() throws {
    let files = try Repository.swiftFiles(under: "Sources")
    for file in files {
      let lines = Repository.read(file).split(separator: "\n", omittingEmptySubsequences: false).count - 1
      #expect(lines <= 400, "\(file) has \(lines) lines; split it by concern")
    }
    #expect(files.count > 50)
  }
}
