{
  description = "pdev: set up and grow a developer environment on Nix";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs =
    { self, nixpkgs }:
    let
      systems = [
        "x86_64-linux"
        "aarch64-linux"
        "x86_64-darwin"
        "aarch64-darwin"
      ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      packages = forAllSystems (pkgs: {
        default = pkgs.swiftPackages.stdenv.mkDerivation {
          pname = "pdev";
          version = "0.1.0";
          src = nixpkgs.lib.cleanSource ./.;

          # The swiftpm setup hook provides the build phase: a release build.
          nativeBuildInputs = [
            pkgs.swift
            pkgs.swiftpm
            pkgs.pkg-config
          ];
          buildInputs = [
            pkgs.libyaml
            pkgs.swiftPackages.Foundation
          ];
          swiftpmFlags = [
            "--product"
            "pdev"
          ];

          # pdev finds its templates and profiles in ../share/pdev next to its binary.
          installPhase = ''
            runHook preInstall
            install -D "$(swiftpmBinPath)/pdev" "$out/bin/pdev"
            mkdir -p "$out/share/pdev"
            cp -R templates profiles "$out/share/pdev/"
            runHook postInstall
          '';

          meta = {
            description = "Renders home-manager and nixvim configuration, with week-by-week Neovim habit levels";
            mainProgram = "pdev";
            platforms = nixpkgs.lib.platforms.unix;
          };
        };
      });

      apps = forAllSystems (pkgs: {
        default = {
          type = "app";
          program = "${self.packages.${pkgs.stdenv.hostPlatform.system}.default}/bin/pdev";
        };
      });
    };
}
