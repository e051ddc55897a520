# Stands in for `import nixpkgs { … }` when tests evaluate a generated flake's outputs.
{ system, config ? { } }: { inherit system; unfree = config ? allowUnfreePredicate; }
