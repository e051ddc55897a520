import PdevCore

/// Collects what each host contributes to one module and lays it out once: contributions
/// every host shares are written plainly, the rest under `lib.mkIf` on `config.pdev.host`.
struct HostSplit {
  private struct Entry {
    var id: String
    var attrs: NixAttrs
    var hosts: [String]
  }

  let hosts: [String]
  private var entries: [Entry] = []
  private var packages: [String: [String]] = [:]  // attribute → hosts
  private var packageOrder: [String] = []

  init(hosts: [String]) { self.hosts = hosts }

  /// Adds `attrs` for `host`; identical contributions of several hosts are written once.
  mutating func add(_ id: String, _ attrs: NixAttrs, host: String) {
    guard !attrs.isEmpty else { return }
    if let index = entries.firstIndex(where: { $0.id == id && $0.attrs == attrs }) {
      if !entries[index].hosts.contains(host) { entries[index].hosts.append(host) }
    } else {
      entries.append(Entry(id: id, attrs: attrs, hosts: [host]))
    }
  }

  /// Adds a nixpkgs attribute to `home.packages` for `host`.
  mutating func addPackage(_ attribute: String, host: String) {
    if packages[attribute] == nil { packageOrder.append(attribute) }
    if !(packages[attribute] ?? []).contains(host) { packages[attribute, default: []].append(host) }
  }

  var isEmpty: Bool { entries.isEmpty && packages.isEmpty }

  /// The module's value: plain attributes when every host shares everything, otherwise
  /// `lib.mkMerge [ shared (lib.mkIf (host …) { … }) … ]`.
  func expression(indent: String = "") -> (code: String, merged: Bool) {
    var blocks: [(hosts: [String], attrs: NixAttrs)] = [(hosts, NixAttrs())]
    func block(for hostSet: [String]) -> Int {
      let key = hosts.filter(hostSet.contains)
      if let i = blocks.firstIndex(where: { $0.hosts == key }) { return i }
      blocks.append((key, NixAttrs()))
      return blocks.count - 1
    }
    for entry in entries {
      let i = block(for: entry.hosts)
      for (key, value) in entry.attrs.entries {
        let ok = blocks[i].attrs.set([key], value)
        precondition(ok, "two contributions set \(key) differently; the catalog data conflicts")
      }
    }
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
  func body(imports: [String] = []) -> String {
    var lines: [String] = []
    if !imports.isEmpty { lines.append("  imports = " + Nix.list(imports.map { Nix.expr($0) }).render(indent: "  ") + ";") }
    let (code, merged) = expression(indent: "  ")
    if merged {
      lines.append("  config = " + code + ";")
    } else {
      // The shared attributes become the module's own bindings.
      let plain = expression().code
      if plain != "{ }" { lines.append(String(plain.dropFirst(2).dropLast(2))) }
    }
    return lines.isEmpty ? "{ }" : "{\n" + lines.joined(separator: "\n") + "\n}"
  }

  static func condition(_ hosts: [String]) -> String {
    if hosts.count == 1 { return "(config.pdev.host == \(NixSyntax.quoted(hosts[0])))" }
    return "(builtins.elem config.pdev.host " + Nix.list(hosts.map(Nix.string)).render() + ")"
  }
}
