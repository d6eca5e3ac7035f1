//! URLs and e-mail addresses in running text: where they may break and that they are set
//! solid. The Chicago Manual's rule, which newsrooms follow: break after a `/` or before a
//! `.`, `?`, `#`, `&` (and, in an e-mail address, before the `@`), never right after the
//! scheme's `//`, and never add space inside one — a reader must be able to type it back.

use std::ops::Range;

/// Byte ranges of the URLs (`http://`, `https://`, `www.`) and e-mail addresses of `text`,
/// each up to a space or full-width text, without trailing sentence punctuation.
pub(super) fn addresses(text: &str) -> Vec<Range<usize>> {
    let urls = urls(text);
    let emails = emails(text).into_iter();
    let emails: Vec<_> = emails
        .filter(|e| !urls.iter().any(|u| overlaps(u, e)))
        .collect();
    let mut out: Vec<_> = urls.into_iter().chain(emails).collect();
    out.sort_by_key(|r| r.start);
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn urls(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = ["https://", "http://", "www."]
        .iter()
        .filter_map(|p| text[from..].find(p))
        .min()
    {
        let start = from + at;
        let end = text[start..]
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || !c.is_ascii())
            .map_or(text.len(), |(k, _)| start + k);
        let end = start + trimmed(&text[start..end]);
        if end > start {
            out.push(start..end);
        }
        from = end.max(start + 1);
    }
    out
}

/// E-mail addresses: a local part of `[A-Za-z0-9._%+-]`, `@`, and a domain with a dot.
fn emails(text: &str) -> Vec<Range<usize>> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| local(c))
            .last()
            .map_or(at, |(k, _)| k);
        let end = text[at + 1..]
            .char_indices()
            .find(|&(_, c)| !domain(c))
            .map_or(text.len(), |(k, _)| at + 1 + k);
        let end = at + 1 + trimmed(&text[at + 1..end]);
        if start < at && text[at + 1..end].contains('.') {
            out.push(start..end);
        }
    }
    out
}

/// Length of `s` without trailing sentence punctuation (`访问 www.a.cn.` ends the sentence,
/// not the address) and without a `)` that closes a bracket opened before the address.
fn trimmed(s: &str) -> usize {
    let mut end = s.len();
    loop {
        let t = &s[..end];
        let opened = t.matches('(').count() >= t.matches(')').count();
        match t.chars().last() {
            Some(c) if ".,;:!?'\"-".contains(c) || (c == ')' && !opened) => end -= 1,
            _ => return end,
        }
    }
}

/// Whether an address `url` may break at byte `at` (between two of its characters).
pub(super) fn may_break(url: &str, at: usize) -> bool {
    let (before, after) = url.split_at(at);
    if let Some(scheme) = url.find("://")
        && at <= scheme + 3
    {
        return false;
    }
    (before.ends_with('/') && !after.starts_with('/'))
        || after.starts_with(['.', '?', '#', '&'])
        || (after.starts_with('@') && !url.contains("://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_found_without_their_sentence_punctuation() {
        let t = "见https://a.cn/x?y=1。邮箱 news@jzrb.cn. 或(www.b.org/c)";
        let found: Vec<&str> = addresses(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, ["https://a.cn/x?y=1", "news@jzrb.cn", "www.b.org/c"]);
    }

    #[test]
    fn breaks_after_slash_or_before_dot_never_in_the_scheme() {
        let url = "https://a.cn/x/y?z#w";
        let ok: Vec<usize> = (1..url.len()).filter(|&k| may_break(url, k)).collect();
        // Before ".cn", after "a.cn/" and "x/", before "?" and "#".
        assert_eq!(ok, [9, 13, 15, 16, 18]);
        let mail = "li.ming@jzrb.cn";
        let ok: Vec<usize> = (1..mail.len()).filter(|&k| may_break(mail, k)).collect();
        assert_eq!(ok, [2, 7, 12]);
    }
}
