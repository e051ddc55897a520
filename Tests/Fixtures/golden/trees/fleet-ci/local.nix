# Your own home-manager module. pdev created this file once and will never change it.
#
# pdev sets every value it chooses with lib.mkDefault, so a plain definition here wins,
# whether it is a single value or a list (the whole list is yours then):
#   programs.git.settings.user.email = "work@example.org";
#   programs.git.ignores = [ ".direnv" ];
#   programs.nixvim.plugins.hardtime.settings.disabled_filetypes = [ "oil" ];
# Attribute sets merge key by key. Collections pdev assembles (home.packages, nixvim keymaps)
# add up: home.packages = [ pkgs.tealdeer ]; installs tealdeer next to pdev's packages.
{ config, lib, pkgs, ... }:
{
}
