# Usage:
#   ruby facts.rb SITE OUT.json POSTLINT              all facts of a fixture site
#   ruby facts.rb --fix-only SITE OUT.json POSTLINT   only the `fix` facts, in an existing file
#   ruby facts.rb --summary SITE OUT.json POSTLINT BLOCKS   render check of a generated site
#                                                          of BLOCKS blocks per post
#
# Builds SITE (a Jekyll site folder) with the real Jekyll in this process and writes its facts
# in format 1 (scripts/oracle/README.md). POSTLINT is the postlint binary whose `--fix` is held
# against Jekyll's rendering.
$LOAD_PATH.unshift(File.join(__dir__, "lib"))
require "json"
require "kramdown-parser-gfm"
require "site_build"
require "page_facts"
require "fix_check"
require "facts_json"

POST_GLOBS = ["**/_posts/**/*.{md,markdown}", "_drafts/**/*.{md,markdown}"].freeze

# The Markdown files postlint lints as posts under the jekyll preset.
def post_paths(site)
  Dir.chdir(site) do
    Dir.glob(POST_GLOBS).reject do |path|
      path.split("/").drop(1).any? { |segment| segment.start_with?("_", ".") && segment != "_posts" } ||
        path.start_with?("_site/")
    end.sort
  end
end

def tools
  { "jekyll" => Jekyll::VERSION, "kramdown" => Kramdown::VERSION,
    "kramdown-parser-gfm" => Kramdown::Parser::GFM::VERSION, "ruby" => RUBY_VERSION }
end

def fix_facts(site, paths, postlint)
  FixCheck.new(site, postlint).run(paths).transform_values do |verdict|
    { "after_sha256" => verdict.after_sha256, "render_identical" => verdict.render_identical }
  end
end

def all_facts(site, postlint)
  paths = post_paths(site)
  build = SiteBuild.new(site).build
  warn "#{site}: stubbed #{build.stubbed.uniq.join(', ')}" unless build.stubbed.empty?
  built = BuiltSite.new(build.dest, base_url(build.dir))
  pages = paths.map { |path| PageFacts.new(site, path, build, built).to_h }
  build.cleanup
  fixes = fix_facts(site, paths, postlint)
  pages.each { |page| page["fix"] = fixes[page["path"]] }
  { "format" => 1, "generator" => "jekyll", "tools" => tools, "base_url" => base_url(site), "pages" => pages }
end

# The site's `baseurl` as served: `""` or `/path` (no trailing `/`). Every `url` in the facts
# starts with it; `postlint::inspect` gives URLs without it.
def base_url(dir)
  Jekyll.configuration("source" => dir, "quiet" => true)["baseurl"].to_s.chomp("/")
end

def fix_only(site, out, postlint)
  facts = JSON.parse(File.read(out, encoding: "UTF-8"))
  fixes = fix_facts(site, facts["pages"].map { |p| p["path"] }, postlint)
  facts["tools"] = tools
  facts = { "format" => facts["format"], "generator" => facts["generator"], "tools" => tools,
            "base_url" => base_url(site) }.merge(facts)
  facts["pages"].each { |page| page["fix"] = fixes[page["path"]] }
  facts
end

def summary(posts_dir, postlint, blocks)
  paths = post_paths(posts_dir)
  verdicts = FixCheck.new(posts_dir, postlint).run(paths).values
  differing = verdicts.reject(&:render_identical)
  {
    "generator" => "jekyll", "tools" => tools, "posts" => paths.length, "paragraphs" => paths.length * Integer(blocks),
    "files_fixed" => verdicts.length, "identical" => verdicts.length - differing.length,
    "differing" => differing.length,
    "examples" => differing.first(3).map { |v| { "path" => v.path, "diff" => first_difference(v.before, v.after) } },
  }
end

# The first differing line of two renderings, with its neighbours.
def first_difference(before, after)
  a = before.to_s.lines
  b = after.to_s.lines
  index = (0...[a.length, b.length].max).find { |i| a[i] != b[i] } || 0
  { "before" => a[[index - 1, 0].max, 3].to_a.join, "after" => b[[index - 1, 0].max, 3].to_a.join }
end

mode = ARGV.first&.start_with?("--") ? ARGV.shift : "--all"
site, out, postlint, blocks = ARGV
postlint &&= File.expand_path(postlint)
abort File.read(__FILE__)[/\A(#.*\n)+/] unless site && out && postlint
case mode
when "--all" then File.write(out, FactsJson.dump(all_facts(site, postlint)))
when "--fix-only" then File.write(out, FactsJson.dump(fix_only(site, out, postlint)))
when "--summary" then File.write(out, JSON.pretty_generate(summary(site, postlint, blocks)) + "\n")
else abort "unknown mode #{mode}"
end
