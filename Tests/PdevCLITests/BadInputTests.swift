import Foundation
import PdevCore
import Testing

@testable import PdevTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Malformed and hostile input: each case must end in a clear, located error with the right
/// exit code, and leave every byte in the sandbox as it was.
@Suite struct BadInputTests {
  /// One hostile input: the files it puts in the config home, how pdev is run, and what the
  /// user must be told.
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    /// Files under the config home; pdev.yaml defaults to a valid configuration.
    var files: [String: [UInt8]] = [:]
    /// Anything files cannot say: symlinks, FIFOs, directories, modes.
    var setup: (@Sendable (Sandbox) -> Void)? = nil
    var arguments: [String] = ["generate"]
    var code: Int32 = 3
    /// Text the message must contain.
    var message: String
    /// Where the first error must point (`file:line:column:`), when the input has a place.
    var location: String? = nil
    var testDescription: String { name }
  }

  static let header = """
    version: 1
    extends: laptop
    user: { name: Ada Lovelace, email: ada@example.org, username: ada }
    hosts:
      zephyrus: { system: x86_64-linux }
    state-version: "26.05"

    """

  static func config(_ rest: String = "") -> [String: [UInt8]] { ["pdev.yaml": Array((header + rest).utf8)] }

  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  static func bytes2(_ text: String) -> [String: [UInt8]] { ["pdev.yaml": Array(text.utf8)] }

  static let cases: [Case] = [
    // The YAML itself.
    Case(
      name: "deeply nested flow sequences", files: config("tools: " + String(repeating: "[", count: 10_000)),
      message: "nesting is deeper than 100 levels", location: "pdev.yaml:7:"),
    Case(
      name: "deeply nested flow mappings",
      files: config("packages: " + String(repeating: "{a: ", count: 5_000) + "1" + String(repeating: "}", count: 5_000)),
      message: "nesting is deeper than 100 levels", location: "pdev.yaml:7:"),
    Case(
      name: "deeply nested block mappings",
      files: config("tools:\n" + (1...300).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1"),
      message: "nesting is deeper than 100 levels", location: "pdev.yaml:"),
    Case(
      name: "a 1 MiB scalar", files: config("tools:\n  git: { aliases: { co: \"" + String(repeating: "x", count: 1 << 20) + "\" } }"),
      message: "longer than pdev accepts", location: "pdev.yaml:8:"),
    Case(
      name: "a file over 4 MiB", files: config(String(repeating: "# padding padding padding padding padding padding\n", count: 100_000)),
      message: "too large"),
    Case(
      name: "a raw NUL byte", files: ["pdev.yaml": bytes(header) + bytes("tools:\n  fi") + [0] + bytes("sh: true\n")],
      message: "control character U+0000 is not allowed in YAML", location: "pdev.yaml:8:5:"),
    Case(
      name: "a key with an escaped NUL", files: config("tools:\n  \"rip\\0grep\": true\n"),
      message: "unknown tool 'rip\\0grep'", location: "pdev.yaml:8:3:"),
    Case(
      name: "invalid UTF-8", files: ["pdev.yaml": bytes(header) + bytes("user: { name: Ad") + [0xC3, 0x28] + bytes(" }\n")],
      message: "not valid UTF-8", location: "pdev.yaml:7:17:"),
    Case(
      name: "a UTF-16 file with a byte-order mark",
      files: ["pdev.yaml": [0xFF, 0xFE] + Array(header.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }],
      message: "is UTF-16", location: "pdev.yaml:1:1:"),
    Case(
      name: "a UTF-8 byte-order mark before a mistake",
      files: ["pdev.yaml": [0xEF, 0xBB, 0xBF] + bytes(header.replacingOccurrences(of: "extends: laptop", with: "extends: lapto"))],
      message: "unknown profile 'lapto'", location: "pdev.yaml:2:10:"),
    Case(
      name: "CRLF line ends before a mistake",
      files: ["pdev.yaml": bytes((header + "tools:\n  ripgre: true\n").replacingOccurrences(of: "\n", with: "\r\n"))],
      message: "unknown tool 'ripgre'", location: "pdev.yaml:8:3:"),
    Case(
      name: "a billion laughs",
      files: config(
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
          + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
          + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"),
      message: "alias", location: "pdev.yaml:"),
    Case(
      name: "an undefined alias", files: config("packages: *nowhere\n"), message: "unknown alias '*nowhere'", location: "pdev.yaml:7:"),
    Case(
      name: "a custom tag", files: config("packages: !!python/object:os.system [rm]\n"), message: "tag",
      location: "pdev.yaml:7:"),
    Case(name: "a complex key", files: config("tools:\n  ? [a, b]\n  : true\n"), message: "key", location: "pdev.yaml:8:"),
    Case(name: "a null key", files: config("tools:\n  ~: true\n"), message: "unknown tool '~'", location: "pdev.yaml:8:"),
    Case(
      name: "a key duplicated through quoting", files: config("tools:\n  fish: true\n  \"fish\": false\n"),
      message: "duplicate key 'fish'", location: "pdev.yaml:9:3:"),
    Case(
      name: "content after a document end marker", files: config("...\ntools: {}\n"), message: "document",
      location: "pdev.yaml:"),

    // YAML 1.1 readings and numbers.
    Case(
      name: "on for a boolean", files: config("tools:\n  eza: { git: on }\n"), message: "expected true or false, found 'on'",
      location: "pdev.yaml:8:15:"),
    Case(
      name: "no for a boolean", files: config("tools:\n  bat: { enable: no }\n"), message: "found 'no'",
      location: "pdev.yaml:8:18:"),
    Case(
      name: "an octal-looking number", files: config("generations: 0755\n"), message: "ambiguous number '0755'",
      location: "pdev.yaml:7:14:"),
    Case(
      name: "an invalid octal-looking number", files: config("generations: 089\n"), message: "ambiguous number '089'",
      location: "pdev.yaml:7:14:"),
    Case(
      name: "a sexagesimal number", files: config("generations: 1:30\n"), message: "generations",
      location: "pdev.yaml:7:14:"),
    Case(
      name: "a number too large for 64 bits", files: config("generations: 99999999999999999999999\n"),
      message: "generations", location: "pdev.yaml:7:14:"),
    Case(name: "a negative count", files: config("generations: -1\n"), message: "generations", location: "pdev.yaml:7:14:"),
    Case(name: "a float for a count", files: config("generations: 1e3\n"), message: "generations", location: "pdev.yaml:7:14:"),
    Case(
      name: "version given as a string", files: ["pdev.yaml": bytes(header.replacingOccurrences(of: "version: 1", with: "version: \"1\""))],
      message: "version must be a number, found the string '1'", location: "pdev.yaml:1:10:"),
    Case(
      name: "version given as a float", files: ["pdev.yaml": bytes(header.replacingOccurrences(of: "version: 1", with: "version: 1.0"))],
      message: "version", location: "pdev.yaml:1:10:"),
    Case(
      name: "a version from the future",
      files: ["pdev.yaml": bytes(header.replacingOccurrences(of: "version: 1", with: "version: 99999999999"))],
      message: "version", location: "pdev.yaml:1:10:"),

    // Shapes and names pdev would have to write into Nix.
    Case(name: "a list where a mapping belongs", files: config("user: [a, b]\n"), message: "user", location: "pdev.yaml:"),
    Case(
      name: "no hosts", files: ["pdev.yaml": bytes("version: 1\nhosts: {}\nstate-version: \"26.05\"\n")], message: "host",
      location: "pdev.yaml:2:"),
    Case(
      name: "a host name that breaks out of a Nix string",
      files: ["pdev.yaml": bytes(header.replacingOccurrences(of: "zephyrus:", with: "'x\"; evil = \"${builtins.abort 1}':"))],
      message: "host name", location: "pdev.yaml:5:3:"),
    Case(
      name: "a user name with a path in it",
      files: ["pdev.yaml": bytes(header.replacingOccurrences(of: "username: ada", with: "username: ../../etc"))],
      message: "username", location: "pdev.yaml:3:"),
    Case(
      name: "an empty host name", files: ["pdev.yaml": bytes(header.replacingOccurrences(of: "zephyrus:", with: "\"\":"))],
      message: "host name", location: "pdev.yaml:5:3:"),
    Case(
      name: "an environment variable name with a space", files: config("tools:\n  gh: { token: { env: \"GH TOKEN\" } }\n"),
      message: "GH TOKEN", location: "pdev.yaml:8:"),
    Case(name: "a level pin of zero", files: config("neovim: { level: 0 }\n"), message: "level", location: "pdev.yaml:7:"),
    Case(name: "a level pin past the progression", files: config("neovim: { level: 1000 }\n"), message: "level", location: "pdev.yaml:7:"),
    Case(name: "a theme that is a number", files: config("theme: 42\n"), message: "expected a string", location: "pdev.yaml:7:8:"),
    Case(
      name: "a theme pair without its light theme", files: config("theme: { dark: nord }\n"), message: "'light'", location: "pdev.yaml:7:"),
    Case(
      name: "a theme pair with a key of its own", files: config("theme: { dark: nord, light: catppuccin-latte, sepia: x }\n"),
      message: "unknown key 'sepia' in theme", location: "pdev.yaml:7:"),
    Case(name: "an empty theme name", files: config("theme: \"\"\n"), message: "unknown theme", location: "pdev.yaml:7:8:"),
    Case(
      name: "a sandbox that is not a bool", files: config("tools:\n  claude-code: { sandbox: yes }\n"), message: "sandbox",
      location: "pdev.yaml:8:"),

    // Files that are not what they seem.
    Case(
      name: "a dangling symlink for pdev.yaml",
      setup: { symlink("nowhere.yaml", $0.configFile) }, message: "is a symlink to nowhere.yaml, which does not exist"),
    Case(
      name: "a symlink loop for pdev.yaml",
      setup: {
        symlink($0.configHome + "/b.yaml", $0.configHome + "/a.yaml")
        symlink($0.configHome + "/a.yaml", $0.configHome + "/b.yaml")
        symlink($0.configHome + "/a.yaml", $0.configFile)
      }, message: "is a symlink loop"),
    Case(
      name: "a symlinked pdev.yaml with a mistake in its target",
      files: ["real/pdev.yaml": bytes(header + "tools:\n  ripgre: true\n")],
      setup: { symlink($0.configHome + "/real/pdev.yaml", $0.configFile) }, message: "unknown tool 'ripgre'", location: ":8:3:"),
    Case(
      name: "pdev.yaml is a directory", setup: { mkdir($0.configFile, 0o755) }, message: "is a directory"),
    Case(
      name: "pdev.yaml is a FIFO nobody writes to", setup: { mkfifo($0.configFile, 0o644) }, message: "not a regular file"),
    Case(
      name: "pdev.yaml is an endless device", setup: { symlink("/dev/zero", $0.configFile) }, message: "not a regular file"),
    Case(
      name: "extends a profile that is not YAML",
      files: [
        "pdev.yaml": bytes(header.replacingOccurrences(of: "extends: laptop", with: "extends: ./odd.txt")),
        "odd.txt": bytes("[unclosed\n"),
      ],
      message: "odd.txt", location: "odd.txt:"),
    Case(
      name: "profiles that extend each other",
      files: [
        "pdev.yaml": bytes(header.replacingOccurrences(of: "extends: laptop", with: "extends: ./a.yaml")),
        "a.yaml": bytes("version: 1\nextends: ./b.yaml\n"), "b.yaml": bytes("version: 1\nextends: ./a.yaml\n"),
      ],
      message: "cycle", location: ":2:10:"),

    // Progressions, templates and the user's catalog.
    Case(
      name: "a progression with a million levels",
      files: config("neovim: { progression: ./million.yaml }\n").merging([
        "million.yaml": bytes("version: 1\nname: million\nlevels:\n" + String(repeating: "- {}\n", count: 1_000_000))
      ]) { a, _ in a },
      message: "too large", location: nil),
    Case(
      name: "a progression with a thousand levels",
      files: config("neovim: { progression: ./many.yaml }\n").merging([
        "many.yaml": bytes("version: 1\nname: many\nlevels:\n" + String(repeating: "- { title: x }\n", count: 1_000))
      ]) { a, _ in a },
      message: "levels", location: "many.yaml:"),
    Case(
      name: "a progression that is missing", files: config("neovim: { progression: ./nope.yaml }\n"), message: "nope.yaml",
      location: "pdev.yaml:7:"),
    Case(
      name: "a template override with an unclosed section",
      files: config().merging(["templates/home.nix.tmpl": bytes("{\n{{#hosts}}\n  x = 1;\n}\n")]) { a, _ in a },
      message: "section 'hosts' is never closed", location: "templates/home.nix.tmpl:2:"),
    Case(
      name: "a template override with an unclosed tag",
      files: config().merging(["templates/home.nix.tmpl": bytes("{\n  x = {{name\n}\n")]) { a, _ in a },
      message: "unclosed", location: "templates/home.nix.tmpl:2:"),
    Case(
      name: "a template override that includes itself",
      files: config().merging(["templates/local.nix.tmpl": bytes("{{> local.nix}}\n")]) { a, _ in a },
      message: "local.nix", location: "templates/local.nix.tmpl:1:"),
    Case(
      name: "a template override that is a directory", files: config(),
      setup: { mkdirs($0.configHome + "/templates/home.nix.tmpl") }, message: "home.nix.tmpl is a directory"),
    Case(
      name: "a catalog tool with a name Nix cannot hold",
      files: config().merging([
        "catalog/mine.yaml": bytes("version: 1\ntools:\n  \"my tool\":\n    description: x\n    group: cli\n    package: hello\n")
      ]) { a, _ in a },
      message: "my tool", location: "catalog/mine.yaml:3:3:"),
    Case(
      name: "a catalog option path that escapes its module",
      files: config().merging([
        "catalog/mine.yaml": bytes(
          "version: 1\ntools:\n  mine:\n    description: x\n    group: cli\n    package: hello\n    render:\n      \"programs.x\\\"; y\": 1\n"
        )
      ]) { a, _ in a },
      message: "programs.x", location: "catalog/mine.yaml:8:"),

    // Text that could leave the line it is shown on (a comment, a heading, the terminal).
    Case(
      name: "a progression title with a carriage return",
      files: config("neovim: { progression: ./evil.yaml }\n").merging([
        "evil.yaml": bytes("version: 1\nlevels:\n  - level: 1\n    title: \"Week\\r x = builtins.abort \\\"owned\\\";\"\n")
      ]) { a, _ in a },
      message: "holds a line break or a control character", location: "evil.yaml:4:12:"),
    Case(
      name: "a progression summary with a Unicode line separator",
      files: config("neovim: { progression: ./evil.yaml }\n").merging([
        "evil.yaml": bytes("version: 1\nlevels:\n  - level: 1\n    title: Week\n    summary: \"a\\u2028# b\"\n")
      ]) { a, _ in a },
      message: "holds a line break or a control character", location: "evil.yaml:5:14:"),
    Case(
      name: "a catalog description with a terminal escape",
      files: config().merging([
        "catalog/mine.yaml": bytes("version: 1\ntools:\n  mine:\n    description: \"x\\e[2J\"\n    group: cli\n    package: hello\n")
      ]) { a, _ in a },
      message: "holds a line break or a control character", location: "catalog/mine.yaml:4:18:"),
    // Keys nixvim turns into Lua code.
    Case(
      name: "__raw in neovim.options", files: config("neovim:\n  options:\n    x: { __raw: \"os.execute('id')\" }\n"),
      message: "'__raw': keys starting with __ are not accepted", location: "pdev.yaml:9:10:"),
    Case(
      name: "__raw in plugin settings",
      files: config("neovim:\n  plugins:\n    oil: { settings: { columns: [ { __unkeyed-1: icon, __raw: x } ] } }\n"),
      message: "keys starting with __ are not accepted", location: "pdev.yaml:9:"),

    Case(
      name: "two catalog tools that set one option differently",
      files: config("tools: { one: true, two: true }\n").merging([
        "catalog/mine.yaml": bytes(
          "version: 1\ntools:\n  one:\n    description: x\n    group: cli\n    render:\n      programs.bat.config.theme: a\n"
            + "  two:\n    description: y\n    group: cli\n    render:\n      programs.bat.config.theme: b\n")
      ]) { a, _ in a },
      message: "two catalog entries set programs.bat.config.theme differently", location: "catalog/mine.yaml:"),

    // Numbers Nix cannot read.
    Case(
      name: "an integer beyond 64 bits", files: config("tools:\n  starship: { settings: { command_timeout: 9223372036854775808 } }\n"),
      message: "too large for Nix's 64-bit integers", location: "pdev.yaml:8:44:"),
    Case(
      name: "a subnormal float", files: config("tools:\n  starship: { settings: { scan_timeout: 4.9e-324 } }\n"),
      message: "is not a number Nix can read", location: "pdev.yaml:8:41:"),

    // Secrets in the places the old check did not look.
    Case(
      name: "a token as an abbreviation name",
      files: config("tools:\n  fish: { abbreviations: { ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: ls } }\n"),
      message: "this key looks like an access token", location: "pdev.yaml:8:28:"),
    Case(
      name: "a token as a host name",
      files: bytes2(
        header.replacingOccurrences(
          of: "  zephyrus: { system: x86_64-linux }", with: "  ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: { system: x86_64-linux }")),
      message: "this host name looks like an access token", location: "pdev.yaml:5:3:"),
    Case(
      name: "a number under a secret key", files: config("tools:\n  starship: { settings: { api_key: 123456789 } }\n"),
      message: "'api_key' looks like a secret", location: "pdev.yaml:8:"),
    Case(
      name: "a map under a secret key", files: config("tools:\n  lazygit: { settings: { password: { value: hunter2 } } }\n"),
      message: "'password' looks like a secret", location: "pdev.yaml:8:"),
    Case(
      name: "a bearer header value",
      files: config(
        "tools:\n  claude-code:\n    mcp-servers:\n      api: { url: \"https://x.example\", headers: { X-Api: \"Bearer abcdefghijkl0123\" } }\n"
      ),
      message: "looks like an access token", location: "pdev.yaml:10:"),
    Case(
      name: "credentials in a URL",
      files: config("tools:\n  starship: { settings: { format: \"https://ada:hunter2hunter2@example.org\" } }\n"),
      message: "looks like an access token", location: "pdev.yaml:8:"),
    Case(
      name: "newer token shapes",
      files: config(
        "tools:\n  git: { aliases: { a: \"!echo hf_abcdefghijklmnopqrstuvwxyz0123456789\", b: \"!echo npm_abcdefghijklmnopqrstuvwxyz0123456789\" } }\n"
      ),
      message: "looks like an access token", location: "pdev.yaml:8:"),
    Case(
      name: "a token in a template override",
      files: config().merging(["templates/partials/header.md.tmpl": bytes("<!-- ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa -->\n")]) {
        a, _ in a
      },
      message: "would hold text shaped like a credential"),

    // Paths that would mean somewhere else.
    Case(
      name: "a user name of ..", files: bytes2(header.replacingOccurrences(of: "username: ada", with: "username: \"..\"")),
      message: "'..' is not a valid user name", location: "pdev.yaml:3:"),
    Case(name: "an empty output", files: config("output: \"\"\n"), message: "output is empty", location: "pdev.yaml:7:9:"),
    Case(
      name: "an empty --out", files: config(), arguments: ["generate", "--out", ""], code: 2,
      message: "--out needs a value (DIR), and it is empty"),

    Case(
      name: "aliases that multiply bytes, under the node budget",
      files: config(
        "x: &a \"" + String(repeating: "y", count: 60_000) + "\"\npackages: [" + Array(repeating: "*a", count: 100).joined(separator: ", ")
          + "]\n"),
      message: "aliases expand to more than 4 MiB of text", location: "pdev.yaml:8:"),

    // Walks and expansions that would not end.
    Case(
      name: "template partials that fan out",
      files: config().merging(
        Dictionary(
          uniqueKeysWithValues: (0..<16).map { i in
            (
              "templates/partials/p\(i).md.tmpl",
              bytes(
                i == 15
                  ? String(repeating: "x", count: 4096) + "\n"
                  : "{{> partials/p\(i + 1).md}}{{> partials/p\(i + 1).md}}{{> partials/p\(i + 1).md}}\n")
            )
          }) + [("templates/docs/cheatsheet.md.tmpl", bytes("{{> partials/p0.md}}\n"))]
      ) { a, _ in a },
      message: "MiB at this partial", location: "templates/partials/"),

    // State and environment.
    Case(
      name: "the state file is a directory", files: config(), setup: { mkdirs($0.stateHome + "/state.json") },
      message: "state.json is a directory"),
    Case(
      name: "the state home is a file", files: config(),
      setup: { $0.write($0.stateHome, "not a directory\n") }, code: 4, message: "state"),
    Case(
      name: "the output is a file", files: config(), setup: { $0.write($0.output, "mine\n") }, code: 4,
      message: "is not a directory"),
  ]

  static func symlink(_ target: String, _ path: String) {
    mkdirs(PathText.directory(of: path))
    _ = Glibc.symlink(target, path)
  }

  static func mkdirs(_ path: String) {
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  @Test(.timeLimit(.minutes(1)), arguments: cases)
  func endsInALocatedErrorAndWritesNothing(_ input: Case) throws {
    let sandbox = Sandbox()
    BadInputTests.mkdirs(sandbox.configHome)
    for (path, contents) in input.files {
      let full = sandbox.configHome + "/" + path
      BadInputTests.mkdirs(PathText.directory(of: full))
      #expect(FileManager.default.createFile(atPath: full, contents: Data(contents)))
    }
    input.setup?(sandbox)
    let before = Snapshot(sandbox.root)
    let result = sandbox.run(input.arguments + ["--out", sandbox.output], cwd: sandbox.configHome)
    #expect(result.code == input.code, "\(result.err)")
    #expect(result.err.contains(input.message), "\(result.err)")
    if let location = input.location {
      let first = result.err.split(separator: "\n").first.map(String.init) ?? ""
      #expect(first.contains(location) && first.contains(": error: "), "\(result.err)")
    }
    #expect(result.err.utf8.count < 4096, "a message this long is not clear")
    #expect(!result.err.utf8.contains(0), "a NUL reached the terminal")
    #expect(Snapshot(sandbox.root) == before, "pdev changed the sandbox")
  }

  /// Input that looks hostile but is valid: a byte-order mark, CRLF line ends, `no` as a
  /// name (text in YAML 1.2) and Nix's interpolation syntax in a value. It renders, and Nix
  /// reads every value back exactly as written.
  @Test(.enabled(if: Validator.runs("nix-instantiate"), "needs nix-instantiate (Debian nix-bin)"))
  func hostileButValidInputRendersFaithfully() throws {
    let sandbox = Sandbox()
    let alias = #"!echo ${HOME} " ''${x} \ $"#
    sandbox.write(
      sandbox.configFile,
      "\u{FEFF}"
        + BadInputTests.header.replacingOccurrences(of: "Ada Lovelace", with: "no")
        .replacingOccurrences(of: "\n", with: "\r\n")
        + "tools:\r\n  git: { aliases: { evil: '\(alias.replacingOccurrences(of: "'", with: "''"))' } }\r\n")
    let result = sandbox.run(["generate", "--out", sandbox.output], cwd: sandbox.configHome)
    #expect(result.code == 0, "\(result.err)")
    for (path, text) in sandbox.tree(sandbox.output) { #expect(!text.contains("\r"), "\(path) has a carriage return") }
    let git = try NixInspection.inspect(sandbox.output + "/modules/git.nix")
    let value = { (path: [String]) in git.config.first { $0.path == path }?.value }
    #expect(value(["programs", "git", "settings", "alias", "evil"]) == alias)
    #expect(value(["programs", "git", "settings", "user", "name"]) == "no")
  }
}

/// Every entry under a directory, without following symlinks or opening FIFOs: type and
/// mode, link targets, and the bytes of regular files.
struct Snapshot: Equatable {
  struct Entry: Equatable {
    var mode: UInt32
    var link: String?
    var bytes: Data?
  }

  var entries: [String: Entry] = [:]

  init(_ root: String) {
    var stack = [""]
    while let relative = stack.popLast() {
      let path = relative.isEmpty ? root : root + "/" + relative
      var info = stat()
      guard lstat(path, &info) == 0 else { continue }
      var entry = Entry(mode: info.st_mode)
      switch info.st_mode & S_IFMT {
      case S_IFREG: entry.bytes = FileManager.default.contents(atPath: path)
      case S_IFLNK: entry.link = try? FileManager.default.destinationOfSymbolicLink(atPath: path)
      case S_IFDIR:
        for child in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
          stack.append(relative.isEmpty ? child : relative + "/" + child)
        }
      default: break
      }
      entries[relative] = entry
    }
  }
}

extension BadInputTests {
  /// Permission bits do not stop root, so this one runs as an ordinary user only.
  @Test(.enabled(if: geteuid() != 0, "root reads any file"))
  func anUnreadableConfigIsAnEnvironmentError() {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    chmod(sandbox.configFile, 0)
    defer { chmod(sandbox.configFile, 0o644) }
    let result = sandbox.run(["generate"])
    #expect(result.code == 4)
    #expect(result.err.contains("cannot be read (permission denied)"))
    #expect(!FileManager.default.fileExists(atPath: sandbox.output))
  }
}

/// Inputs kept from the fuzzers (scripts/fuzz): findings once fixed, and a sample of each
/// corpus. Each goes through pdev as the fuzzer fed it; none may crash or write anything
/// when invalid.
@Suite struct FuzzRegressionTests {
  static func inputs(_ fuzzer: String) -> [String] {
    let directory = Repository.fixture("fuzz/" + fuzzer)
    return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().map { fuzzer + "/" + $0 }
  }

  static let all = inputs("config") + inputs("template")

  @Test func thereAreInputsToReplay() {
    #expect(FuzzRegressionTests.inputs("config").count >= 10)
    #expect(FuzzRegressionTests.inputs("template").count >= 10)
  }

  @Test(.timeLimit(.minutes(1)), arguments: all)
  func replays(_ name: String) throws {
    let data = try #require(FileManager.default.contents(atPath: Repository.fixture("fuzz/" + name)))
    let sandbox = Sandbox()
    sandbox.writeConfig()
    let bytes = Array(data)
    if name.hasPrefix("template/") {
      BadInputTests.mkdirs(sandbox.configHome + "/templates")
      FileManager.default.createFile(atPath: sandbox.configHome + "/templates/home.nix.tmpl", contents: Data(bytes))
    } else if let mode = bytes.first {
      let document = Data(bytes.dropFirst())
      switch mode % 4 {
      case 0: FileManager.default.createFile(atPath: sandbox.configFile, contents: document)
      case 1:
        BadInputTests.mkdirs(sandbox.configHome + "/catalog")
        FileManager.default.createFile(atPath: sandbox.configHome + "/catalog/fuzz.yaml", contents: document)
      case 3:
        // A user catalog whose tools pdev.yaml turns on.
        BadInputTests.mkdirs(sandbox.configHome + "/catalog")
        FileManager.default.createFile(atPath: sandbox.configHome + "/catalog/fuzz.yaml", contents: document)
        let root = try? YAMLLoader().parse(Array(document), name: "fuzz.yaml")
        let names = ((root ?? nil)?["tools"]?.pairs ?? []).map(\.name).filter {
          !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        }
        sandbox.writeConfig(extra: names.isEmpty ? "" : "tools:\n" + names.map { "  \($0): true" }.joined(separator: "\n"))
      default:
        sandbox.writeConfig(extra: "neovim: { progression: ./fuzz.yaml }")
        FileManager.default.createFile(atPath: sandbox.configHome + "/fuzz.yaml", contents: document)
      }
    }
    let before = Snapshot(sandbox.root)
    let result = sandbox.run(["generate"], cwd: sandbox.configHome)
    #expect([0, 3].contains(result.code), "\(result.err)")
    if result.code != 0 {
      #expect(result.err.contains("error: "))
      #expect(Snapshot(sandbox.root) == before, "pdev wrote something for an invalid input")
    }
  }
}

/// Copies pdev keeps of the user's files are private, never collide, and pdev removes only
/// its own leftovers; its lock is never opened through a link.
@Suite struct PrivacyAndLeftoverTests {
  func mode(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1 }

  @Test func backupsAndGenerationsArePrivateAndNeverCollide() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    let home = sandbox.output + "/home.nix"
    sandbox.write(home, "# mine, first\n")
    chmod(home, 0o600)
    #expect(sandbox.run(["generate", "--force", "-q"]).code == 0)
    sandbox.write(home, "# mine, second\n")
    #expect(sandbox.run(["generate", "--force", "-q"]).code == 0)  // the same second (PDEV_NOW)
    let outputs = sandbox.stateHome + "/outputs"
    let store = outputs + "/" + (try FileManager.default.contentsOfDirectory(atPath: outputs)[0])
    let backups = try FileManager.default.contentsOfDirectory(atPath: store + "/backups").sorted()
    #expect(backups.count == 2, "\(backups)")
    #expect(Set(backups.map { sandbox.read(store + "/backups/\($0)/home.nix") }) == ["# mine, first\n", "# mine, second\n"])
    for folder in backups {
      #expect(mode(store + "/backups/" + folder) == 0o700)
      #expect(mode(store + "/backups/" + folder + "/home.nix") == 0o600)
    }
    #expect(mode(store) == 0o700)
    let generation = store + "/generations/1"
    #expect(mode(generation + "/files") == 0o700 && mode(generation + "/files/home.nix") == 0o600)
    #expect(mode(sandbox.output + "/modules/cli.nix") == 0o644 & ~Int(AtomicFile.processUmask))
  }

  @Test func onlyPdevsOwnLeftoversAreRemoved() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    let mine = [".pdev-notes.txt", ".pdev-home.nix.keep-me", ".pdev-x", ".pdev-flake.nix.abc"]
    for name in mine { sandbox.write(sandbox.output + "/" + name, "user's\n") }
    sandbox.write(sandbox.output + "/.pdev-home.nix.Ab12Cd", "a killed run's temporary file\n")
    sandbox.write(sandbox.output + "/home.nix", "# edited\n")
    #expect(sandbox.run(["generate", "--force", "-q"]).code == 0)
    for name in mine { #expect(sandbox.read(sandbox.output + "/" + name) == "user's\n", "\(name) was removed") }
    #expect(!FileManager.default.fileExists(atPath: sandbox.output + "/.pdev-home.nix.Ab12Cd"))
  }

  @Test func theLockIsNeverOpenedThroughALink() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    let outputs = sandbox.stateHome + "/outputs"
    let store = outputs + "/" + (try FileManager.default.contentsOfDirectory(atPath: outputs)[0])
    let victim = sandbox.root + "/victim.txt"
    sandbox.write(victim, "precious\n")
    try FileManager.default.removeItem(atPath: store + "/lock")
    symlink(victim, store + "/lock")
    sandbox.write(sandbox.configFile, sandbox.read(sandbox.configFile)! + "packages: [hello]\n")
    let result = sandbox.run(["generate"])
    #expect(result.code == 4)
    #expect(result.err.contains("is a symbolic link; pdev does not follow it"), "\(result.err)")
    #expect(sandbox.read(victim) == "precious\n")
  }
}

/// The hostile review's classes one test each: links (local.nix in any form is never
/// touched, foreign links are backed up like files), rollback of recorded bytes only, walks
/// and folders that end, bounded state, extreme times, secrets never printed, and findings
/// about unsaved text.
@Suite struct HostileReviewTests {
  @Test func aSymlinkedLocalNixIsTheUsers() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    sandbox.write(sandbox.root + "/dotfiles/local.nix", "{ ... }: { }\n")
    try FileManager.default.createDirectory(atPath: sandbox.output, withIntermediateDirectories: true)
    symlink(sandbox.root + "/dotfiles/local.nix", sandbox.output + "/local.nix")
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    #expect(sandbox.run(["generate", "--force", "-q"]).code == 0)
    #expect(FileIO.kind(sandbox.output + "/local.nix") == .symlink)
    #expect(sandbox.read(sandbox.root + "/dotfiles/local.nix") == "{ ... }: { }\n")
  }

  @Test func aForeignLinkIsBackedUpAsALink() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    sandbox.write(sandbox.root + "/dotfiles/home.nix", "# my home.nix\n")
    try FileManager.default.createDirectory(atPath: sandbox.output, withIntermediateDirectories: true)
    symlink(sandbox.root + "/dotfiles/home.nix", sandbox.output + "/home.nix")
    #expect(sandbox.run(["generate"]).code == 1)
    let forced = sandbox.run(["generate", "--force"])
    #expect(forced.code == 0, "\(forced.err)")
    let outputs = sandbox.stateHome + "/outputs"
    let store = outputs + "/" + (try FileManager.default.contentsOfDirectory(atPath: outputs)[0])
    let folder = try FileManager.default.contentsOfDirectory(atPath: store + "/backups")[0]
    #expect(FileIO.linkTarget(store + "/backups/" + folder + "/home.nix") == sandbox.root + "/dotfiles/home.nix")
    #expect(sandbox.read(sandbox.root + "/dotfiles/home.nix") == "# my home.nix\n")
  }

  @Test func rollbackRestoresOnlyWhatWasRecorded() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    sandbox.write(sandbox.configFile, sandbox.read(sandbox.configFile)! + "packages: [hello]\n")
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    sandbox.write(sandbox.output + "/local.nix", "# mine\n{ ... }: { }\n")
    let outputs = sandbox.stateHome + "/outputs"
    let store = outputs + "/" + (try FileManager.default.contentsOfDirectory(atPath: outputs)[0])
    // A manifest that lists local.nix, with a copy of it: rollback leaves the user's alone.
    let manifest = store + "/generations/1/manifest.json"
    let text = try #require(sandbox.read(manifest))
    sandbox.write(manifest, text.replacingOccurrences(of: "\"flake.nix\",", with: "\"flake.nix\",\n    \"local.nix\","))
    sandbox.write(store + "/generations/1/files/local.nix", "# pdev's\n")
    #expect(sandbox.run(["rollback", "1", "--force"]).code == 0)
    #expect(sandbox.read(sandbox.output + "/local.nix") == "# mine\n{ ... }: { }\n")
    // A copy changed after it was recorded is not restored.
    sandbox.write(store + "/generations/2/files/home.nix", "# tampered\n")
    let tampered = sandbox.run(["rollback", "2"])
    #expect(tampered.code == 4)
    #expect(tampered.err.contains("has changed since it was recorded; nothing was restored"), "\(tampered.err)")
    #expect(sandbox.read(sandbox.output + "/home.nix")?.contains("tampered") == false)
  }

  /// An output folder whose name is as long as a name can be still has its own state.
  @Test func aVeryLongOutputFolderNameWorks() throws {
    let sandbox = Sandbox()
    let output = sandbox.root + "/" + String(repeating: "o", count: 250)
    sandbox.writeConfig()
    let result = sandbox.run(["generate", "--out", output])
    #expect(result.code == 0, "\(result.err)")
    let stores = try FileManager.default.contentsOfDirectory(atPath: sandbox.stateHome + "/outputs")
    #expect(stores.count == 1 && stores[0].count == 48 + 1 + 16)
  }

  /// A link cycle or a link to / in a config folder ends the walk there.
  @Test func linkCyclesAndLinksOutsideEndTheWalk() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    try FileManager.default.createDirectory(atPath: sandbox.configHome + "/templates/loop", withIntermediateDirectories: true)
    symlink(sandbox.configHome + "/templates", sandbox.configHome + "/templates/loop/again")
    symlink("/", sandbox.configHome + "/templates/root")
    let result = sandbox.run(["generate", "-q"])
    #expect(result.code == 0, "\(result.err)")
    let walked = FileIO.walk(sandbox.configHome + "/templates")
    #expect(walked.count < 10, "\(walked.map(\.path))")
  }

  /// What a killed run leaves is removed once a later run completes; status shows only
  /// generations that were completed.
  @Test func theStateFolderStaysBounded() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    let outputs = sandbox.stateHome + "/outputs"
    let store = outputs + "/" + (try FileManager.default.contentsOfDirectory(atPath: outputs)[0])
    let manifest = try #require(sandbox.read(store + "/generations/1/manifest.json"))
    sandbox.write(
      store + "/generations/2/manifest.json",
      manifest.replacingOccurrences(of: "\"complete\" : true", with: "\"complete\" : false").replacingOccurrences(
        of: "\"number\" : 1", with: "\"number\" : 2"))
    #expect(!sandbox.run(["status"]).out.contains("  2  "))
    sandbox.write(sandbox.configFile, sandbox.read(sandbox.configFile)! + "packages: [hello]\n")
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    let left = try FileManager.default.contentsOfDirectory(atPath: store + "/generations").sorted()
    #expect(left == ["1", "3"], "\(left)")
  }

  /// One folder reached by two paths is one output: one store, no false hand edits.
  @Test func oneFolderByTwoPathsIsOneOutput() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    symlink(sandbox.output, sandbox.root + "/alias")
    sandbox.write(sandbox.configFile, sandbox.read(sandbox.configFile)! + "packages: [hello]\n")
    let result = sandbox.run(["generate", "--out", sandbox.root + "/alias"])
    #expect(result.code == 0, "\(result.err)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.stateHome + "/outputs").count == 1)
  }

  /// Instants at the edges of what pdev accepts neither crash nor write what cannot be read.
  @Test func extremeTimesAndGenerationNumbersDoNotCrash() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    #expect(sandbox.run(["level", "set", "2"], now: "9999-12-30T00:00:00Z").code == 0)
    let status = sandbox.run(["status"], now: "9999-12-31T00:00:00Z")
    #expect(status.code == 0, "\(status.err)")
    #expect(status.out.contains("due 10000-01-06, in 6 days"), "\(status.out)")
    let year0 = sandbox.run(["status"], now: "0000-01-01T00:00:00Z")
    #expect(year0.code == 2 && year0.err.contains("between 1970 and 9999"), "\(year0.err)")
    let outputs = sandbox.stateHome + "/outputs"
    let store = outputs + "/" + (try FileManager.default.contentsOfDirectory(atPath: outputs)[0])
    try FileManager.default.createDirectory(atPath: store + "/generations/9223372036854775807", withIntermediateDirectories: true)
    sandbox.write(sandbox.configFile, sandbox.read(sandbox.configFile)! + "packages: [hello]\n")
    #expect(sandbox.run(["generate", "-q"]).code == 0)
  }

  /// A secret is never printed, even when another error shares its line.
  @Test func aDiagnosticNeverPrintsASecret() {
    let sandbox = Sandbox()
    sandbox.writeConfig(
      extra:
        "tools:\n  git: { aliases: { co: checkout }, settings: { user: { password: hunter2 } }, unknown: x, token2: sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa }"
    )
    let result = sandbox.run(["generate"])
    #expect(result.code == 3)
    #expect(!result.err.contains("hunter2"), "\(result.err)")
    #expect(!result.err.contains("sk-aaaa"), "\(result.err)")
    #expect(result.err.contains("unknown option 'unknown'") || result.err.contains("'unknown'"), "\(result.err)")
  }

  /// Findings about text that was never saved point at no line of a file.
  @Test func findingsAboutUnsavedTextHaveNoMadeUpLines() {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    let before = sandbox.read(sandbox.configFile)
    let disable = sandbox.run(["disable", "git"])
    #expect(disable.code == 3)
    #expect(disable.err.hasPrefix("pdev: error: with git off (pdev.yaml is unchanged): "), "\(disable.err)")
    #expect(sandbox.read(sandbox.configFile) == before)
    let group = sandbox.run(["new-tool", "foo", "--group", "editors"])
    #expect(group.code == 2 && group.err.contains("unknown group 'editors'"), "\(group.err)")
    let module = sandbox.run(["new-tool", "foo", "--module", "programs.x\"y"])
    #expect(module.code == 3 && module.err.hasPrefix("pdev: error: the entry for foo (nothing was written): "), "\(module.err)")
    #expect(!FileManager.default.fileExists(atPath: sandbox.configHome + "/catalog/foo.yaml"))
  }
}
