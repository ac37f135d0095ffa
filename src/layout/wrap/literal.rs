//! Code and HTML blocks: one row per source line, long lines continued
//! after a mark, code coloured by its highlighted tokens.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::*;
use crate::layout::syntax::{self};

impl Wrapper<'_> {
    /// Code and HTML: one row per source line, long lines continued on the
    /// next row after a `↪` mark. `tokens`, when given, colours each line's
    /// pieces (from [`syntax::Highlights`]).
    pub(super) fn literal(
        &mut self,
        text: &str,
        tokens: Option<&syntax::BlockTokens>,
        block: u32,
        first: &[Segment],
        rest: &[Segment],
        kind: Kind,
    ) {
        let plain = Role::of(kind);
        let mark = Segment { text: "↪ ".to_string(), role: Role::of(Kind::Continuation) };
        let mut off = 0u32;
        for (i, line) in text.split('\n').enumerate() {
            let p = if i == 0 { first } else { rest };
            let p = if prefix_width(p) + 4 >= self.width { Vec::new() } else { p.to_vec() };
            let avail = self.width - prefix_width(&p);
            let pieces: Vec<(&str, Role)> = match tokens.and_then(|t| t.line(i)) {
                Some(toks) => toks.filter_map(|(r, t)| line.get(r).map(|s| (s, Role::of(Kind::Syntax(t))))).collect(),
                None => vec![(line, plain)],
            };
            let mut body: Vec<Segment> = Vec::new();
            let mut cur_w = 0;
            let mut row_start = off;
            let mut continued = false;
            for (piece, role) in pieces {
                for g in piece.graphemes(true) {
                    let gw = g.width();
                    let marked = continued && avail >= 4;
                    let limit = if marked { avail - 2 } else { avail };
                    if cur_w + gw > limit && cur_w > 0 {
                        let mut row = Vec::new();
                        if marked {
                            row.push(mark.clone());
                        }
                        row.append(&mut body);
                        self.push_row(p.clone(), row, block, row_start);
                        row_start = off;
                        cur_w = 0;
                        continued = true;
                    }
                    match body.last_mut() {
                        Some(s) if s.role == role => s.text.push_str(g),
                        _ => body.push(Segment { text: g.to_string(), role }),
                    }
                    cur_w += gw;
                    off += g.chars().count() as u32;
                }
            }
            let mut row = Vec::new();
            if continued && avail >= 4 {
                row.push(mark.clone());
            }
            row.append(&mut body);
            self.push_row(p, row, block, row_start);
            off += 1;
        }
    }
}
