# Writes a facts file in format 1 (scripts/oracle/README.md): pretty-printed with a two-space
# indent, keys in the format's order, and each record of a page's lists on one line, so that a
# regeneration reads as a diff of records.
require "json"

module FactsJson
  PAGE_KEYS = %w[path rendered url date heading_ids br refs front_matter errors fix].freeze

  def self.dump(facts)
    out = +"{\n"
    out << %(  "format": #{JSON.generate(facts["format"])},\n)
    out << %(  "generator": #{JSON.generate(facts["generator"])},\n)
    out << %(  "tools": #{JSON.generate(facts["tools"])},\n)
    out << %(  "base_url": #{JSON.generate(facts["base_url"])},\n) if facts.key?("base_url")
    out << %(  "pages": [\n)
    out << facts["pages"].map { |page| page_json(page) }.join(",\n")
    out << "\n  ]\n}\n"
  end

  def self.page_json(page)
    fields = PAGE_KEYS.map do |key|
      value = page[key]
      if value.is_a?(Array) && !value.empty?
        items = value.map { |record| "        #{JSON.generate(record)}" }.join(",\n")
        %(      "#{key}": [\n#{items}\n      ])
      else
        %(      "#{key}": #{JSON.generate(value)})
      end
    end
    "    {\n#{fields.join(",\n")}\n    }"
  end
end
