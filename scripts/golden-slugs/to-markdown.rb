# Usage: ruby to-markdown.rb kramdown|goldmark HEADINGS_FILE
# Writes one "# text" ATX heading per line of HEADINGS_FILE, separated by blank lines, with the
# characters that would start markup backslash-escaped so that the heading's plain text is the
# line itself. A trailing " {#id}" is kept as an explicit id.
#
# Escaping never changes an id: the generators that slug the raw source (goldmark, plain
# kramdown) drop the backslash together with the punctuation it escapes. kramdown's own
# typography (smart quotes, `--`, `...`, `<<`) is left alone on purpose: Jekyll users write
# those unescaped.
flavor = ARGV.fetch(0)
lines = File.read(ARGV.fetch(1), encoding: 'UTF-8').split("\n").reject(&:empty?)

def escape(text, flavor)
  if flavor == 'goldmark'
    text.gsub(/[\\`*_\[\]{}<>#!~|&]/) { |c| "\\#{c}" }
  else
    text.gsub(/[\\`*_\[\]{}\#$~]|<(?=[A-Za-z\/!?])/) { |c| "\\#{c}" }
  end
end

out = lines.map do |line|
  m = /\A(.*) \{#([^}]*)\}\z/.match(line)
  m ? "# #{escape(m[1], flavor)} {##{m[2]}}" : "# #{escape(line, flavor)}"
end
puts out.join("\n\n")
