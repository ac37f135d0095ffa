//! Deterministic generated documents, for benchmarks and measurements:
//! headings at several levels, prose, lists, quotes, code, tables, links,
//! some CJK and emoji. The same size always gives the same text.

const WORDS: &[&str] = &[
    "rare",
    "earth",
    "export",
    "controls",
    "supply",
    "chain",
    "processing",
    "magnet",
    "defense",
    "industry",
    "policy",
    "market",
    "refining",
    "capacity",
    "reserves",
    "allies",
    "pressure",
    "tariffs",
    "leverage",
    "security",
    "production",
    "delays",
    "strategy",
    "minerals",
    "technology",
    "investment",
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "by",
    "its",
];

/// A small deterministic generator (xorshift), also for tests that need
/// repeatable random choices.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next_u64() % xs.len() as u64) as usize]
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

fn sentence(r: &mut Rng, out: &mut String) {
    let n = 8 + r.below(18);
    for i in 0..n {
        let w = r.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            match r.below(40) {
                0 => out.push_str(&format!("**{w}**")),
                1 => out.push_str(&format!("*{w}*")),
                2 => out.push_str(&format!("`{w}`")),
                3 => out.push_str(&format!("[{w}](https://example.com/{})", r.below(1000))),
                4 => out.push_str("稀土"),
                5 => out.push('🎉'),
                _ => out.push_str(w),
            }
        }
    }
    out.push_str(if r.below(12) == 0 { "?" } else { "." });
}

fn paragraph(r: &mut Rng, out: &mut String) {
    for i in 0..(2 + r.below(5)) {
        if i > 0 {
            out.push(' ');
        }
        sentence(r, out);
    }
    out.push_str("\n\n");
}

/// A Markdown document of about `bytes` bytes.
pub fn document(bytes: usize) -> String {
    let mut r = Rng(0x2545_F491_4F6C_DD1D);
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("---\ntitle: Generated briefing\nkind: Sample\n---\n\n# Generated briefing\n\n");
    let mut section = 0;
    while out.len() < bytes {
        section += 1;
        out.push_str(&format!("## Section {section}: {} {}\n\n", r.pick(WORDS), r.pick(WORDS)));
        for block in 0..(3 + r.below(6)) {
            match (block, r.below(10)) {
                (0, _) | (_, 0..=4) => paragraph(&mut r, &mut out),
                (_, 5) => {
                    for _ in 0..(2 + r.below(4)) {
                        out.push_str("- ");
                        sentence(&mut r, &mut out);
                        out.push('\n');
                        if r.below(3) == 0 {
                            out.push_str("  - ");
                            sentence(&mut r, &mut out);
                            out.push('\n');
                        }
                    }
                    out.push('\n');
                }
                (_, 6) => {
                    out.push_str("> ");
                    sentence(&mut r, &mut out);
                    out.push_str("\n\n");
                }
                (_, 7) => {
                    out.push_str("```rust\nfn main() {\n    let supply = capacity * 0.9; // 稀土\n    println!(\"{supply}\");\n}\n```\n\n");
                }
                (_, 8) => {
                    out.push_str("| metal | tonnes | share |\n|:--|--:|--:|\n");
                    for _ in 0..(2 + r.below(4)) {
                        out.push_str(&format!("| {} | {} | {}% |\n", r.pick(WORDS), r.below(100_000), r.below(100)));
                    }
                    out.push('\n');
                }
                _ => {
                    out.push_str(&format!("### Detail {}\n\n", r.below(100)));
                    paragraph(&mut r, &mut out);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_documents_are_deterministic_and_sized() {
        let a = super::document(100_000);
        assert_eq!(a, super::document(100_000));
        assert!(a.len() >= 100_000 && a.len() < 110_000);
        let doc = crate::document::parse(&a);
        assert!(doc.sections.len() > 20);
        assert_eq!(doc.title, "Generated briefing");
    }
}
