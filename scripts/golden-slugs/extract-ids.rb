# Prints the id attribute of each <h1>..<h6> start tag read from stdin, one line per heading
# and in document order, with HTML character references decoded; a heading without an id
# attribute gives an empty line.
require 'cgi'
$stdin.read.scan(/<h[1-6]\b([^>]*)>/) do |(attrs)|
  m = /\sid="([^"]*)"/.match(attrs)
  puts m ? CGI.unescapeHTML(m[1]) : ''
end
