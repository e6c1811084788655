//! Property tests: any bytes, and any front matter + Markdown mix, parse and lint without a
//! panic, and every reported span lies inside the file on character boundaries.

use postlint::{CheckOptions, PresetName};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::LazyLock;

/// An empty site folder: every case is a post read from standard input into it.
static ROOT: LazyLock<tempfile::TempDir> = LazyLock::new(|| tempfile::tempdir().expect("temp dir"));

fn check_text(text: String, preset: PresetName, name: &str) {
    let root = ROOT.path();
    let options = CheckOptions {
        preset: Some(preset),
        root: Some(root.to_path_buf()),
        stdin_filename: Some(root.join("blog").join(name)),
        stdin_text: Some(text.clone().into_bytes()),
        ..CheckOptions::default()
    };
    let report = postlint::check(&[PathBuf::from("-")], &options).expect("the run succeeds");
    for (file, d) in report.diagnostics() {
        // The report keeps the text around each finding, where it is in the file.
        assert_eq!(file.source.file_len(), text.len());
        let (start, kept) = file.source.text_around(d.span.start).expect("kept");
        assert_eq!(text.get(start..start + kept.len()), Some(kept));
        for offset in [d.span.start, d.span.end] {
            let before = &text[..offset.min(text.len())];
            // Lines end at `\n` or a lone `\r`; the `\r` of a `\r\n` is on its line.
            let ends: Vec<usize> = before
                .match_indices(['\n', '\r'])
                .map(|(i, _)| i)
                .filter(|&i| {
                    text.as_bytes()[i] == b'\n' || text.as_bytes().get(i + 1) != Some(&b'\n')
                })
                .collect();
            let line = 1 + ends.len();
            let line_start = ends.last().map_or(0, |i| i + 1);
            let column = before[line_start..].chars().count() + 1;
            assert_eq!(
                file.source.position(offset),
                (line, column),
                "{d:?} at {offset}"
            );
        }
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{d:?}"
        );
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "{d:?}"
        );
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(edit.offset + edit.length <= text.len());
            assert!(text.is_char_boundary(edit.offset));
            assert!(text.is_char_boundary(edit.offset + edit.length));
        }
    }
}

const PRESETS: [PresetName; 4] = [
    PresetName::Docusaurus,
    PresetName::Jekyll,
    PresetName::Hugo,
    PresetName::None,
];

fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("+++\n".to_string()),
        Just("title: 제목\n".to_string()),
        Just("tags: [a, 한글\n".to_string()),
        Just("key: &a [*a]\n".to_string()),
        Just("# 설치 방법 {#install}\n".to_string()),
        Just("text <br>\n".to_string()),
        Just("<br/>".to_string()),
        Just("| a | b<br>c |\n|---|---|\n".to_string()),
        Just("```\n".to_string()),
        Just("[x][y] ![a][b] [c]: /d\n".to_string()),
        Just("<img src=\"a.png\" alt=''>".to_string()),
        Just("{% highlight %}".to_string()),
        Just("{% endhighlight %}".to_string()),
        Just("{{< ref \"x\" >}}".to_string()),
        Just("{/* c */}\nimport x from 'y'\n".to_string()),
        Just("<!-- postlint-disable stray-br -->".to_string()),
        Just("\r\n".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        "\\PC{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400), p in 0usize..4) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        check_text(text, PRESETS[p], "a.md");
    }

    #[test]
    fn front_matter_and_markdown_mixes(pieces in proptest::collection::vec(markdown_piece(), 0..40), p in 0usize..4, mdx in any::<bool>()) {
        let name = if mdx { "a.mdx" } else { "a.md" };
        check_text(pieces.concat(), PRESETS[p], name);
    }
}
