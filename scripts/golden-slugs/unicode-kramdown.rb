# Dumps what kramdown's id generators make of every single code point
# (same output format as unicode-github-slugger.mjs).
#   ruby unicode-kramdown.rb gfm       -> Kramdown::Parser::GFM#generate_gfm_header_id
#   ruby unicode-kramdown.rb kramdown  -> Kramdown::Converter::Base#basic_generate_id
require 'kramdown'
require 'kramdown-parser-gfm'

mode = ARGV.fetch(0)
if mode == 'gfm'
  parser = Kramdown::Parser::GFM.send(:new, +'', Kramdown::Options.defaults)
  gen = lambda do |s|
    parser.instance_variable_set(:@id_counter, Hash.new(-1))
    parser.send(:generate_gfm_header_id, s)
  end
else
  conv = Kramdown::Converter::Html.send(:new, Kramdown::Element.new(:root), Kramdown::Options.defaults)
  gen = ->(s) { conv.basic_generate_id(s) }
end

out = []
run = nil
flush = lambda do
  out << format("%x-%x\t%s", run[0], run[1], run[2]) if run
  run = nil
end
(0..0x10ffff).each do |cp|
  next if cp.between?(0xd800, 0xdfff)
  c = cp.chr(Encoding::UTF_8)
  r = gen.call(c)
  k = if r == c then '=' elsif r.empty? then '' end
  if k
    if run && run[2] == k && run[1] == cp - 1
      run[1] = cp
    else
      flush.call
      run = [cp, cp, k]
    end
  else
    flush.call
    out << format("%x\t%s", cp, r.codepoints.map { |x| x.to_s(16) }.join(' '))
  end
end
flush.call
puts out
