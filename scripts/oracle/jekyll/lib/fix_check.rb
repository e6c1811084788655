# The rendered-identical check of `postlint --fix`: the site is copied, postlint fixes the
# copy, and both are built by Jekyll (drafts included, so they are judged too); each post whose
# file changed must render to the same HTML, `<br>`, `<br/>` and `<br />` being one spelling.
require "digest"
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
    verdicts = changed.to_h do |path|
      a = rendering(before, path)
      b = rendering(after, path)
      [path, Verdict.new(path: path, after_sha256: Digest::SHA256.file(File.join(fixed, path)).hexdigest,
                         render_identical: a == b, before: a, after: b)]
    end
    [before, after].each(&:cleanup)
    FileUtils.rm_rf(fixed)
    verdicts
  end

  private

  def rendering(build, path)
    failure = build.failures.find { |f| f.path == path }
    return "failed: #{failure.message}" if failure

    post = build.posts[path]
    return nil unless post && File.file?(post.output)

    File.read(post.output, encoding: "UTF-8").gsub(%r{<br\s*/?>}, "<br>")
  end
end
