//! kramdown's definition lists (`parse_definition_list`): a paragraph followed by `: …` lines
//! becomes terms (one per line of the paragraph) and their definitions.

use super::block::{is_eob_marker, Frame};
use super::list::{
    continues, definition_marker, first_line, is_content, is_lazy, item_ial, item_line,
};
use super::text::{is_blank, Mapped, Scanner};
use super::tree::{El, Kind};
use super::Parser;

struct Definition {
    start: usize,
    text: Mapped,
    first_as_para: bool,
}

impl Parser {
    pub(super) fn definition_list(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        if definition_marker(src.line()).is_none() || !after_paragraph(&frame.children) {
            return false;
        }
        let mut first_as_para = false;
        let mut para = match frame.children.pop() {
            Some(p) => p,
            None => return false,
        };
        if matches!(para.kind, Kind::Blank) {
            match frame.children.pop() {
                Some(p) => para = p,
                None => return false,
            }
            first_as_para = true;
        }
        let mut dl = El::new(Kind::Dl, para.span);
        dl.ial = para.ial.take();
        if let Some(El {
            kind: Kind::RawText(text),
            ..
        }) = para.children.first()
        {
            let mut at = 0;
            for line in text.as_str().split('\n') {
                let (ial, len) = item_ial(line);
                let term = text.slice(at + len..at + line.len());
                let span = term.file_span(0..term.len());
                let mut dt = El::new(Kind::Dt, span);
                dt.ial = ial;
                dt.children.push(El::new(Kind::RawText(term), span));
                dl.children.push(dt);
                at += line.len() + 1;
            }
        }
        let mut definitions: Vec<Definition> = Vec::new();
        let mut indentation = 0;
        let mut first = true;
        let mut last_blank = false;
        while !src.eos() {
            let at = src.pos;
            let line = src.line();
            let end = at + line.len();
            let marker = if first {
                definition_marker(line)
            } else {
                continues(line, None, indentation)
            };
            if let Some(marker) = marker {
                first = false;
                let (mut content, ind) = first_line(src, at + marker, end, marker);
                indentation = ind;
                let (_, len) = item_ial(content.as_str());
                if len > 0 {
                    content = content.slice(len..content.len());
                }
                definitions.push(Definition {
                    start: at,
                    text: content,
                    first_as_para,
                });
                first_as_para = false;
                last_blank = false;
                src.pos = end;
            } else if is_eob_marker(line) {
                break;
            } else if let Some(def) = definitions.last_mut().filter(|_| {
                is_content(line, indentation) || (!last_blank && is_lazy(src, at, indentation))
            }) {
                let (text, _) = item_line(src, at, end, indentation);
                def.text.push_from(&text, 0..text.len());
                first_as_para = false;
                last_blank = false;
                src.pos = end;
            } else if is_blank(line) && line.ends_with('\n') && !definitions.is_empty() {
                let blank_start = at;
                while !src.eos() && is_blank(src.line()) && src.line().ends_with('\n') {
                    src.pos = src.line_end_from(src.pos);
                }
                first_as_para = true;
                last_blank = true;
                if let Some(def) = definitions.last_mut() {
                    def.text.push_from(src.text, blank_start..src.pos);
                }
            } else {
                break;
            }
        }
        let mut trailing_blank = None;
        for def in definitions {
            let mut inner = Frame::new(None);
            let mut scanner = Scanner::new(&def.text);
            self.parse_blocks(&mut scanner, &mut inner);
            let mut children = inner.children;
            let mut dd = El::new(Kind::Dd, src.file_span(def.start..def.start));
            if !children.is_empty() {
                trailing_blank = match children.last() {
                    Some(El {
                        kind: Kind::Blank, ..
                    }) => children.pop(),
                    _ => None,
                };
                let first_is_p = matches!(children.first().map(|c| &c.kind), Some(Kind::P { .. }));
                if first_is_p && !def.first_as_para {
                    let more = children.len() > 1;
                    if let Some(p) = children.first_mut() {
                        if more {
                            if let Some(El {
                                kind: Kind::RawText(text),
                                span,
                                ..
                            }) = p.children.first_mut()
                            {
                                text.push_synthetic("\n", span.end);
                            }
                        }
                        p.kind = Kind::P {
                            transparent: true,
                            fragile: false,
                        };
                    }
                }
            }
            dd.children = children;
            dl.children.push(dd);
        }
        dl.span.end = src.file_span(src.pos..src.pos).start.max(dl.span.end);
        let merge_at = match frame.children.as_slice() {
            [.., El { kind: Kind::Dl, .. }] => Some(false),
            [.., El { kind: Kind::Dl, .. }, El {
                kind: Kind::Blank, ..
            }] => Some(true),
            _ => None,
        };
        match merge_at {
            Some(drop_blank) => {
                if drop_blank {
                    frame.children.pop();
                }
                if let Some(previous) = frame.children.last_mut() {
                    previous.children.append(&mut dl.children);
                    previous.span.end = dl.span.end;
                }
            }
            None => frame.push_block(dl),
        }
        if let Some(blank) = trailing_blank {
            frame.children.push(blank);
        }
        true
    }
}

/// A definition list follows a paragraph, or a paragraph and a single empty line.
fn after_paragraph(children: &[El]) -> bool {
    match children {
        [] => false,
        [.., El {
            kind: Kind::P { .. },
            ..
        }] => true,
        [.., El {
            kind: Kind::P { .. },
            ..
        }, blank @ El {
            kind: Kind::Blank, ..
        }] => blank.span.len() == 1,
        _ => false,
    }
}
