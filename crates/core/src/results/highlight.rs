//! A typed reply split into plain text and highlighted parts (the banned phrases found in
//! it), for the feedback to show the trainee exactly what was wrong, where.
//!
//! By char ranges, as the matcher reports them (`text::TabooHit`), and clipped, so any range
//! a hand-edited store holds is safe.

/// Splits `text` into segments by char ranges `[start, end)` (e.g. banned-phrase hits):
/// `(segment, Some(range index))` for a highlighted part, `(segment, None)` for plain text.
/// Overlapping or out-of-range ranges are clipped, so any input is safe.
pub fn highlight_segments(text: &str, ranges: &[(usize, usize)]) -> Vec<(String, Option<usize>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by_key(|&i| ranges[i].0);
    let mut out = Vec::new();
    let mut pos = 0;
    for i in order {
        let (start, end) = ranges[i];
        let start = start.max(pos).min(chars.len());
        let end = end.min(chars.len());
        if end <= start {
            continue;
        }
        if start > pos {
            out.push((chars[pos..start].iter().collect(), None));
        }
        out.push((chars[start..end].iter().collect(), Some(i)));
        pos = end;
    }
    if pos < chars.len() {
        out.push((chars[pos..].iter().collect(), None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_splits_by_char_ranges_safely() {
        let segs = highlight_segments("我不能办，不行", &[(5, 7), (1, 3)]);
        assert_eq!(
            segs,
            vec![
                ("我".to_owned(), None),
                ("不能".to_owned(), Some(1)),
                ("办，".to_owned(), None),
                ("不行".to_owned(), Some(0)),
            ]
        );
        assert_eq!(highlight_segments("ab", &[(1, 99), (0, 2)]), vec![("ab".to_owned(), Some(1))]);
        assert_eq!(highlight_segments("", &[(0, 1)]), vec![]);
    }
}
