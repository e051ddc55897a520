import Foundation

// Touch Foundation the way pdev's start-up does: the environment and the working directory.
let name = ProcessInfo.processInfo.environment["USER"] ?? "world"
print("hello, \(name) from \(FileManager.default.currentDirectoryPath)")
