# Dumps what Hugo's heading id generator (autoHeadingIDType = ARGV[0]) makes of every
# non-ASCII code point (same output format as unicode-github-slugger.mjs, cps >= 0x80 only).
# Code points are packed many to a heading between separators, each heading tagged so
# that no two ids collide, and read back from the ids Hugo writes.
require 'tmpdir'
idtype = ARGV.fetch(0)
here = __dir__
chunk = 256
cps = (0x80..0x10ffff).reject { |cp| cp.between?(0xd800, 0xdfff) }
groups = cps.each_slice(chunk).to_a
md = +''
groups.each_with_index do |g, i|
  if idtype == 'blackfriday'
    # letters/numbers survive, anything else turns into one '-' before the next survivor
    md << "# h#{i}z" << g.map { |cp| cp.chr(Encoding::UTF_8) + 'z' }.join << "\n\n"
  else
    md << "# h#{i}-" << g.map { |cp| cp.chr(Encoding::UTF_8) }.join('-') << "\n\n"
  end
end
ids = Dir.mktmpdir do |d|
  File.write("#{d}/u.md", md)
  IO.popen([File.join(here, 'hugo-ids.sh'), idtype, "#{d}/u.md"], &:read).split("\n")
end
raise "expected #{groups.size} ids, got #{ids.size}" unless ids.size == groups.size

results = []
groups.each_with_index do |g, i|
  id = ids[i]
  if idtype == 'blackfriday'
    prefix = "h#{i}z"
    raise "bad id #{id}" unless id.start_with?(prefix)
    toks = id[prefix.size..].split('z', -1)
    toks.pop if toks.last == ''
  else
    prefix = "h#{i}-"
    raise "bad id #{id}" unless id.start_with?(prefix)
    toks = id[prefix.size..].split('-', -1)
  end
  raise "group #{i}: #{toks.size} tokens for #{g.size} cps: #{id}" unless toks.size == g.size
  g.zip(toks) { |cp, t| results << [cp, t == '-' ? '' : t] }
end

out = []
run = nil
flush = lambda do
  out << format("%x-%x\t%s", run[0], run[1], run[2]) if run
  run = nil
end
results.each do |cp, r|
  c = cp.chr(Encoding::UTF_8)
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
