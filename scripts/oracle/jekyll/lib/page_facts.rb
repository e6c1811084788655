# The facts of one post of a built site: its URL and date, heading ids, `<br>` tags, links and
# images with whether they resolve, front matter Jekyll ignored or rejected, and errors.
require "set"
require_relative "kramdown_facts"
require_relative "line_map"
require_relative "built_site"

class PageFacts
  # Jekyll's own front matter pattern (Jekyll::Document::YAML_FRONT_MATTER_REGEXP).
  FRONT_MATTER = %r!\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)!m.freeze
  # Keys Jekyll itself reads from a post's front matter. A key equal to one of them but for
  # letter case (`Date`, `Title`) is silently ignored: Jekyll's keys are case-sensitive.
  JEKYLL_KEYS = %w[
    title date layout permalink published categories category tags tag slug excerpt
    excerpt_separator render_with_liquid
  ].freeze

  def initialize(site_dir, path, build, built_site)
    @path = path
    @source = File.read(File.join(site_dir, path), encoding: "UTF-8")
    @build = build
    @built = built_site
    match = @source.match(FRONT_MATTER)
    @front_matter = match ? match[0] : ""
    @offset = @front_matter.count("\n")
    @lines = @source.split("\n", -1)
    @post = build.posts[path]
  end

  def to_h
    rendered = !@post.nil? && File.file?(@post.output)
    facts = {
      "path" => @path, "rendered" => rendered,
      "url" => @post && @built.served(BuiltSite.decode(@post.url)),
      "date" => @post && @post.date.strftime("%Y-%m-%d"),
      "heading_ids" => [], "br" => [], "refs" => [],
      "front_matter" => front_matter, "errors" => errors, "fix" => nil
    }
    return facts unless rendered && @post.converted

    read = KramdownFacts.read(@post.converted, @build.kramdown_options)
    check_same_output(read.html)
    map = LineMap.new(@source[@front_matter.length..], @post.converted, @offset)
    url = facts["url"]
    facts["heading_ids"] = read.headers.map { |h| { "line" => map.source_line(h[:location]), "id" => h[:id] } }
    facts["br"] = br_records(read.br, map)
    facts["refs"] = ref_records(read.refs, map, url) + undefined_records(read.undefined, map)
    %w[heading_ids br refs].each { |key| facts[key] = facts[key].each_with_index.sort_by { |r, i| [r["line"], i] }.map(&:first) }
    facts
  end

  private

  # The build's own output must hold exactly what this re-conversion gives, or the facts
  # would describe another parse than Jekyll's.
  def check_same_output(html)
    output = File.read(@post.output, encoding: "UTF-8")
    return if output.include?(html.strip)

    raise "#{@path}: kramdown re-conversion differs from Jekyll's output"
  end

  def br_records(brs, map)
    per_table = Hash.new(0)
    previous = 1
    brs.map do |br|
      line = if br[:table]
               nth = per_table[br[:table].object_id]
               per_table[br[:table].object_id] += 1
               table_line(br[:table], map) { |text| text.scan(KramdownFacts::BR_TEXT).length }.call(nth)
             else
               br[:location] && map.source_line(br[:location])
             end
      line = nearest_br_line(line || previous)
      previous = line
      { "line" => line, "context" => br[:context] }
    end
  end

  # kramdown's line numbers drift after it backtracks (its scanner caches the line of the last
  # position): a `<br>` placed on a line without one is on the nearest line that has one.
  def nearest_br_line(line)
    return line if @lines[line - 1].to_s.match?(KramdownFacts::BR_TEXT)

    near = [-1, 1, -2, 2, -3, 3].map { |d| line + d }.find do |l|
      l >= 1 && @lines[l - 1].to_s.match?(KramdownFacts::BR_TEXT)
    end
    warn "#{@path}:#{line}: no <br> on this line" unless near
    near || line
  end

  # A table's cells carry no usable line: count occurrences from the table's first line on.
  def table_line(table, map, &count)
    start = map.source_line(table.options[:location])
    lambda do |nth|
      seen = 0
      (start..@lines.length).each do |line|
        text = @lines[line - 1].to_s
        break if text.strip.empty? && line > start

        found = count.call(text)
        return line if nth < seen + found

        seen += found
      end
      start
    end
  end

  def ref_records(refs, map, url)
    per_target = Hash.new(0)
    refs.filter_map do |ref|
      target = ref[:target].to_s
      next if target.empty? || !BuiltSite.local?(target)

      line = if ref[:table]
               key = [ref[:table].object_id, target]
               nth = per_target[key]
               per_target[key] += 1
               # Liquid may have written the target (`{{ site.baseurl }}/x`): match its tail.
               tail = File.basename(target.split("#").first.to_s)
               needle = @lines.any? { |l| l.include?(target) } || tail.empty? ? target : tail
               table_line(ref[:table], map) { |text| text.scan(needle).length }.call(nth)
             else
               map.source_line(ref[:location])
             end
      broken = @built.broken(target, url, ref[:kind])
      record = { "line" => line, "kind" => ref[:kind], "target" => target, "ok" => broken.nil? }
      record["broken"] = broken if broken
      record
    end
  end

  def undefined_records(undefined, map)
    undefined.map do |ref|
      # Text node locations are approximate; fixtures keep each such text unique in its page.
      index = @lines.index { |l| l.include?(ref[:text]) }
      { "line" => index ? index + 1 : map.source_line(ref[:location]), "kind" => ref[:kind], "target" => ref[:label],
        "ok" => false, "broken" => "undefined" }
    end
  end

  def front_matter_line(key)
    index = @lines.first(@offset).index { |l| l.match?(/\A#{Regexp.escape(key)}\s*:/) }
    index && index + 1
  end

  def front_matter
    records = []
    keys = @lines.first(@offset).filter_map { |l| l[/\A([^\s#:][^:]*?)\s*:/, 1] }
    keys.each do |key|
      next if JEKYLL_KEYS.include?(key) || !JEKYLL_KEYS.include?(key.downcase)

      records << { "line" => front_matter_line(key), "key" => key, "status" => "ignored" }
    end
    failure = @build.failures.find { |f| f.path == @path }
    if failure && failure.error == "Jekyll::Errors::InvalidDateError"
      records << { "line" => front_matter_line("date"), "key" => "date", "status" => "rejected" }
    end
    records.sort_by { |r| r["line"].to_i }
  end

  def errors
    records = @build.failures.select { |f| f.path == @path }.map do |failure|
      { "line" => failure_line(failure), "message" => failure.message }
    end
    @build.logs.each do |log|
      next unless log[:level] == :error && log[:path] == @path
      next if log[:topic].start_with?("Liquid Exception") # the failure itself, recorded above

      records << { "line" => 1, "message" => @build.relative("#{log[:topic]} #{log[:message]}".strip) }
    end
    records
  end

  def failure_line(failure)
    case failure.error
    when "Jekyll::Errors::InvalidDateError"
      front_matter_line("date") || 1
    when "Jekyll::Errors::PostURLError"
      name = failure.message[/Could not find post "([^"]+)"/, 1]
      index = name && @lines.index { |l| l.include?("post_url") && l.include?(name) }
      index ? index + 1 : 1
    else
      number = failure.message[/line (\d+)/, 1]
      number ? number.to_i + @offset : 1
    end
  end
end
