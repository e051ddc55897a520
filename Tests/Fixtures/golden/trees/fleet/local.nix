# Your own home-manager module. pdev created this file once and will never change it.
#
# Everything pdev generates is set with lib.mkDefault, so a plain definition here wins:
#   programs.git.settings.user.email = "work@example.org";
#   programs.nixvim.opts.relativenumber = false;
# Lists add up: home.packages = [ pkgs.tealdeer ]; installs tealdeer next to pdev's packages.
{ config, lib, pkgs, ... }:
{
}
