# The rendered-identical check of `postlint --fix`: the site is copied, postlint fixes the
# copy, and both are built by Jekyll (drafts included, so they are judged too); each post whose
# file changed must render the same, as the oracles' shared `scripts/oracle/same_render.py`
# compares two renderings (only what a browser does not show is normalised).
require "digest"
require "json"
require "open3"
require_relative "site_build"

class FixCheck
  Verdict = Struct.new(:path, :after_sha256, :render_identical, :before, :after, keyword_init: true)

  def initialize(site, postlint)
    @site = site
    @postlint = postlint
  end

  # Verdicts for every post file postlint changed, by path.
  def run(paths)
    fixed = Dir.mktmpdir("oracle-jekyll-fixed-")
    FileUtils.cp_r(File.join(@site, "."), fixed)
    _out, err, status = Open3.capture3(@postlint, "--fix", "--quiet", "--format", "json",
                                       "--no-cache", ".", chdir: fixed)
    raise "postlint --fix failed (#{status.exitstatus}): #{err}" if status.exitstatus.to_i > 1

    changed = paths.reject { |p| File.binread(File.join(@site, p)) == File.binread(File.join(fixed, p)) }
    return {} if changed.empty?

    before = SiteBuild.new(@site, drafts: true).build
    after = SiteBuild.new(fixed, drafts: true).build
    pairs = changed.map { |path| [rendering(before, path), rendering(after, path)] }
    same = FixCheck.same_render(pairs)
    verdicts = changed.each_with_index.to_h do |path, i|
      [path, Verdict.new(path: path, after_sha256: Digest::SHA256.file(File.join(fixed, path)).hexdigest,
                         render_identical: same[i], before: pairs[i][0], after: pairs[i][1])]
    end
    [before, after].each(&:cleanup)
    FileUtils.rm_rf(fixed)
    verdicts
  end

  SAME_RENDER = File.expand_path("../../same_render.py", __dir__)

  # [[before, after], …] -> [true/false, …], by same_render.py's `same` (one Python process).
  # A page that failed or was not rendered is compared as a string by itself.
  def self.same_render(pairs)
    script = "import json, sys\nsys.path.insert(0, sys.argv[1])\nfrom same_render import same\n" \
             "pairs = json.load(sys.stdin)\n" \
             "print(json.dumps([a == b if a is None or b is None else same(a, b) for a, b in pairs]))\n"
    out, err, status = Open3.capture3("python3", "-c", script, File.dirname(SAME_RENDER),
                                      stdin_data: JSON.generate(pairs))
    raise "same_render.py failed: #{err}" unless status.success?

    JSON.parse(out)
  end

  private

  def rendering(build, path)
    failure = build.failures.find { |f| f.path == path }
    return "failed: #{failure.message}" if failure

    post = build.posts[path]
    return nil unless post && File.file?(post.output)

    File.read(post.output, encoding: "UTF-8")
  end
end
