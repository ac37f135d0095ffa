#[test]
fn dbg() {
    for text in ["| a | b |\n|---|---|\n\tcode after a tab\n---\n[x]: https://x.example \"T\"\n"] {
        let mut a = vec![];
        briefing::document::parse::window::each_event(text, 11, &mut |e, r| a.push(format!("{e:?} {}", r.start)));
        let mut b = vec![];
        for (e, r) in pulldown_cmark::Parser::new_ext(text, briefing::document::parse::options()).into_offset_iter() {
            b.push(format!("{e:?} {}", r.start));
        }
        for i in 0..a.len().max(b.len()) {
            let x = a.get(i).cloned().unwrap_or_default();
            let y = b.get(i).cloned().unwrap_or_default();
            eprintln!("{i}: win {x}\n   whole {y}");
        }
    }
}
