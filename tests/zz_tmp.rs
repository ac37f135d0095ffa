#[test]
fn dbg() {
    let n = 100_000;
    let mut s: String = (0..n).map(|i| format!("[l{i}][r{i}] ")).collect();
    s.push_str("\n\n");
    s.extend((0..n).map(|i| format!("[r{i}]: http://x.example/{i}\n")));
    let t = briefing::document::parse::tame(&s);
    let at = 1654314;
    println!("around: {:?}", &t[at-40..at+40]);
    let d = t.find("[r98602]:").unwrap();
    println!("def at {d}: {:?}", &t[d-60..d+40]);
    println!("cuts {}", t.matches("<!-- -->").count());
}
