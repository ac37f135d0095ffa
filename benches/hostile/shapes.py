"""The hostile shapes of benches/README.md ("Hostile input"): about 2 MB of
each, alone and under "# T" / "## S", written to OUT (default
/tmp/shapes/all). Usage: python3 benches/hostile/shapes.py [OUT]"""
import os, sys
OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/shapes/all"
os.makedirs(OUT, exist_ok=True)
N = 2_000_000
def rep(unit): return unit * (N // len(unit))
shapes = {
 "paras": rep("a\n\n"), "dash_items": rep("- a\n"), "num_items": rep("1. a\n"), "lines": rep("a\n"),
 "quote_lines": rep("> a\n"), "emph_line": rep("*a* ") + "\n", "code_spans": rep("`a` ") + "\n",
 "links_line": rep("[a](b) ") + "\n", "autolinks": rep("<http://a.b> ") + "\n", "brackets": rep("[") + "\n",
 "angles": rep("<") + "\n", "div_block": "<div>\n" + rep("<b>\n"), "fenced_rust": "```rust\n" + rep("let x = 1;\n") + "```\n",
 "indented": rep("    x = 1\n"), "empty_headings": rep("#\n"), "setext": rep("a\n-\n"), "rules": rep("***\n"),
 "p_blocks": rep("<p>a</p>\n\n"), "cjk": rep("稀土出口管制") + "\n", "nospace": rep("x") + "\n",
 "notes_apart": "".join(f"t[^{i}]\n" for i in range(110000)) + "\n" + "".join(f"[^{i}]: n\n\n" for i in range(110000)),
 "notes_defs": "".join(f"[^{i}]: note {i}\n" for i in range(120000)),
 "reflinks": "".join(f"[l{i}] " for i in range(70000)) + "\n\n" + "".join(f"[l{i}]: http://e.x/{i}\n" for i in range(70000)),
 "table": "| a | b |\n|---|---|\n" + rep("| 1 | 2 |\n"), "tiny_sections": rep("# ab\ncd\n"),
 "images": rep("![a](b) ") + "\n",
}
for k, v in shapes.items():
    open(f"{OUT}/{k}.md", "w").write(v)
    open(f"{OUT}/{k}_head.md", "w").write("# T\n\n## S\n\n" + v)
print(len(shapes) * 2, "files in", OUT)
