# Hooks into a Jekyll build (run in this process) that record, per post, the Markdown that
# kramdown really receives (after Liquid), the messages Jekyll logs while reading or rendering
# it, and which post was being handled when the build stopped. Nothing here changes the build.
require "jekyll"

module OracleCapture
  @converted = {}  # relative_path => Markdown after Liquid, as handed to the converters
  @logs = []       # { path:, level:, topic:, message: }
  @current = nil   # relative_path of the document being read or rendered

  class << self
    attr_reader :converted, :logs
    attr_accessor :current

    def reset
      @converted = {}
      @logs = []
      @current = nil
    end
  end

  # Jekyll::Renderer: the post being rendered, and its Markdown after Liquid.
  module Renderer
    def run
      OracleCapture.current = document.relative_path if document.respond_to?(:relative_path)
      super
    end

    def convert(content)
      if document.is_a?(Jekyll::Document) && !document.is_a?(Jekyll::Excerpt)
        OracleCapture.converted[document.relative_path] = content.to_s.dup
      end
      super
    end
  end

  # Jekyll::Document#read: invalid dates and YAML errors are raised or logged here.
  module DocumentRead
    def read(*args, **opts)
      OracleCapture.current = relative_path
      super
    end
  end

  module Log
    %i[warn error].each do |level|
      define_method(level) do |topic, message = nil, &block|
        OracleCapture.logs << {
          path: OracleCapture.current, level: level, topic: topic.to_s, message: message.to_s,
        }
        super(topic, message, &block)
      end
    end
  end
end

Jekyll::Renderer.prepend(OracleCapture::Renderer)
Jekyll::Document.prepend(OracleCapture::DocumentRead)
Jekyll::LogAdapter.prepend(OracleCapture::Log)
# The facts keep what matters; the build's own chatter is shown only with ORACLE_VERBOSE=1.
unless ENV["ORACLE_VERBOSE"] == "1"
  Jekyll.logger = Logger.new(File::NULL)
end
