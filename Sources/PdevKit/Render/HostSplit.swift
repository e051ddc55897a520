import PdevCore

/// Collects what each host contributes to one module and lays it out once: contributions
/// every host shares are written plainly, the rest under `lib.mkIf` on `config.pdev.host`.
struct HostSplit {
  /// One option value and the hosts that set it.
  private struct Leaf {
    var path: [String]
    var value: Nix
    var hosts: [String]
    /// The catalog entry that contributed it, for a located error when two disagree.
    var origin: SourceLocation?
  }

  let hosts: [String]
  private var leaves: [Leaf] = []
  private var index: [[String]: [Int]] = [:]
  /// Leaves of contributions seen before, by token: another host adding the same
  /// contribution just joins them.
  private var contributions: [Int: [Int]] = [:]
  private var packages: [String: [String]] = [:]  // attribute → hosts
  private var packageOrder: [String] = []

  init(hosts: [String]) { self.hosts = hosts }

  /// Adds `attrs` for `host`. Values are compared option by option, so only what differs
  /// between hosts ends up under a host condition.
  mutating func add(_ attrs: NixAttrs, host: String, token: Int? = nil, origin: SourceLocation? = nil) {
    if let token, let known = contributions[token] {
      for i in known where leaves[i].hosts.last != host { leaves[i].hosts.append(host) }
      return
    }
    var added: [Int] = []
    for (path, value) in HostSplit.leaves(of: attrs, prefix: []) {
      let candidates = index[path] ?? []
      if let i = candidates.first(where: { leaves[$0].value == value }) {
        if leaves[i].hosts.last != host { leaves[i].hosts.append(host) }
        added.append(i)
      } else {
        index[path, default: []].append(leaves.count)
        added.append(leaves.count)
        leaves.append(Leaf(path: path, value: value, hosts: [host], origin: origin))
      }
    }
    if let token { contributions[token] = added }
  }

  static func leaves(of attrs: NixAttrs, prefix: [String]) -> [([String], Nix)] {
    var result: [([String], Nix)] = []
    for key in attrs.entries.keys.sorted() {
      let value = attrs.entries[key]!
      if case .attrs(let inner) = value, !inner.isEmpty {
        result += leaves(of: inner, prefix: prefix + [key])
      } else {
        result.append((prefix + [key], value))
      }
    }
    return result
  }

  /// Adds a nixpkgs attribute to `home.packages` for `host`.
  mutating func addPackage(_ attribute: String, host: String) {
    if packages[attribute] == nil { packageOrder.append(attribute) }
    if packages[attribute]?.last != host { packages[attribute, default: []].append(host) }
  }

  var isEmpty: Bool { leaves.isEmpty && packages.isEmpty }

  /// The module's value: plain attributes when every host shares everything, otherwise
  /// `lib.mkMerge [ shared (lib.mkIf (host …) { … }) … ]`.
  func expression(indent: String = "") throws(DiagnosticList) -> (code: String, merged: Bool) {
    // Hosts are added in order, so a leaf's host list is already in the order of `hosts`.
    var blocks: [(hosts: [String], attrs: NixAttrs)] = [(hosts, NixAttrs())]
    var blockIndex: [[String]: Int] = [hosts: 0]
    func block(for hostSet: [String]) -> Int {
      if let i = blockIndex[hostSet] { return i }
      blocks.append((hostSet, NixAttrs()))
      blockIndex[hostSet] = blocks.count - 1
      return blocks.count - 1
    }
    var placed: [[String]: Leaf] = [:]
    var diagnostics = DiagnosticBag()
    for leaf in leaves {
      let i = block(for: leaf.hosts)
      if blocks[i].attrs.set(leaf.path, leaf.value) {
        placed[leaf.path] = placed[leaf.path] ?? leaf
        continue
      }
      // Two catalog entries set one option to different values for the same hosts.
      let option = NixSyntax.attributePath(leaf.path)
      let other = placed[leaf.path]?.origin
      diagnostics.error(
        .catalog,
        "two catalog entries set \(option) differently", at: leaf.origin,
        help: "give the option to one of them, or make them agree", notes: other.map { ["the other one is at \($0)"] } ?? [])
    }
    try diagnostics.check()
    var packageBlocks: [Int: [String]] = [:]
    for attribute in packageOrder { packageBlocks[block(for: packages[attribute]!), default: []].append(attribute) }
    for (i, attributes) in packageBlocks {
      blocks[i].attrs.set(["home", "packages"], .list(attributes.sorted().map { Nix.package($0) }))
    }
    let specific = blocks.dropFirst().filter { !$0.attrs.isEmpty }
    if specific.isEmpty { return (Nix.attrs(blocks[0].attrs).render(indent: indent), false) }
    var parts: [String] = []
    let inner = indent + "  "
    if !blocks[0].attrs.isEmpty { parts.append(inner + Nix.attrs(blocks[0].attrs).render(indent: inner)) }
    for b in specific {
      parts.append(inner + "(lib.mkIf \(HostSplit.condition(b.hosts)) " + Nix.attrs(b.attrs).render(indent: inner) + ")")
    }
    return ("lib.mkMerge [\n" + parts.joined(separator: "\n") + "\n" + indent + "]", true)
  }

  /// A whole module body; `imports` are written first when given.
  func body(imports: [String] = []) throws(DiagnosticList) -> String {
    var lines: [String] = []
    if !imports.isEmpty { lines.append("  imports = " + Nix.list(imports.map { Nix.expr($0) }).render(indent: "  ") + ";") }
    let (code, merged) = try expression(indent: merged ? "  " : "")
    if merged {
      lines.append("  config = " + code + ";")
    } else if code != "{ }" {
      // The shared attributes become the module's own bindings.
      lines.append(String(code.dropFirst(2).dropLast(2)))
    }
    return lines.isEmpty ? "{ }" : "{\n" + lines.joined(separator: "\n") + "\n}"
  }

  /// The module arguments the laid-out module refers to: its values', `pkgs` for packages,
  /// and `lib` and `config` for the per-host conditions.
  var references: Set<String> {
    var names = leaves.reduce(into: Set<String>()) { $0.formUnion($1.value.references) }
    if !packages.isEmpty { names.insert("pkgs") }
    if merged { names.formUnion(["lib", "config"]) }
    return names
  }

  /// Whether some option differs between hosts, so the module needs lib.mkMerge.
  var merged: Bool {
    leaves.contains { $0.hosts.count != hosts.count } || packages.values.contains { $0.count != hosts.count }
  }

  static func condition(_ hosts: [String]) -> String {
    if hosts.count == 1 { return "(config.pdev.host == \(NixSyntax.quoted(hosts[0])))" }
    return "(builtins.elem config.pdev.host " + Nix.list(hosts.map(Nix.string)).render() + ")"
  }
}
