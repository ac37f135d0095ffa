//! Pathological Markdown at a chosen scale, shared by the release-mode
//! stress test (`tests/pathological.rs`) and the doubling benchmark
//! (`benches/doubling.rs`).

/// Makes a fixture at a scale.
pub type Generator = fn(usize) -> String;

/// The fixtures: a name and a generator taking a scale (1 = the size the
/// issue names).
pub fn fixtures() -> Vec<(&'static str, Generator)> {
    vec![
        ("50,000 nested >", |k| ">".repeat(50_000 * k) + " deep\n"),
        ("lists nested 2,000 deep", |k| (0..2000 * k).map(|i| format!("{}- x\n", "  ".repeat(i))).collect()),
        // From 200,000: a text of a few windows (64 KB each) is parsed
        // differently from one of many, and doubling 100,000 measured that
        // step (x2.7 bytes), not growth (x2.1 from 400,000 to 800,000).
        ("200,000 [", |k| "[".repeat(200_000 * k)),
        // Each `[` once looked for its `]` in the rest of the line, each
        // `<` for its `>`: 2 MB took a minute and a half.
        ("a 2 MB line of [", |k| "[".repeat(2_000_000 * k)),
        ("a 2 MB line of <", |k| "<".repeat(2_000_000 * k)),
        // More headings than text, and one section of a million blocks.
        ("a million empty headings", |k| "#\n".repeat(1_000_000 * k)),
        ("a 2 MB fenced code block", |k| format!("```rust\n{}```\n", "let x = 1;\n".repeat(180_000 * k))),
        ("2 MB of indented code", |k| "    let x = 1;\n".repeat(140_000 * k)),
        ("2 MB of one-word paragraphs under one heading", |k| {
            format!("# T\n\n## S\n\n{}", "a\n\n".repeat(660_000 * k))
        }),
        ("50,000 unclosed *a", |k| "*a ".repeat(50_000 * k)),
        ("a 5 MB line without spaces", |k| "x".repeat(5_000_000 * k)),
        ("3 MB of CJK without spaces", |k| "稀土中国".repeat(250_000 * k)),
        ("100,000 headings", |k| (0..100_000 * k).map(|i| format!("## Heading {i}\n\ntext {i}\n\n")).collect()),
        ("a 1,000-column table", |k| {
            let cols = 1000 * k;
            let mut s = String::new();
            for row in 0..12 {
                s.push('|');
                for c in 0..cols {
                    s.push_str(&if row == 1 { "---|".to_string() } else { format!(" c{c} |") });
                }
                s.push('\n');
            }
            s
        }),
        ("100,000 reference links", |k| {
            let n = 100_000 * k;
            let mut s: String = (0..n).map(|i| format!("[l{i}][r{i}] ")).collect();
            s.push_str("\n\n");
            s.extend((0..n).map(|i| format!("[r{i}]: http://x.example/{i}\n")));
            s
        }),
        ("100,000 inline HTML images", |k| "<img alt=\"a badge\" src=b.svg> ".repeat(100_000 * k)),
        ("a 2 MB HTML block", |k| {
            let mut s = "<div align=\"center\">\n".to_string();
            s.push_str(&"<p>Words &amp; <b>bold</b> <img alt=logo src=l.png><br></p>\n".repeat(30_000 * k));
            s + "</div>\n"
        }),
        ("YAML front matter nested 6,000 deep", |k| format!("---\n{}x\n---\n# T\n\nText.\n", "- ".repeat(6_000 * k))),
        ("YAML aliases (billion laughs)", |k| {
            let mut s = "---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n".to_string();
            for i in 1..(9 * k) {
                s.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 9].join(", ")));
            }
            s + "---\nText.\n"
        }),
        ("a link of 20,000 emphasis spans and a 100 KB address", |k| {
            format!("[{}](http://x.example/{})\n", "*a* b ".repeat(10_000 * k), "y".repeat(100_000))
        }),
        ("repeated 1,000-column tables of one-cell rows", |k| {
            let table = format!("|{}\n|{}\n{}\n", " h |".repeat(1000), "-|".repeat(1000), "| x |\n".repeat(500));
            table.repeat(40 * k)
        }),
        ("a 5 MB authored claim", |k| format!("## A\n\n<!-- claim: {} -->\n\nText.\n", "word ".repeat(1_000_000 * k))),
        ("one list of 200,000 one-word items", |k| "- a\n".repeat(200_000 * k)),
        ("400,000 empty headings", |k| "#\n".repeat(400_000 * k)),
        ("400,000 one-word paragraphs and no heading", |k| "a\n\n".repeat(400_000 * k)),
        ("a table of 150,000 rows past the cell budget", |k| {
            format!("# T\n\n| a | b |\n|---|---|\n{}", "| c | d |\n".repeat(150_000 * k))
        }),
        ("empty", |_| String::new()),
        ("whitespace only", |k| " \n\t\n".repeat(1000 * k)),
    ]
}
