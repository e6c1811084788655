#!/usr/bin/env bash
# Installs the Jekyll oracle's tools from Debian's packages (idempotent) and prints their versions.
#
#   scripts/oracle/jekyll/install.sh          install what is missing, print versions as JSON
#
# Debian 12 ships jekyll 4.3.1 with kramdown 2.4.0 and kramdown-parser-gfm 1.1.0: the versions
# the oracle's facts record. ruby-nokogiri reads the built HTML.
set -euo pipefail

packages=(jekyll ruby-kramdown ruby-kramdown-parser-gfm ruby-nokogiri)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$package")
done

if ((${#missing[@]})); then
  echo "installing ${missing[*]}" >&2
  sudo=""
  [[ $(id -u) == 0 ]] || sudo="sudo"
  # Other jobs on the machine may hold the dpkg lock for a while: wait for it.
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -q >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q \
    --no-install-recommends "${missing[@]}" >&2
fi

ruby -e '
  require "jekyll"; require "kramdown"; require "kramdown-parser-gfm"; require "nokogiri"; require "json"
  debs = %w[jekyll ruby-kramdown ruby-kramdown-parser-gfm].to_h do |p|
    [p, IO.popen(["dpkg-query", "-W", "-f=${Version}", p], &:read).strip]
  end
  puts JSON.generate({
    "jekyll" => Jekyll::VERSION, "kramdown" => Kramdown::VERSION,
    "kramdown-parser-gfm" => Kramdown::Parser::GFM::VERSION, "nokogiri" => Nokogiri::VERSION,
    "ruby" => RUBY_VERSION, "debian" => debs,
  })
'
