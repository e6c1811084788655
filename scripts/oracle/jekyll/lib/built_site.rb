# Answers "does this URL resolve in the built site?" the way a static host serving Jekyll's
# `_site` under the site's `baseurl` does (GitHub Pages, `jekyll serve`): a file, a folder's `index.html`, or `x.html` for
# an extension-less `x`; and for a `#fragment`, an element with that `id` (or an `<a name>`)
# in the page served there.
require "nokogiri"

class BuiltSite
  def initialize(dest, baseurl)
    @dest = dest
    @baseurl = baseurl.to_s.chomp("/")
    @ids = {}
  end

  # URLs that leave the site (a scheme, `//host`) are not judged here.
  def self.local?(target)
    !(target =~ /\A[a-z][a-z0-9+.\-]*:/i || target.start_with?("//"))
  end

  def self.decode(text)
    text.b.gsub(/%\h\h/) { |escape| escape[1..].hex.chr }.force_encoding("UTF-8").scrub
  end

  # The URL a page is served at: Jekyll's `page.url` under the site's `baseurl`.
  def served(url)
    @baseurl + url
  end

  # target: as written in the page's HTML; page_url: the page's own served (decoded) URL.
  # Returns nil when it resolves, else "file", "page" or "anchor".
  def broken(target, page_url, kind)
    path, fragment = target.split("#", 2)
    path = path.split("?", 2).first.to_s
    file = path.empty? ? file_for(page_url) : file_for(absolute(BuiltSite.decode(path), page_url))
    return missing_kind(path, kind) unless file
    return nil if fragment.nil? || fragment.empty?

    ids(file).include?(BuiltSite.decode(fragment)) ? nil : "anchor"
  end

  private

  def missing_kind(path, kind)
    return "file" if kind == "image"

    File.extname(path.chomp("/")).match?(/\A(\.html?)?\z/i) ? "page" : "file"
  end

  def absolute(path, page_url)
    return path if path.start_with?("/")

    base = page_url.end_with?("/") ? page_url : File.dirname(page_url) + "/"
    segments = []
    (base + path).split("/", -1).each do |segment|
      case segment
      when ".", "" then next
      when ".." then segments.pop
      else segments << segment
      end
    end
    "/" + segments.join("/") + (path.end_with?("/") || path.end_with?("/.") ? "/" : "")
  end

  # url: as served, under the site's `baseurl` (a path outside it is not served at all).
  def file_for(url)
    unless @baseurl.empty?
      return nil unless url.start_with?(@baseurl + "/")

      url = url.delete_prefix(@baseurl)
    end
    local = File.join(@dest, url)
    candidates = url.end_with?("/") ? [File.join(local, "index.html")] :
                   [local, "#{local}.html", File.join(local, "index.html")]
    candidates.find { |c| File.file?(c) }
  end

  def ids(file)
    @ids[file] ||= begin
      html = Nokogiri::HTML(File.read(file, encoding: "UTF-8"), nil, "UTF-8")
      html.xpath("//*[@id]").map { |e| e["id"] } + html.xpath("//a[@name]").map { |e| e["name"] }
    end
  end
end
