import Foundation

/// What a generated module defines, read by Nix itself (Tests/Fixtures/nix/inspect.nix).
public struct NixInspection: Sendable {
  public struct Entry: Sendable, Decodable {
    public var path: [String]
    public var value: String?
  }

  public var config: [Entry]
  public var options: [Entry]
  public var packages: [String]

  /// The nixpkgs attributes the module names (`pkgs.NAME`).
  public static func packageNames(in text: String) -> [String] {
    var names = Set<String>()
    var rest = text[...]
    while let range = rest.range(of: "pkgs.") {
      let tail = rest[range.upperBound...]
      let name = tail.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "'" }
      if !name.isEmpty { names.insert(String(name)) }
      rest = tail
    }
    return names.sorted()
  }

  public static func inspect(_ file: String) throws -> NixInspection {
    let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    let packages = packageNames(in: text)
    let list = "[ " + packages.map { "\"\($0)\"" }.joined(separator: " ") + " ]"
    let result = try Validator.run(
      "nix-instantiate",
      [
        "--eval", "--strict", "--json", Repository.fixture("nix/inspect.nix"), "--arg", "file", file, "--arg", "packages",
        list,
      ])
    guard result.status == 0 else {
      throw InspectionFailed(file: file, message: result.err)
    }
    struct Raw: Decodable {
      var config: [Entry]
      var options: [Entry]
    }
    let raw = try JSONDecoder().decode(Raw.self, from: Data(result.out.utf8))
    return NixInspection(config: raw.config, options: raw.options, packages: packages.filter { $0 != "stdenv" })
  }
}

public struct InspectionFailed: Error, CustomStringConvertible {
  public var file: String
  public var message: String
  public var description: String { "nix could not evaluate \(file):\n\(message)" }
}
