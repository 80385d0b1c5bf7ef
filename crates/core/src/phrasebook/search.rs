//! The phrasebook's filter box: a query matches a text when its normalised form is contained
//! in the text's normalised form (traditional → simplified, widths, punctuation and spaces
//! dropped), so `這不歸我管` finds `这不归我管`, and `小心 地滑！` finds `小心地滑`.

use crate::text::normalize;

/// A normalised query; an empty one (nothing but spaces or punctuation) matches everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query(String);

impl Query {
    pub fn new(typed: &str) -> Query {
        Query(normalize(typed).text)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether any of `fields` contains the query.
    pub fn matches<'a>(&self, fields: impl IntoIterator<Item = &'a str>) -> bool {
        self.is_empty() || fields.into_iter().any(|f| normalize(f).text.contains(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_spaced_and_full_width_queries_find_simplified_lines() {
        let line = "您那里只有您一家停电了，还是单元楼、整个小区都停电了？";
        assert!(Query::new("整個小區").matches([line]));
        assert!(Query::new(" 单元楼，整个 ").matches([line]));
        assert!(Query::new("這不歸我管").matches(["cue", "这不归我管"]));
        assert!(Query::new("ＲＥＰＡＩＲ").matches(["REPAIR.ASK"]));
        assert!(!Query::new("抢修").matches([line]));
        assert!(Query::new("？！ ").matches([line]), "an empty query matches everything");
    }
}
