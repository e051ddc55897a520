# Lists what a generated module defines: every option path (list elements as "*") with the
# string value when there is one, and the nixpkgs attributes it names. It calls the module
# with stand-ins for lib, config and pkgs, so plain Nix runs it without nixpkgs.
{ file, packages }:
let
  pkgs =
    builtins.listToAttrs (map (name: { inherit name; value = { __package = name; }; }) packages)
    // { stdenv.hostPlatform = { isDarwin = false; isLinux = true; }; };
  lib = {
    mkDefault = v: v;
    mkForce = v: v;
    mkOverride = _: v: v;
    mkIf = _: v: { __if = v; };
    mkMerge = vs: { __merge = vs; };
    optional = _: v: [ v ];
    getExe = p: "/nix/store/${p.__package}/bin/${p.__package}";
    mkOption = o: { __option = o; };
    types.enum = _: "enum";
  };
  config = {
    pdev.host = "host";
    home = { homeDirectory = "/home/user"; username = "user"; };
    programs.fish.package = { __package = "fish"; };
  };
  module = import file;
  body = if builtins.isFunction module then module { inherit config lib pkgs; } else module;
  isPackage = v: builtins.isAttrs v && v ? __package;
  leaf = path: v: if path == [ ] then [ ] else [ { inherit path; value = if builtins.isString v then v else null; } ];
  walk =
    path: v:
    if builtins.isAttrs v && v ? __if then walk path v.__if
    else if builtins.isAttrs v && v ? __merge then builtins.concatLists (map (walk path) v.__merge)
    else if builtins.isAttrs v && v ? __option then leaf path null
    else if isPackage v then leaf path null
    else if builtins.isAttrs v && v != { } then
      builtins.concatLists (map (n: walk (path ++ [ n ]) v.${n}) (builtins.attrNames v))
    else if builtins.isList v && v != [ ] && builtins.all (e: builtins.isAttrs e && !(isPackage e)) v then
      builtins.concatLists (map (walk (path ++ [ "*" ])) v)
    else leaf path v;
  top = removeAttrs body [ "imports" ];
in
{
  config = walk [ ] (if top ? config || top ? options then top.config or { } else top);
  options = walk [ ] (top.options or { });
}
