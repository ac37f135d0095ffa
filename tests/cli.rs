//! The real binary, run as a script would run it: every output mode and
//! every user error, with its message and exit status.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn briefing(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing")).args(args).stdin(Stdio::null()).output().expect("the binary runs")
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("briefing-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// One line on stderr, starting with the program's name, no backtrace.
fn assert_one_line_error(o: &Output, code: i32, needle: &str) {
    assert_eq!(o.status.code(), Some(code), "stderr: {}", stderr(o));
    let err = stderr(o);
    assert_eq!(err.lines().count(), 1, "one line expected: {err:?}");
    assert!(err.starts_with("briefing: "), "{err:?}");
    assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    assert!(!err.contains("panicked") && !err.contains("backtrace"));
    assert!(o.stdout.is_empty());
}

#[test]
fn outline_lists_every_section_with_its_claim() {
    let o = briefing(&["--outline"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("China delivers on its promises."));
    assert!(out.contains("1. Rare earths as strategic power\n   China dominates rare earths;"));
    assert!(out.contains("9. Resource security ahead\n"));
    assert!(!out.contains("~ "), "the briefing's claims are all authored");
}

#[test]
fn json_follows_the_documented_schema() {
    let o = briefing(&["--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["metadata"]["kind"], "Blog");
    let sections = v["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 9);
    let first = &sections[0];
    for key in
        ["index", "level", "title", "claim", "claim_sentence", "claim_origin", "words", "reading_minutes", "line"]
    {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["index"], 1);
    assert_eq!(first["level"], 2);
    assert_eq!(first["claim_origin"], "authored");
    assert_eq!(first["line"], 8);
    assert!(first["words"].as_u64().unwrap() > 90);
}

#[test]
fn extracted_claims_are_marked_in_json() {
    let p = temp_file("plain.md", b"## Heading\n\nThe first sentence states the claim here. More text follows.\n");
    let o = briefing(&["--json", p.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["title"], "plain");
    assert_eq!(v["sections"][0]["claim_origin"], "extracted");
    assert_eq!(v["sections"][0]["claim_sentence"], "The first sentence states the claim here.");
}

#[test]
fn piped_output_is_plain_wrapped_text() {
    let o = briefing(&[]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(!out.contains('\u{1b}'), "no escape sequences when piped");
    assert!(out.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80));
    assert!(out.contains("On the global political stage"));
    let narrow = stdout(&briefing(&["--width", "40"]));
    assert!(narrow.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 40));
    assert!(narrow.lines().count() > out.lines().count());
}

#[test]
fn color_always_adds_styles() {
    let out = stdout(&briefing(&["--color", "always"]));
    assert!(out.contains("\u{1b}["));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let o = with_stdin(&["--outline", "-"], b"## From stdin\n\nPiped text is read in full here.\n");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("1. From stdin"));
}

#[test]
fn crlf_and_bom_input_reads_cleanly() {
    let p = temp_file("crlf.md", b"\xEF\xBB\xBF## One\r\n\r\nText here.\r\n");
    let o = briefing(&["--outline", p.to_str().unwrap()]);
    assert!(stdout(&o).contains("1. One\n"), "{}", stdout(&o));
}

#[test]
fn a_missing_file_is_one_line_and_status_3() {
    let o = briefing(&["/no/such/file.md"]);
    assert_one_line_error(&o, 3, "/no/such/file.md: no such file");
}

#[test]
fn a_folder_without_documents_is_refused() {
    let dir = std::env::temp_dir().join(format!("briefing-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("image.png"), b"x").unwrap();
    let o = briefing(&[dir.to_str().unwrap()]);
    assert_one_line_error(&o, 3, "a directory with no Markdown or text files");
}

#[test]
fn a_folder_is_a_shelf_listed_one_document_a_line_when_printed() {
    let o = briefing(&[concat!(env!("CARGO_MANIFEST_DIR"), "/content")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let line = out.lines().find(|l| l.contains("briefing.md")).expect("the bundled briefing is on the shelf");
    assert!(line.contains("\t9 sections\t"), "{line}");
    assert!(line.contains("China dominates rare earths"), "{line}");
    let o = briefing(&["--outline", concat!(env!("CARGO_MANIFEST_DIR"), "/content")]);
    assert_one_line_error(&o, 2, "one document, not a shelf");
}

/// A README: badges in HTML under the title, a licence comment, a section
/// of code only. Printed, it shows what a browser would; on a shelf its
/// first claim is prose, not a heading standing in for one.
#[test]
fn a_readme_with_html_reads_as_rendered_and_its_first_claim_is_prose() {
    let readme = "<!-- SPDX-License-Identifier: MIT -->\n\n<h1 align=\"center\">Tool</h1>\n\
                  <p align=\"center\"><img alt=\"build status\" src=\"b.svg\"> &amp; more</p>\n\n\
                  ## Install\n\n```sh\ncargo install tool\n```\n\n## Why\n\nIt reads long documents fast.\n";
    let path = temp_file("README.md", readme.as_bytes());
    let o = briefing(&["--width", "60", path.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(out.starts_with("# Tool\n"), "the HTML heading is the title:\n{out}");
    assert!(out.contains("[image: build status] & more"), "{out}");
    assert!(!out.contains('<') && !out.contains("SPDX"), "no markup, no comment:\n{out}");
    let dir = path.parent().unwrap();
    std::fs::write(dir.join("other.md"), "## A\n\nAnother document here.\n").unwrap();
    let shelf = stdout(&briefing(&[dir.to_str().unwrap()]));
    let line = shelf.lines().find(|l| l.contains("README.md")).expect("listed");
    assert!(line.ends_with("It reads long documents fast."), "{line}");
}

#[test]
fn the_effective_configuration_prints_with_defaults_and_reads_back() {
    let o = briefing(&["--no-config", "--print-config"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("theme = \"auto\""), "{out}");
    assert!(out.contains("words-per-minute = 230"), "{out}");
    assert!(out.contains("quit = [\"q\"]"), "{out}");
    assert!(out.contains("quit-all = [\"Q\", \"ctrl-c\"]"), "{out}");
    let p = temp_file("printed.toml", out.as_bytes());
    let again = briefing(&["--config", p.to_str().unwrap(), "--print-config"]);
    assert!(again.status.success(), "{}", stderr(&again));
    let p2 = temp_file("mine.toml", b"theme = \"light\"\n[keys]\nquit = \"x\"\n");
    let mine = stdout(&briefing(&["--config", p2.to_str().unwrap(), "--print-config"]));
    assert!(mine.contains("theme = \"light\"") && mine.contains("quit = [\"x\"]"), "{mine}");
}

#[test]
fn a_bad_configuration_stops_with_its_place_and_a_hint() {
    let p = temp_file("bad.toml", b"theme = \"dark\"\nsidebar = 30\n");
    let o = briefing(&["--config", p.to_str().unwrap(), "--outline"]);
    assert_one_line_error(&o, 2, &format!("{}:2:1: ", p.display()));
    assert!(stderr(&o).contains("expected one of `theme`, `sidebar-width`"), "{}", stderr(&o));
    let o = briefing(&["--config", "/no/such/config.toml"]);
    assert_one_line_error(&o, 2, "cannot read the configuration /no/such/config.toml");
}

#[test]
fn completions_and_a_manual_page_come_from_the_cli_definition() {
    let o = briefing(&["--completions", "bash"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("--print-config"));
    let o = briefing(&["--man"]);
    assert!(o.status.success());
    let man = stdout(&o);
    assert!(man.starts_with(".ie") || man.contains(".TH briefing"), "{man}");
    assert!(man.contains("no\\-hyperlinks"), "{man}");
}

#[test]
fn piped_output_never_carries_hyperlink_sequences() {
    // OSC 8 is for a terminal; a pager or a file would show it raw.
    let p = temp_file("links.md", b"# T\n\nSee [the site](https://example.org/a) and [here](#t).\n");
    for args in [&["--print", "--color", "always"][..], &["--print"][..]] {
        let mut a = args.to_vec();
        a.push(p.to_str().unwrap());
        let out = stdout(&briefing(&a));
        assert!(out.contains("the site"), "{out:?}");
        assert!(!out.contains("\x1b]8;"), "{out:?}");
    }
}
#[test]
fn binary_data_is_refused_with_status_4() {
    let p = temp_file("a.out", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00binary");
    let o = briefing(&[p.to_str().unwrap()]);
    assert_one_line_error(&o, 4, "binary");
}

#[test]
fn too_large_input_is_refused_with_status_5() {
    let p = temp_file("big.md", &b"word ".repeat(1000));
    let o = briefing(&["--max-size", "1K", p.to_str().unwrap()]);
    assert_one_line_error(&o, 5, "--max-size");
    let o = with_stdin(&["--max-size", "100", "-"], &b"a".repeat(5000));
    assert_one_line_error(&o, 5, "standard input");
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let o = briefing(&["--frobnicate"]);
    assert_one_line_error(&o, 2, "--frobnicate");
}

#[test]
fn invalid_utf8_warns_once_and_still_reads() {
    let p = temp_file("latin1.md", b"## Caf\xe9\n\nSome text.\n");
    let o = briefing(&["--outline", p.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(stderr(&o).lines().count(), 1);
    assert!(stderr(&o).contains("not valid UTF-8"));
    assert!(stdout(&o).contains("Caf\u{FFFD}"));
}

#[test]
fn help_shows_examples() {
    let o = briefing(&["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("Examples:"));
}

#[test]
fn the_outline_never_shortens_a_claim_and_wraps_at_the_width_asked() {
    let long = "The committee concluded, after two years of hearings in three cities and a long review of the \
                evidence (including the budget tables), that the old bridge must be replaced before the winter.";
    let md = format!("# Report\n\n## Findings\n\n{long} Other words follow.\n\n## Costs\n\n{long}\n");
    let p = temp_file("long-claims.md", md.as_bytes());
    for format in ["text", "markdown"] {
        let out = stdout(&briefing(&["--outline", "--format", format, p.to_str().unwrap()]));
        assert!(!out.contains('…'), "{format}: nothing is cut:\n{out}");
        let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.contains(&long.split_whitespace().collect::<Vec<_>>().join(" ")), "{format}:\n{out}");
    }
    let out = stdout(&briefing(&["--outline", "--width", "50", p.to_str().unwrap()]));
    assert!(out.lines().all(|l| l.chars().count() <= 50), "wrapped at 50:\n{out}");
    assert!(!out.contains('…'));
    // The JSON keeps both forms.
    let json: serde_json::Value = serde_json::from_str(&stdout(&briefing(&["--json", p.to_str().unwrap()]))).unwrap();
    let s = &json["sections"][0];
    assert_eq!(s["claim_sentence"].as_str().unwrap(), long);
    assert!(s["claim"].as_str().unwrap().len() <= long.len());
}

#[test]
fn annotate_writes_every_extracted_claim_and_dry_run_prints_the_diff() {
    let md = "# Notes\r\n\r\n## Plan\r\n\r\nWe will ship the reader first and the writer later.\r\n\r\n## Risks\r\n<!-- claim: Mine. -->\r\n\r\nText.\r\n";
    let p = temp_file("annotate.md", md.as_bytes());
    let dry = briefing(&["--annotate", "--dry-run", p.to_str().unwrap()]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    let diff = stdout(&dry);
    assert!(diff.contains("+<!-- claim: We will ship the reader first and the writer later. -->"), "{diff}");
    assert!(stderr(&dry).contains("would add 1 claim"));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), md, "--dry-run writes nothing");
    let o = briefing(&["--annotate", p.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("added 1 claim"), "{}", stdout(&o));
    let written = std::fs::read_to_string(&p).unwrap();
    assert_eq!(
        written,
        md.replace("## Plan\r\n", "## Plan\r\n<!-- claim: We will ship the reader first and the writer later. -->\r\n"),
        "one line added, CRLF kept, nothing else touched"
    );
    // Nothing left to add; standard input and other formats are refused.
    assert!(stdout(&briefing(&["--annotate", p.to_str().unwrap()])).contains("added 0 claims"));
    let txt = temp_file("annotate.txt", b"Some text here.\n");
    assert_one_line_error(&briefing(&["--annotate", txt.to_str().unwrap()]), 1, "only into Markdown files");
}

#[test]
fn the_json_lists_each_sections_headings() {
    let md = "# Guide\n\n## Install\n\nGet it.\n\n### From source\n\nBuild it.\n\n## Use\n\nRead.\n";
    let p = temp_file("headings.md", md.as_bytes());
    let json: serde_json::Value = serde_json::from_str(&stdout(&briefing(&["--json", p.to_str().unwrap()]))).unwrap();
    assert_eq!(json["sections"][0]["headings"][0]["title"], "From source");
    assert_eq!(json["sections"][0]["headings"][0]["level"], 3);
    assert_eq!(json["sections"][1]["headings"].as_array().unwrap().len(), 0);
    assert_eq!(json["sections"][1]["line"], 11);
}

#[test]
fn several_paths_none_of_which_can_be_read_fail_like_one() {
    let o = briefing(&["/no/such/one.md", "/no/such/two.md"]);
    assert_eq!(o.status.code(), Some(3), "the status a missing file has alone");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 2, "one line each: {err}");
    assert!(err.lines().all(|l| l.starts_with("briefing: /no/such/") && l.ends_with("no such file")), "{err}");
    assert!(o.stdout.is_empty(), "no shelf of errors");
}

#[test]
fn printed_text_keeps_headings_code_and_quotes_recognisable() {
    let md = "# Title\n\n## Section\n\nText here.\n\n### Sub\n\n> A quote line.\n\n```\nfn main() {}\n```\n";
    let p = temp_file("structure.md", md.as_bytes());
    let out = stdout(&briefing(&[p.to_str().unwrap()]));
    let lines: Vec<&str> = out.lines().collect();
    for want in ["# Title", "## Section", "### Sub", "> A quote line.", "    fn main() {}"] {
        assert!(lines.contains(&want), "{want:?} in:\n{out}");
    }
}

/// The title a person would give, by the documented order.
#[test]
fn titles_follow_the_documented_rules() {
    let dir = std::env::temp_dir().join(format!("briefing-titles-{}", std::process::id())).join("my-project");
    std::fs::create_dir_all(&dir).unwrap();
    let title = |name: &str, md: &str| {
        let p = dir.join(name);
        std::fs::write(&p, md).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&stdout(&briefing(&["--json", p.to_str().unwrap()]))).unwrap();
        json["title"].as_str().unwrap().to_string()
    };
    let cases = [
        ("a.md", "---\ntitle: From the front matter\n---\n# Heading\n\nText.\n", "From the front matter"),
        ("b.md", "# The single hash\n\n## One\n\nText.\n\n## Two\n\nMore.\n", "The single hash"),
        ("c.md", "## lib-name\n\n### Part one\n\nText.\n\n### Part two\n\nMore.\n", "lib-name"),
        ("d.md", "Setext title\n============\n\n## One\n\nText.\n", "Setext title"),
        ("e.md", "<h1 align=\"center\">Html Name</h1>\n\n## One\n\nText.\n", "Html Name"),
        ("f.md", "# Name ![badge](b.svg) [![ci](c.svg)](x)\n\nText.\n", "Name"),
        (
            "g.txt",
            "REPORT\nThe plant will close next spring, the board says\nThe board met on Monday and decided.\n",
            "The plant will close next spring, the board says",
        ),
        ("README.md", "Just some words in a readme without a heading at all.\n", "my-project"),
        ("notes-2024.md", "Just some words without a heading at all.\n", "notes-2024"),
    ];
    for (name, md, want) in cases {
        assert_eq!(title(name, md), want, "{name}");
    }
    // Standard input gets the same content rules.
    let o = with_stdin(&["--json", "-"], b"NEWS\nThe plant will close next spring, the board says\nThe board met.\n");
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["title"], "The plant will close next spring, the board says");
    assert_eq!(json["metadata"]["kind"], "News");
}

#[test]
fn names_and_paths_reach_the_terminal_sanitised_and_on_one_line() {
    let dir = std::env::temp_dir().join(format!("briefing-names-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let evil = "evil\u{1b}]0;owned\u{7}\tname\nx.md";
    std::fs::write(dir.join(evil), "Words of the evil file here.\n").unwrap();
    std::fs::write(dir.join("plain.md"), "Plain words here.\n").unwrap();
    let shelf = stdout(&briefing(&[dir.to_str().unwrap()]));
    assert!(!shelf.contains('\u{1b}') && !shelf.contains('\u{7}'), "{shelf:?}");
    assert_eq!(shelf.lines().count(), 2, "one line per document: {shelf:?}");
    assert!(shelf.lines().all(|l| l.split('\t').count() == 5), "five fields each: {shelf:?}");
    // A missing file's name in the error.
    let o = briefing(&["/no/such/\u{1b}[2J\u{1b}]0;x\u{7}.md"]);
    let err = stderr(&o);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert_eq!(err.lines().count(), 1);
    // A configuration path with a line break stays inside its comment.
    let cfg = dir.join("odd\nname = 1\n.toml");
    std::fs::write(&cfg, "theme = \"dark\"\n").unwrap();
    let printed = stdout(&briefing(&["--config", cfg.to_str().unwrap(), "--print-config"]));
    assert!(!printed.lines().any(|l| l.starts_with("name = 1")), "{printed}");
    toml::from_str::<toml::Table>(&printed).expect("still valid TOML");
    // A device is not a configuration.
    assert_one_line_error(&briefing(&["--config", "/dev/zero", "--print-config"]), 2, "not a regular file");
}
