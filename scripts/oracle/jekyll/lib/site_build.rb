# Builds a copy of a fixture site with the real Jekyll, in this process, and keeps what the
# facts need: each post's URL, date, output file, front matter as Jekyll read it, the Markdown
# kramdown received, and every error. A post that stops the whole build (an invalid date, a
# `post_url` to no post, a Liquid syntax error) is recorded with Jekyll's message, taken out of
# the copy, and the build is run again, so one broken post does not hide the others' facts.
require "fileutils"
require "tmpdir"
require_relative "capture"

class SiteBuild
  Post = Struct.new(:path, :url, :date, :output, :data, :converted, keyword_init: true)
  Failure = Struct.new(:path, :message, :error, keyword_init: true)

  attr_reader :dir, :dest, :posts, :failures, :logs, :stubbed, :kramdown_options

  # site: the fixture site; drafts: also render drafts, future and unpublished posts (the fix
  # check does, to judge them too).
  # Jekyll's `time` (what "future" posts and undated posts are measured against) defaults to
  # the clock; a fixed one keeps the facts the same from run to run.
  TIME = "2030-01-01 00:00:00"

  def initialize(site, drafts: false, copy: true)
    @dir = copy ? Dir.mktmpdir("oracle-jekyll-") : site
    FileUtils.cp_r(File.join(site, "."), @dir) if copy
    @dest = Dir.mktmpdir("oracle-jekyll-site-")
    @drafts = drafts
    @failures = []
    @stubbed = []
  end

  def cleanup
    FileUtils.rm_rf([@dir, @dest])
  end

  def build
    loop do
      OracleCapture.reset
      Jekyll::Cache.base_cache.each_value(&:clear) # conversions are cached by content
      site = Jekyll::Site.new(configuration)
      begin
        site.process
      rescue StandardError => e
        path = OracleCapture.current
        raise if path.nil? || !File.exist?(File.join(@dir, path)) || @failures.length > 50

        @failures << Failure.new(path: path, message: relative(e.message.strip), error: e.class.name)
        FileUtils.rm_f(File.join(@dir, path))
        next
      end
      collect(site)
      return self
    end
  end

  # Jekyll's messages name files by absolute path in the temporary copy.
  def relative(message)
    message.gsub("#{@dir}/", "").gsub(@dir, ".")
  end

  private

  def configuration
    config = Jekyll.configuration(
      "source" => @dir, "destination" => @dest, "quiet" => true, "show_drafts" => @drafts,
      "disable_disk_cache" => true, "incremental" => false
    )
    config["time"] ||= TIME
    if @drafts
      config["future"] = true
      config["unpublished"] = true
    end
    stub_theme(config)
    stub_plugins(config)
    config
  end

  # The oracle runs the site without its theme and plugins when they are not installed: posts
  # are rendered with the site's own layouts (or none), so the output holds just the post.
  def stub_theme(config)
    theme = config["theme"]
    return unless theme.is_a?(String) && Gem::Specification.find_all_by_name(theme).empty?

    @stubbed << "theme #{theme}"
    config["theme"] = nil
  end

  def stub_plugins(config)
    %w[plugins gems].each do |key|
      next unless config[key].is_a?(Array)

      config[key] = config[key].select do |name|
        require name
        true
      rescue LoadError
        @stubbed << "plugin #{name}"
        false
      end
    end
  end

  def collect(site)
    @logs = OracleCapture.logs.dup
    converter = site.find_converter_instance(Jekyll::Converters::Markdown)
    parser = converter.instance_variable_get(:@parser)
    @kramdown_options = parser.instance_variable_get(:@config)
    @posts = site.posts.docs.to_h do |doc|
      [doc.relative_path, Post.new(
        path: doc.relative_path, url: doc.url, date: doc.date, output: doc.destination(@dest),
        data: doc.data, converted: OracleCapture.converted[doc.relative_path]
      )]
    end
  end
end
