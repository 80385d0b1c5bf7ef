//! "Did you mean …?" for misspelt field names, rule ids and keywords.

/// The candidate closest to `word` (Damerau–Levenshtein, case-insensitive), if it is close
/// enough to be a plausible typo: at most a third of the word's length (at least 2) edits, and
/// fewer edits than the word has characters.
pub(crate) fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let len = lower.chars().count();
    let limit = (len / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= limit && d < len)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// "，是不是 `x`？" or nothing, for appending to a message.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map_or_else(String::new, |c| format!("，是不是 `{c}`？"))
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_and_case_slips() {
        assert_eq!(closest("optons", ["id", "options", "prompt"]), Some("options"));
        assert_eq!(closest("REPAIR.AKS", ["REPAIR.ASK", "REPAIR.PAID"]), Some("REPAIR.ASK"));
        assert_eq!(closest("repair.ask", ["REPAIR.ASK"]), Some("REPAIR.ASK"));
    }

    #[test]
    fn does_not_guess_wildly() {
        assert_eq!(closest("x", ["id", "kind"]), None);
        assert_eq!(closest("colour", ["options", "standards"]), None);
    }
}
