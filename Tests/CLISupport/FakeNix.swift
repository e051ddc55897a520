import Foundation
import PdevCLI

/// Scripted stand-ins for `nix` and `home-manager`: they record every call (one line each,
/// arguments separated by " | ") and act as far as pdev can tell: `nix build` makes an
/// activation package whose `home-files` are those given, and a switch links them into the
/// home, moving what is in the way aside with the `-b` extension as home-manager does.
public final class FakeNix: @unchecked Sendable {
  public let root: String
  public var bin: String { root + "/bin" }
  public var log: String { root + "/calls.log" }

  /// `version` is what `nix --version` reports; `flakes` whether its configuration has them;
  /// `homeManager` whether a home-manager is installed; `files` the activation's home-files.
  public init(
    root: String, home: String, version: String = "2.24.10", flakes: Bool = true, homeManager: Bool = false,
    files: [String: String] = [:]
  ) {
    self.root = root
    let fm = FileManager.default
    try! fm.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
    try! fm.createDirectory(atPath: root + "/home-files", withIntermediateDirectories: true)
    for (path, text) in files {
      let full = root + "/home-files/" + path
      try! fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try! text.write(toFile: full, atomically: true, encoding: .utf8)
    }
    let modern = version.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes([2, 20]) ? "no" : "yes"
    let features = flakes ? "nix-command flakes" : ""
    let switchScript = """
      # A switch: link every home-file into the home, moving what is in the way to FILE.EXT.
      ext=""; prev=""
      for a in "$@"; do [ "$prev" = -b ] && ext="$a"; prev="$a"; done
      cd '\(root)/home-files' && find . -type f | while read -r f; do
        t='\(home)'/"${f#./}"
        mkdir -p "$(dirname "$t")"
        if [ -e "$t" ] || [ -L "$t" ]; then
          case "$(readlink "$t" 2>/dev/null)" in /nix/store/*-home-manager-files/*) rm "$t" ;; *) mv "$t" "$t.$ext" ;; esac
        fi
        ln -s "/nix/store/fake-home-manager-files/${f#./}" "$t"
      done
      """
    write(
      "nix",
      """
      #!/usr/bin/env bash
      printf '%s\\n' "nix $(printf '%s | ' "$@")" >> '\(log)'
      args=" $* "
      case "$args" in
        *" --version "*) echo "nix (Nix) \(version)"; exit 0 ;;
        *" config show "*) [ \(modern) = yes ] || { echo "error: 'config' is not a recognised command" >&2; exit 1; }; echo "\(features)"; exit 0 ;;
        *" show-config "*) echo "experimental-features = \(features)"; echo "sandbox = true"; exit 0 ;;
        *" build "*)
          out='\(root)/store/0000-home-manager-generation'
          mkdir -p "$out" && rm -rf "$out/home-files" && cp -R '\(root)/home-files' "$out/home-files"
          echo "building..." >&2; echo "$out"; exit 0 ;;
        *" flake update "*)
          # The flake is the argument after --flake, or the one after `update`.
          dir=""; prev=""
          for a in "$@"; do
            [ "$prev" = --flake ] && dir="$a"
            [ "$prev" = update ] && [ "$a" != --flake ] && dir="$a"
            prev="$a"
          done
          [ -f '\(root)/next-flake.lock' ] && cp '\(root)/next-flake.lock' "$dir/flake.lock"
          exit 0 ;;
        *" store diff-closures "*) echo "neovim: 0.11.4 → 0.11.5"; exit 0 ;;
        *" run "*)
          \(switchScript)
          exit 0 ;;
      esac
      echo "fake nix: unexpected call: $*" >&2; exit 1
      """)
    if homeManager {
      write(
        "home-manager",
        """
        #!/usr/bin/env bash
        printf '%s\\n' "home-manager $(printf '%s | ' "$@")" >> '\(log)'
        [ "$1" = --version ] && { echo 26.05; exit 0; }
        \(switchScript)
        exit 0
        """)
    }
  }

  /// Written with O_CLOEXEC, so a process another test spawns meanwhile does not keep the
  /// script open for writing (which makes executing it fail with ETXTBSY).
  private func write(_ name: String, _ text: String) {
    let path = bin + "/" + name
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    precondition(fd >= 0, "cannot write the fake \(name)")
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress!, $0.count) }
    close(fd)
  }

  /// Runs `body` again, briefly, when a fake could not be started: a process another test
  /// forks can still hold a just-written script open for a moment.
  static func retrying<T>(_ body: () -> T?) -> T? {
    for _ in 0..<20 {
      if let result = body() { return result }
      usleep(20_000)
    }
    return nil
  }

  /// What `nix flake update` writes as the flake's new lock.
  public func nextLock(_ text: String) {
    try! text.write(toFile: root + "/next-flake.lock", atomically: true, encoding: .utf8)
  }

  /// A process runner that finds only the fakes and really runs them.
  public var runner: ProcessRunner {
    let bin = self.bin
    return ProcessRunner(
      find: { name, _ in FileManager.default.isExecutableFile(atPath: bin + "/" + name) ? bin + "/" + name : nil },
      capture: { executable, arguments in FakeNix.retrying { ProcessRunner.runCapturing(executable, arguments) } },
      stream: { executable, arguments in
        FakeNix.retrying { () -> Int32? in
          let status = ProcessRunner.runStreaming(executable, arguments)
          return status == 127 ? nil : status
        } ?? 127
      })
  }

  /// The recorded calls, each as `tool | arg | arg | …`.
  public var calls: [String] {
    ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map {
      String($0.hasSuffix(" | ") ? $0.dropLast(3) : $0[...])
    }
  }
}
