# Facts from kramdown's own tree and converter, for the Markdown a post really handed to
# kramdown (after Liquid): heading ids, `<br>` tags and where they ended up, links and images,
# and reference-style links kramdown left as text because their label has no definition.
# Lines are kramdown's `options[:location]` (1-based in the converted text), except inside
# tables, where kramdown parses each cell on its own and reports no usable line: there the
# caller finds the line from the table's first line (see `table_line`).
require "cgi"
require "kramdown"

module KramdownFacts
  # Records the id the HTML converter gives each Markdown header, in document order.
  module HeaderSink
    def convert_header(el, indent)
      html = super
      sink = Thread.current[:oracle_headers]
      if sink
        id = html[/\A\s*<h\d[^>]*?\sid="([^"]*)"/, 1]
        sink << { location: el.options[:location], id: id && CGI.unescapeHTML(id) }
      end
      html
    end
  end
  Kramdown::Converter::Html.prepend(HeaderSink)

  PROSE = %i[p header li blockquote dt dd].freeze
  BR_TAG = %r{<\s*br\b[^>]*>}i
  BR_TEXT = %r{<\s*/?\s*br\b[^>]*>}i
  Result = Struct.new(:html, :headers, :br, :refs, :undefined, :warnings, keyword_init: true)

  # content: Markdown after Liquid; options: the kramdown options of the site's converter.
  def self.read(content, options)
    document = Kramdown::JekyllDocument.new(content, options)
    Thread.current[:oracle_headers] = headers = []
    html = document.to_html
    Thread.current[:oracle_headers] = nil
    walker = Walker.new(content.split("\n", -1))
    walker.walk(document.root, [])
    place_closing_tags(walker.br, document.warnings, content.split("\n", -1))
    Result.new(html: html, headers: headers.select { |h| h[:id] && !h[:id].empty? },
               br: walker.br, refs: walker.refs,
               undefined: walker.undefined,
               warnings: document.warnings)
  end

  # A text node's location is the line of whatever came before it, not where its text starts
  # (kramdown's Parser::Base#add_text), but kramdown warns about each `</br>` it escapes with
  # the line where its parser met it: each such `<br>` not already on a line that shows one
  # takes the nearest of those lines.
  LITERAL = %r{<\s*/\s*br\b|<\s+/?\s*br\b}i

  def self.place_closing_tags(brs, warnings, lines)
    lines_warned = warnings.filter_map { |w| w[/\AFound invalidly used HTML closing tag for 'br' on line (\d+)\z/, 1]&.to_i }
    brs.each do |br|
      next unless br[:context] == "text" && !br[:table] && br[:location]
      next if lines[br[:location] - 1].to_s.match?(LITERAL)

      nearest = lines_warned.each_with_index.min_by { |line, _| [(line - br[:location]).abs, -line] }
      next unless nearest && (nearest[0] - br[:location]).abs <= 3

      br[:location] = nearest[0]
      lines_warned.delete_at(nearest[1])
    end
  end

  # Walks the tree with its ancestors, collecting `<br>` tags and links. Footnote definitions
  # are walked where their first marker is (kramdown prints them at the end of the page).
  class Walker
    attr_reader :br, :refs, :undefined

    # lines: the Markdown kramdown read, to place definition terms (see `term_lines`).
    def initialize(lines)
      @lines = lines
      @br = []
      @refs = []
      @undefined = []
      @footnotes = {}
      @shift = {}
    end

    def walk(el, ancestors)
      term_lines(el) if el.type == :dl
      visit(el, ancestors)
      chain = ancestors + [el]
      el.children.each { |child| walk(child, chain) }
      return unless el.type == :footnote && el.value && !@footnotes[el.value.object_id]

      @footnotes[el.value.object_id] = true
      walk(el.value, [])
    end

    private

    # kramdown gives a definition term (and everything in it) the line of the `:` that follows
    # the terms. The terms of a run are the lines right above that line (a blank line may stand
    # between): move each term's records to its own line.
    def term_lines(dl)
      dl.children.chunk_while { |a, b| a.type == :dt && b.type == :dt }.each do |run|
        next unless run.first.type == :dt && run.first.options[:location]

        colon = run.first.options[:location] - 1
        last = colon - 1
        last -= 1 if last >= 0 && @lines[last].to_s.strip.empty?
        run.each_with_index do |dt, i|
          line = last - (run.length - 1) + i
          @shift[dt.object_id] = line + 1 - dt.options[:location] if line >= 0
        end
      end
    end

    def visit(el, ancestors)
      location = el.options[:location]
      shift = ancestors.reverse.lazy.map { |a| @shift[a.object_id] }.find(&:itself) || @shift[el.object_id]
      location += shift if location && shift
      table = ancestors.reverse.find { |a| a.type == :table }
      case el.type
      when :html_element
        if el.value.to_s.downcase == "br"
          @br << { location: location, context: br_context(ancestors), table: table }
        end
        ref(el, location, table, "a", "href", "link")
        ref(el, location, table, "img", "src", "image")
      when :a
        @refs << ref_record("link", el.attr["href"], location, table) if el.attr["href"]
      when :img
        @refs << ref_record("image", el.attr["src"], location, table) if el.attr["src"]
      when :raw
        # {::nomarkdown} and other raw output: passed through as it is.
        raw = el.value.to_s
        raw.scan(BR_TAG) do
          line = location && location + raw[0, Regexp.last_match.begin(0)].count("\n")
          @br << { location: line, context: "html", table: table }
        end
      when :text
        undefined_references(el.value.to_s, location)
        # A tag kramdown could not take as HTML (`</br>`) is escaped and shown as text.
        # A text node may span lines: count them up to each match.
        text = el.value.to_s
        text.scan(BR_TEXT) do
          line = location && location + text[0, Regexp.last_match.begin(0)].count("\n")
          @br << { location: line, context: "text", table: table }
        end
      end
    end

    # A reference-style link whose label has no definition is printed as text, brackets and
    # all. Only the explicit forms `[text][label]` and `[label][]` are recorded: a lone
    # `[label]` left as text is as often prose in brackets as a reference.
    def undefined_references(text, location)
      text.scan(/(!?)\[([^\[\]]*)\]\[([^\[\]]*)\]/) do |bang, inner, label|
        @undefined << { location: location, kind: bang.empty? ? "link" : "image",
                        label: label.empty? ? inner : label, text: Regexp.last_match(0) }
      end
    end

    def ref(el, location, table, name, attr, kind)
      return unless el.value.to_s.downcase == name && el.attr[attr]

      @refs << ref_record(kind, el.attr[attr], location, table)
    end

    def ref_record(kind, target, location, table)
      { location: location, kind: kind, target: target, table: table }
    end

    def br_context(ancestors)
      ancestors.reverse_each do |a|
        return "table" if a.type == :td
        return "prose" if PROSE.include?(a.type)
        next unless a.type == :html_element && a.options[:category] == :block

        # `markdown="1"`/`"span"` on a block element: its text is parsed as Markdown spans.
        return a.options[:content_model] == :span ? "prose" : "html"
      end
      "prose"
    end
  end
end
