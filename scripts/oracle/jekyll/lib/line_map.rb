# Maps lines of the Markdown kramdown received (after Liquid) back to lines of the source file.
#
# Liquid may change line counts (a `{% for %}` writing several lines, a multi-line
# `{% comment %}`), so the two are aligned line by line with a longest common subsequence:
# equal lines map exactly, and lines inside a changed hunk map to the hunk's source lines in
# order (the last one when Liquid wrote more lines than the source had).
class LineMap
  # source_body: the file's text after its front matter; offset: lines before the body.
  def initialize(source_body, converted, offset)
    @offset = offset
    @map = align(source_body.split("\n", -1), converted.split("\n", -1))
  end

  # 1-based line in the converted text -> 1-based line in the source file.
  def source_line(converted_line)
    return nil if converted_line.nil?

    index = [[converted_line - 1, 0].max, @map.length - 1].min
    @map[index] + 1 + @offset
  end

  private

  def align(src, out)
    n = src.length
    m = out.length
    # lcs[i][j]: length of the LCS of src[i..] and out[j..]
    lcs = Array.new(n + 1) { Array.new(m + 1, 0) }
    (n - 1).downto(0) do |i|
      (m - 1).downto(0) do |j|
        lcs[i][j] = src[i] == out[j] ? lcs[i + 1][j + 1] + 1 : [lcs[i + 1][j], lcs[i][j + 1]].max
      end
    end
    map = Array.new(m)
    i = j = 0
    hunk_src = i
    hunk_out = j
    flush = lambda do |to_i, to_j|
      (hunk_out...to_j).each do |k|
        map[k] = to_i > hunk_src ? [hunk_src + (k - hunk_out), to_i - 1].min : [hunk_src, n - 1].min
      end
    end
    while i < n && j < m
      if src[i] == out[j]
        flush.call(i, j)
        map[j] = i
        i += 1
        j += 1
        hunk_src = i
        hunk_out = j
      elsif lcs[i + 1][j] >= lcs[i][j + 1]
        i += 1
      else
        j += 1
      end
    end
    flush.call(n, m)
    map.map { |line| [line, 0].max }
  end
end
