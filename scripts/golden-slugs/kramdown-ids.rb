# Usage: ruby kramdown-ids.rb GFM|kramdown MARKDOWN_FILE
# Converts MARKDOWN_FILE with kramdown to HTML using Jekyll's default kramdown options
# (lib/jekyll/configuration.rb) with the given input parser, and prints the heading ids
# (see extract-ids.rb).
require 'kramdown'
require 'kramdown-parser-gfm'

options = {
  auto_ids: true,
  toc_levels: (1..6).to_a,
  entity_output: :as_char,
  smart_quotes: %w[lsquo rsquo ldquo rdquo],
  input: ARGV.fetch(0),
  hard_wrap: false,
  footnote_nr: 1,
}
html = Kramdown::Document.new(File.read(ARGV.fetch(1), encoding: 'UTF-8'), options).to_html
IO.popen(['ruby', File.join(__dir__, 'extract-ids.rb')], 'r+') do |io|
  io.write(html)
  io.close_write
  $stdout.write(io.read)
end
