//! A trainer's typing mistakes in YAML's structure, found by reading the text the way the
//! trainer wrote it, before (and beside) the YAML parser.
//!
//! A trainer types Chinese with an input method that gives full-width punctuation: `：` for
//! `:`, `，` for `,`, `［］` for `[]`, `“”` for `"`, and the full-width space U+3000. They look
//! like the ASCII ones, but YAML only knows ASCII, so the parser either fails somewhere later
//! (its message then describes its own state: "simple key expected ':'") or, worse, succeeds
//! with another meaning (`[A，B]` is a list of one). The same goes for `score:5` (no space
//! after the colon) and text that starts with one of YAML's indicator characters (`*`, `&`,
//! `!`, `@`, `` ` ``, `%`, `|`, `>`, `#`…), which needs quotes.
//!
//! The scan only looks where YAML's structure is: a key (the start of a line, after any
//! `- `), the separator after it, the first character of a value, and the separators of
//! `[ ]` / `{ }` lists. Text inside a value may hold any punctuation (`prompt: 请问：…` is
//! fine), and quoted text, block text (`|`, `>`) and comments are skipped.
//!
//! Each finding is *certain* (the text cannot mean what the trainer meant, whether or not the
//! parser fails) or only a *suspect* (e.g. a value opened with a Chinese quote `“`): a suspect
//! is reported only when the parser fails on its line (`yaml.rs` decides).

use std::collections::HashSet;

/// One mistake: where (1-based line, column in characters), how wide, and what to say.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finding {
    pub line: u32,
    pub column: u32,
    pub width: u32,
    pub certain: bool,
    pub message: String,
    pub hint: String,
}

/// Fields whose value is a list: a value in full-width brackets there was meant as a list.
/// (In `[ ]`, a `，` with no `,` anywhere is read as meant for `,` — `any: [抱歉，对不起]` —
/// except in `allow`, whose entries are whole sentences.)
const LIST_FIELDS: &[&str] = &["standards", "variants", "allow", "any", "steps", "sets", "packs"];

/// Every mistake in `text`, in file order.
pub(crate) fn scan(text: &str) -> Vec<Finding> {
    let lines: Vec<Vec<char>> = text.split('\n').map(|l| l.trim_end_matches('\r').chars().collect()).collect();
    let mut scanner = Scanner { out: Vec::new(), text, marks: None, seen: HashSet::new() };
    let mut block: Option<usize> = None; // inside block text more indented than this
    let mut quote: Option<char> = None; // inside a quoted value running over several lines
    let mut flow: Vec<Flow> = Vec::new(); // inside [ ] / { } running over several lines
    for (n, line) in lines.iter().enumerate() {
        let no = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let indent = line.iter().take_while(|c| is_space(**c)).count();
        let blank = indent == line.len();
        if let Some(parent) = block {
            if blank || indent > parent {
                continue;
            }
            block = None;
        }
        if let Some(q) = quote {
            match close_quote(line, 0, q) {
                Some(end) => {
                    quote = None;
                    if !flow.is_empty() {
                        scanner.flow(no, line, end + 1, &mut flow, &mut quote);
                    }
                }
                None => continue,
            }
            continue;
        }
        if !flow.is_empty() {
            scanner.flow(no, line, 0, &mut flow, &mut quote);
            continue;
        }
        if blank {
            continue;
        }
        // Indentation: only ASCII spaces (tabs are the parser's: it names them well).
        if let Some(first) = line[..indent].iter().position(|c| is_wide_space(*c)) {
            let run = line[first..indent].iter().take_while(|c| is_wide_space(**c)).count();
            scanner.push(Finding {
                line: no,
                column: col(first),
                width: w(run),
                certain: true,
                message: format!("缩进里有{}：YAML 只认英文空格", space_name(line[first])),
                hint: "删掉行首的空白，重新用英文（半角）空格缩进，每级 2 个；中文输入法下可按 Shift+空格 切换到半角"
                    .to_owned(),
            });
        }
        let mut at = indent;
        // List markers: `- `, possibly several (`- - a`).
        loop {
            match (line.get(at), line.get(at + 1)) {
                (Some('-'), None) => at += 1,
                (Some('-'), Some(c)) if c.is_whitespace() && !is_wide_space(*c) => {
                    at += 1;
                    at += line[at..].iter().take_while(|c| is_space(**c)).count();
                    continue;
                }
                (Some('-'), Some(c)) if is_wide_space(*c) => {
                    scanner.push(Finding {
                        line: no,
                        column: col(at + 1),
                        width: 1,
                        certain: true,
                        message: format!("列表项的“-”后面是{}，YAML 只认英文空格", space_name(*c)),
                        hint: "把“-”后面的空格换成英文（半角）空格".to_owned(),
                    });
                    at += 1;
                    at += line[at..].iter().take_while(|c| is_space(**c)).count();
                    continue;
                }
                (Some(d @ ('－' | '—' | '–' | '−')), Some(c)) if c.is_whitespace() => {
                    scanner.push(Finding {
                        line: no,
                        column: col(at),
                        width: 1,
                        certain: true,
                        message: format!("列表项开头的“{d}”是中文（全角）横线，YAML 只认英文减号“-”"),
                        hint: "改成英文减号加空格：“- ”".to_owned(),
                    });
                    at += 1;
                    at += line[at..].iter().take_while(|c| is_space(**c)).count();
                    continue;
                }
                (Some('-'), Some(c)) if is_key_start(*c) && key_end(line, at + 1).is_some() => {
                    scanner.push(Finding {
                        line: no,
                        column: col(at),
                        width: 1,
                        certain: true,
                        message: "列表项的“-”后面缺少空格：YAML 会把“-”当成字段名的一部分".to_owned(),
                        hint: format!("在“-”后面加一个空格：- {}", shorten(&line[at + 1..])),
                    });
                    at += 1;
                    continue;
                }
                _ => break,
            }
            break;
        }
        let Some(&first) = line.get(at) else { continue };
        if first == '#' {
            continue;
        }
        if first == '＃' {
            scanner.push(Finding {
                line: no,
                column: col(at),
                width: 1,
                certain: true,
                message: "注释符号“＃”是中文（全角）的，YAML 只认英文“#”".to_owned(),
                hint: "改成英文“#”".to_owned(),
            });
            continue;
        }
        let (value_at, key) = match key_end(line, at) {
            Some((end, sep)) => {
                (scanner.key(no, line, at, end, sep), narrow(&line[at..end].iter().collect::<String>()))
            }
            // A list item's own text (`- 主动问候`).
            None if at > indent => (Some(at), String::new()),
            // The continuation of a multi-line text.
            None => (None, String::new()),
        };
        if let Some(v) = value_at {
            scanner.value(no, line, v, indent, &key, &lines[n + 1..], &mut block, &mut quote, &mut flow);
        }
    }
    scanner.out.sort_by_key(|f| (f.line, f.column));
    scanner.out
}

/// An open `[` or `{`, and whether the scan is at the start of an entry (a key in `{ }`).
#[derive(Debug, Clone, Copy)]
struct Flow {
    map: bool,
    /// In `{ }`: before the entry's `: ` (reading its key).
    at_key: bool,
    /// In `[ ]`: whether an ASCII comma separates its entries anywhere (then a `，` inside an
    /// entry may be the text's own comma).
    ascii_commas: bool,
    /// An `allow` list: its entries are whole sentences (规范原话), commas included.
    sentences: bool,
    start_line: u32,
}

struct Scanner<'t> {
    out: Vec<Finding>,
    text: &'t str,
    /// Every `&name` and `*name` written in the file, collected once when first needed (an
    /// anchor that is used, or an alias to an anchor, is YAML the trainer meant).
    marks: Option<(HashSet<&'t str>, HashSet<&'t str>)>,
    seen: HashSet<(u32, u32)>,
}

impl<'t> Scanner<'t> {
    fn marks(&mut self) -> &(HashSet<&'t str>, HashSet<&'t str>) {
        let text = self.text;
        self.marks.get_or_insert_with(|| {
            let mut anchors = HashSet::new();
            let mut aliases = HashSet::new();
            for (i, c) in text.char_indices().filter(|(_, c)| *c == '&' || *c == '*') {
                let rest = &text[i + 1..];
                let end = rest.find(|c: char| c.is_whitespace() || ",[]{}".contains(c)).unwrap_or(rest.len());
                if end > 0 {
                    if c == '&' {
                        anchors.insert(&rest[..end])
                    } else {
                        aliases.insert(&rest[..end])
                    };
                }
            }
            (anchors, aliases)
        })
    }
}

impl Scanner<'_> {
    /// Keeps the first finding at a position (a character is one mistake).
    fn push(&mut self, f: Finding) {
        if self.seen.insert((f.line, f.column)) {
            self.out.push(f);
        }
    }

    /// The separator after a key at `line[start..end]`; returns where its value starts.
    fn key(&mut self, no: u32, line: &[char], start: usize, end: usize, sep: char) -> Option<usize> {
        let key: String = line[start..end].iter().collect();
        if key.chars().any(is_wide_alnum) {
            self.push(Finding {
                line: no,
                column: col(start),
                width: w(end - start),
                certain: true,
                message: format!("字段名 {key} 用了全角（中文输入法下的）字母或数字"),
                hint: format!("切换到半角后重新输入字段名：{}", narrow(&key)),
            });
        }
        let next = line.get(end + 1).copied();
        let rest: String = line[end + 1..].iter().collect::<String>().trim().to_owned();
        if sep == '：' {
            self.push(Finding {
                line: no,
                column: col(end),
                width: 1,
                certain: true,
                message: format!("字段名 {} 后面用了中文冒号“：”，YAML 只认英文冒号“:”", narrow(&key)),
                hint: format!("把“：”改成英文冒号，后面再加一个空格：{}: {}", narrow(&key), shorten_str(&rest)),
            });
            return Some(end + 1 + line[end + 1..].iter().take_while(|c| is_space(**c)).count());
        }
        match next {
            None => None,
            Some(c) if is_wide_space(c) => {
                self.push(Finding {
                    line: no,
                    column: col(end + 1),
                    width: 1,
                    certain: true,
                    message: format!("字段名 {key} 的冒号后面是{}，YAML 只认英文空格", space_name(c)),
                    hint: format!("把冒号后面的空格换成英文（半角）空格：{key}: {}", shorten_str(&rest)),
                });
                Some(end + 1 + line[end + 1..].iter().take_while(|c| is_space(**c)).count())
            }
            Some(c) if c == ' ' || c == '\t' => {
                Some(end + 1 + line[end + 1..].iter().take_while(|c| is_space(**c)).count())
            }
            Some(_) => {
                self.push(Finding {
                    line: no,
                    column: col(end),
                    width: 1,
                    certain: true,
                    message: format!(
                        "字段名 {key} 的冒号后面缺少空格：{key}:{} 会被当成一整段文字",
                        shorten_str(&rest)
                    ),
                    hint: format!("在冒号后面加一个空格：{key}: {}", shorten_str(&rest)),
                });
                None
            }
        }
    }

    /// The first character of a value (after `key: ` or `- `).
    #[allow(clippy::too_many_arguments)]
    fn value(
        &mut self,
        no: u32,
        line: &[char],
        at: usize,
        indent: usize,
        key: &str,
        below: &[Vec<char>],
        block: &mut Option<usize>,
        quote: &mut Option<char>,
        flow: &mut Vec<Flow>,
    ) {
        let Some(&c) = line.get(at) else { return };
        let rest: String = line[at..].iter().collect();
        let nested_below = || {
            below
                .iter()
                .map(|l| (l.iter().take_while(|c| is_space(**c)).count(), l))
                .find(|(i, l)| *i < l.len() && l[*i] != '#')
                .is_some_and(|(i, l)| i > indent || (i == indent && l.get(i) == Some(&'-')))
        };
        let quote_it = |what: &str| {
            let fixed = if key.is_empty() {
                format!("- \"{}\"", shorten_str(&rest))
            } else {
                format!("{key}: \"{}\"", shorten_str(&rest))
            };
            (format!("文字以“{c}”开头：{what}"), format!("给整段文字加上英文双引号：{fixed}"))
        };
        // A keyword, id or number followed by a full-width space (`kind: choice　`), or
        // written in full-width digits (`score: １０`): YAML keeps them as text.
        let body: Vec<char> = {
            let end = (at..line.len())
                .find(|&i| i > 0 && line[i] == '#' && line[i - 1].is_whitespace())
                .unwrap_or(line.len());
            let mut body = line[at..end].to_vec();
            while body.last().is_some_and(|c| *c == ' ' || *c == '\t') {
                body.pop();
            }
            body
        };
        let trailing = body.iter().rev().take_while(|c| is_wide_space(**c)).count();
        let word = &body[..body.len() - trailing];
        if trailing > 0 && !word.is_empty() && word.iter().all(char::is_ascii) && !matches!(c, '"' | '\'' | '[' | '{') {
            let word: String = word.iter().collect();
            self.push(Finding {
                line: no,
                column: col(at + body.len() - trailing),
                width: w(trailing),
                certain: true,
                message: format!("{word} 后面有{}：YAML 会把它当成值的一部分", space_name(body[body.len() - trailing])),
                hint: format!(
                    "删掉行尾的空格：{}{word}",
                    if key.is_empty() { "- ".to_owned() } else { format!("{key}: ") }
                ),
            });
            return;
        }
        if body.iter().any(|c| matches!(c, '０'..='９'))
            && body.iter().all(|c| matches!(c, '０'..='９' | '．' | '－' | '＋' | '.' | '-' | '0'..='9'))
        {
            let number = narrow(&body.iter().collect::<String>()).replace('．', ".");
            self.push(Finding {
                line: no,
                column: col(at),
                width: w(body.len()),
                certain: true,
                message: format!(
                    "数字 {} 用了全角（中文输入法下的）数字，YAML 会把它当成文字",
                    body.iter().collect::<String>()
                ),
                hint: format!(
                    "切换到半角后重新输入：{}{number}",
                    if key.is_empty() { "- ".to_owned() } else { format!("{key}: ") }
                ),
            });
            return;
        }
        let indicator = match c {
            '*' => {
                let name: String =
                    line[at + 1..].iter().take_while(|c| !is_space(**c) && !",[]{}".contains(**c)).collect();
                let anchored = !name.is_empty() && self.marks().0.contains(name.as_str());
                (!anchored).then(|| quote_it("YAML 把“*”当作引用（别名）符号"))
            }
            '&' => {
                let name: String =
                    line[at + 1..].iter().take_while(|c| !is_space(**c) && !",[]{}".contains(**c)).collect();
                let used = !name.is_empty() && self.marks().1.contains(name.as_str());
                (!used).then(|| quote_it("YAML 把“&”当作锚点符号，后面的字会被吞掉"))
            }
            '!' => Some(quote_it("YAML 把“!”当作类型标签符号")),
            '@' | '`' => Some(quote_it("这是 YAML 的保留符号，不能放在开头")),
            '%' => Some(quote_it("YAML 把“%”当作指令符号")),
            ',' | ']' | '}' => Some(quote_it("这是 YAML 的列表符号，不能放在开头")),
            '|' | '>' => {
                let header_ok = line[at + 1..]
                    .iter()
                    .skip_while(|c| matches!(c, '-' | '+' | '1'..='9'))
                    .collect::<String>()
                    .trim_start()
                    .chars()
                    .next()
                    .is_none_or(|c| c == '#');
                if header_ok {
                    *block = Some(indent);
                    None
                } else {
                    Some(quote_it("YAML 把它当作多行文字的开头，后面不能在同一行接文字"))
                }
            }
            '#' => {
                let text_follows = line.get(at + 1).is_some_and(|c| !c.is_whitespace() && *c != '#');
                (text_follows && !key.is_empty() && !nested_below())
                    .then(|| quote_it("YAML 把“#”后面的内容当作注释，这个字段就成了空的"))
            }
            '-' if line.get(at + 1).is_none_or(|c| *c == ' ') && !key.is_empty() => {
                Some(quote_it("YAML 把“- ”当作列表项的开头"))
            }
            '"' | '\'' => {
                match close_quote(line, at + 1, c) {
                    None => *quote = Some(c),
                    Some(end) => {
                        let after: String = line[end + 1..].iter().collect();
                        let gap = line[end + 1..].iter().take_while(|c| is_space(**c)).count();
                        let after = after.trim();
                        if !(after.is_empty() || after.starts_with('#') || (after.starts_with(':') && key.is_empty())) {
                            self.push(Finding {
                                line: no,
                                column: col(end + 1 + gap),
                                width: w(after.chars().count()),
                                certain: false,
                                message: "引号只括住了前一部分文字，引号后面还有字".to_owned(),
                                hint: "整段文字都放进一对英文引号里；文字中要引用别人的话，用中文引号“”".to_owned(),
                            });
                        }
                    }
                }
                None
            }
            '[' | '{' => {
                flow.push(Flow {
                    map: c == '{',
                    at_key: c == '{',
                    ascii_commas: false,
                    sentences: key == "allow",
                    start_line: no,
                });
                self.flow(no, line, at + 1, flow, quote);
                None
            }
            '“' | '‘' | '「' | '『' | '＂' | '＇' => {
                let close = match c {
                    '“' => '”',
                    '‘' => '’',
                    '「' => '」',
                    '『' => '』',
                    other => other,
                };
                self.push(Finding {
                    line: no,
                    column: col(at),
                    width: 1,
                    certain: false,
                    message: format!("这段文字用中文引号 {c} {close} 括起来：YAML 不把它们当作引号，里面的英文冒号、# 等符号仍会出错"),
                    hint: format!("改用英文双引号把整段括起来：\"{}\"（文字里面的中文引号可以保留）", shorten_str(rest.trim_start_matches(c).trim_end_matches(close))),
                });
                None
            }
            '［' | '｛' | '【' | '〔' => {
                let close = match c {
                    '［' => '］',
                    '｛' => '｝',
                    '【' => '】',
                    _ => '〕',
                };
                let whole = rest.trim_end().ends_with(close);
                if whole && (matches!(c, '［' | '｛') || LIST_FIELDS.contains(&key)) {
                    let ascii = if c == '｛' { "{ }" } else { "[ ]" };
                    let inner =
                        rest.trim_end().trim_start_matches(c).trim_end_matches(close).replace(['，', '、'], ", ");
                    self.push(Finding {
                        line: no,
                        column: col(at),
                        width: 1,
                        certain: true,
                        message: format!("“{c}{close}”是中文（全角）括号，YAML 只认英文括号“{ascii}”"),
                        hint: format!(
                            "换成英文括号{}：{}{}{}",
                            if inner.contains(", ") { "和英文逗号" } else { "" },
                            &ascii[..1],
                            shorten_str(&inner),
                            &ascii[2..]
                        ),
                    });
                }
                None
            }
            '｜' | '＞' if rest.trim() == c.to_string() && nested_below() => {
                self.push(Finding {
                    line: no,
                    column: col(at),
                    width: 1,
                    certain: true,
                    message: format!("多行文字的符号“{c}”是中文（全角）的，YAML 只认英文的 | 或 >"),
                    hint: "改成英文的“|”（保留换行）或“>”（合并成一段）".to_owned(),
                });
                *block = Some(indent);
                None
            }
            _ => None,
        };
        if let Some((message, hint)) = indicator {
            self.push(Finding { line: no, column: col(at), width: 1, certain: true, message, hint });
        }
    }

    /// Inside `[ ]` / `{ }` from `line[from..]`, keeping the open brackets in `flow`.
    fn flow(&mut self, no: u32, line: &[char], from: usize, flow: &mut Vec<Flow>, quote: &mut Option<char>) {
        let mut i = from;
        // The first ASCII comma of each `[` decides how its `，` are read: look ahead.
        if let Some(top) = flow.last_mut() {
            if !top.map && !top.ascii_commas {
                top.ascii_commas = ascii_comma_ahead(line, i);
            }
        }
        while i < line.len() {
            let Some(top) = flow.last().copied() else { return };
            let c = line[i];
            match c {
                '"' | '\'' => match close_quote(line, i + 1, c) {
                    Some(end) => i = end,
                    None => {
                        *quote = Some(c);
                        return;
                    }
                },
                '#' if i == 0 || line[i - 1].is_whitespace() => return,
                '[' | '{' => {
                    flow.push(Flow {
                        map: c == '{',
                        at_key: c == '{',
                        ascii_commas: c == '[' && ascii_comma_ahead(line, i + 1),
                        sentences: false,
                        start_line: no,
                    });
                }
                ']' | '}' => {
                    flow.pop();
                }
                ',' => {
                    if let Some(t) = flow.last_mut() {
                        t.at_key = t.map;
                        if !t.map {
                            t.ascii_commas = true;
                        }
                    }
                }
                ':' if top.map && top.at_key && line.get(i + 1).is_none_or(|c| " \t,}".contains(*c)) => {
                    if let Some(t) = flow.last_mut() {
                        t.at_key = false;
                    }
                }
                ':' if top.map && top.at_key => {
                    let key = flow_key(line, i);
                    if is_ident(&key) && !line[i + 1..].starts_with(&['/', '/']) {
                        let value: String = line[i + 1..].iter().take_while(|c| !",}".contains(**c)).collect();
                        self.push(Finding {
                            line: no,
                            column: col(i),
                            width: 1,
                            certain: true,
                            message: format!(
                                "字段名 {key} 的冒号后面缺少空格：{key}:{} 会被当成一整段文字",
                                value.trim()
                            ),
                            hint: format!("在冒号后面加一个空格：{key}: {}", value.trim()),
                        });
                    }
                    if let Some(t) = flow.last_mut() {
                        t.at_key = false;
                    }
                }
                '：' if top.map && top.at_key => {
                    let key = flow_key(line, i);
                    if is_ident(&narrow(&key)) {
                        self.push(Finding {
                            line: no,
                            column: col(i),
                            width: 1,
                            certain: true,
                            message: format!("字段名 {} 后面用了中文冒号“：”，YAML 只认英文冒号“:”", narrow(&key)),
                            hint: format!("把“：”改成英文冒号，后面再加一个空格：{}: …", narrow(&key)),
                        });
                    }
                    if let Some(t) = flow.last_mut() {
                        t.at_key = false;
                    }
                }
                '，' | '、' if top.map && !top.at_key => {
                    // `{ text: 甲， score: 5 }`: a Chinese comma before the next key.
                    let next = &line[i + 1..];
                    let skip = next.iter().take_while(|c| is_space(**c)).count();
                    if let Some((end, _)) = key_end(next, skip) {
                        if end > skip && next[skip..end].iter().all(|c| c.is_ascii_alphanumeric() || *c == '_') {
                            self.push(Finding {
                                line: no,
                                column: col(i),
                                width: 1,
                                certain: true,
                                message: format!("两个字段之间用了中文逗号“{c}”，YAML 只认英文逗号“,”"),
                                hint: "在 { } 里，字段之间用英文逗号加空格分隔：{ text: …, score: 5 }".to_owned(),
                            });
                        }
                    }
                }
                '，' | '、' if !top.map => {
                    let prev = line[..i].iter().rev().find(|c| !is_space(**c)).copied();
                    let next = line[i + 1..].iter().find(|c| !is_space(**c)).copied();
                    let between_ids = prev.is_some_and(is_id_char) && next.is_some_and(is_id_char);
                    if between_ids || (c == '，' && !top.ascii_commas && !top.sentences) {
                        let list: String = line[from.saturating_sub(1)..].iter().collect();
                        let fixed = list.trim().replace(['，', '、'], ", ");
                        self.push(Finding {
                            line: no,
                            column: col(i),
                            width: 1,
                            certain: true,
                            message: format!(
                                "列表 [ ] 里用了中文{}“{c}”分隔，YAML 只认英文逗号“,”",
                                if c == '、' { "顿号" } else { "逗号" }
                            ),
                            hint: format!(
                                "改成英文逗号加空格：{}；如果这是一整句话，给它加上英文双引号",
                                shorten_str(&fixed)
                            ),
                        });
                    }
                }
                '］' | '】' | '｝' if line[i + 1..].iter().all(|c| is_space(*c)) && top.start_line <= no => {
                    let ascii = if c == '｝' { '}' } else { ']' };
                    self.push(Finding {
                        line: no,
                        column: col(i),
                        width: 1,
                        certain: true,
                        message: format!("“{c}”是中文（全角）括号，YAML 只认英文括号“{ascii}”，列表没有闭合"),
                        hint: format!("换成英文括号“{ascii}”"),
                    });
                }
                _ => {}
            }
            i += 1;
        }
    }
}

/// Where the key starting at `line[start]` ends and its separator (`:` or `：`), if this is
/// a key: letters, digits, `_`, `-`, `.` (ASCII or full-width), then a colon.
fn key_end(line: &[char], start: usize) -> Option<(usize, char)> {
    if !line.get(start).is_some_and(|c| is_key_start(*c)) {
        return None;
    }
    let len = line[start..].iter().take_while(|c| is_key_char(**c)).count();
    let end = start + len;
    match line.get(end) {
        Some(&sep @ (':' | '：')) => {
            // `http://…` is not a key.
            if sep == ':' && line.get(end + 1) == Some(&'/') {
                return None;
            }
            Some((end, sep))
        }
        _ => None,
    }
}

/// The key before a colon at `line[i]` inside `{ }`.
fn flow_key(line: &[char], i: usize) -> String {
    let start = line[..i].iter().rposition(|c| "{,， ".contains(*c)).map_or(0, |p| p + 1);
    line[start..i].iter().collect()
}

/// Whether an ASCII comma separates entries of the `[` open at `line[from..]` on this line
/// (looked for in the next few hundred characters: deeply nested garbage stays linear).
fn ascii_comma_ahead(line: &[char], from: usize) -> bool {
    let mut depth = 0usize;
    let mut i = from;
    let end = line.len().min(from + 400);
    while i < end {
        match line[i] {
            '"' | '\'' => match close_quote(line, i + 1, line[i]) {
                Some(end) => i = end,
                None => return false,
            },
            '[' | '{' => depth += 1,
            ']' | '}' if depth == 0 => return false,
            ']' | '}' => depth -= 1,
            ',' if depth == 0 => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// The index of the quote closing one opened before `line[from]`.
fn close_quote(line: &[char], from: usize, q: char) -> Option<usize> {
    let mut i = from;
    while i < line.len() {
        let c = line[i];
        if q == '"' && c == '\\' {
            i += 2;
            continue;
        }
        if c == q {
            if q == '\'' && line.get(i + 1) == Some(&'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || is_wide_space(c)
}

/// The full-width space of Chinese input, and the no-break space pasted from Word or web pages.
fn is_wide_space(c: char) -> bool {
    c == '\u{3000}' || c == '\u{a0}'
}

fn space_name(c: char) -> &'static str {
    if c == '\u{3000}' {
        "全角空格（U+3000，中文输入法下打出的空格）"
    } else {
        "不换行空格（U+00A0，多半是从 Word 或网页复制来的）"
    }
}

fn is_wide_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '＿' | '－')
}

fn is_key_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') || is_wide_alnum(c)
}

fn is_ident(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

/// Characters of a rule or item id (`REPAIR.ASK`, `repair-ask`).
fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// Full-width letters and digits as ASCII (`ｐｒｏｍｐｔ` → `prompt`).
fn narrow(s: &str) -> String {
    s.chars().map(|c| if is_wide_alnum(c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c }).collect()
}

fn col(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

fn w(n: usize) -> u32 {
    u32::try_from(n.max(1)).unwrap_or(u32::MAX)
}

fn shorten(chars: &[char]) -> String {
    shorten_str(&chars.iter().collect::<String>())
}

/// At most 40 characters, for quoting a corrected line in a hint.
fn shorten_str(s: &str) -> String {
    let s = s.trim();
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        "version: 1\nid: t\ntitle: 测试\ncategory: repair\npass_mark: 80\nitems:\n  - id: a\n    kind: choice\n";

    fn one(body: &str) -> Finding {
        let found = scan(&format!("{HEAD}{body}"));
        assert_eq!(found.len(), 1, "{body}: {found:#?}");
        found.into_iter().next().expect("one")
    }

    fn at(f: &Finding) -> (u32, u32, bool) {
        (f.line, f.column, f.certain)
    }

    #[test]
    fn clean_text_has_no_findings() {
        let text = "version: 1\nprompt: 客户说：“我家停电了。”请问：怎么办？\nurl: http://example.com\ncontext: |\n  注意：这里\n  note：也可以\n  - 任何：内容\nitems:\n  - { text: 您好，请问有什么可以帮您？, score: 5 }\n  - text: \"*号键\"\n    any: [抱歉, 对不起，真的]\n    steps:\n      - 主动问候，表达服务意愿\n    options: # 三个选项\n      - a\ntime: 10:30\nmood: -1\nnote: 'it''s：ok'\nlist: [\"a，b\", c]\nfolded: >-\n  【提示】文字\nx: &a [1]\ny: *a\n";
        assert_eq!(scan(text), Vec::<Finding>::new());
    }

    #[test]
    fn full_width_colon_after_a_key() {
        let f = one("    prompt：请问您家停电了吗？\n");
        assert_eq!(at(&f), (9, 11, true));
        assert!(f.message.contains("prompt") && f.message.contains("："), "{f:?}");
        assert!(f.hint.contains("prompt: 请问您家停电了吗？"), "{f:?}");
        // In a list item and in a flow mapping too.
        assert_eq!(at(&one("    options:\n      - text：甲\n")), (10, 13, true));
        assert_eq!(at(&one("    options:\n      - { text：甲, score: 5 }\n")), (10, 15, true));
    }

    #[test]
    fn full_width_colon_inside_a_value_is_fine() {
        assert!(scan(&format!(
            "{HEAD}    prompt: 请问：您家停电了吗？\n    options:\n      - {{ text: 答：甲, score: 5 }}\n"
        ))
        .is_empty());
    }

    #[test]
    fn missing_space_after_colon() {
        let f = one("    points:5\n");
        assert_eq!(at(&f), (9, 11, true));
        assert!(f.hint.contains("points: 5"), "{f:?}");
        assert_eq!(at(&one("    options:\n      - { text: 甲, score:5 }\n")), (10, 25, true));
    }

    #[test]
    fn full_width_spaces() {
        assert_eq!(at(&one("\u{3000}\u{3000}prompt: 请问\n")), (9, 1, true));
        assert_eq!(one("  \u{3000}\u{3000}prompt: 请问\n").width, 2);
        assert_eq!(at(&one("    prompt:\u{3000}请问\n")), (9, 12, true));
        assert_eq!(at(&one("    options:\n      -\u{3000}text: 甲\n")), (10, 8, true));
        assert_eq!(at(&one("    options:\n      -text: 甲\n")), (10, 7, true));
    }

    #[test]
    fn chinese_commas_in_lists() {
        let f = one("    standards: [REPAIR.ASK，REPAIR.DISPATCH]\n");
        assert_eq!(at(&f), (9, 27, true));
        assert!(f.hint.contains("[REPAIR.ASK, REPAIR.DISPATCH]"), "{f:?}");
        assert_eq!(at(&one("    standards: [REPAIR.ASK、CALL.RECORD]\n")), (9, 27, true));
        assert_eq!(at(&one("    any: [抱歉，对不起]\n")), (9, 13, true));
        assert_eq!(at(&one("    options:\n      - { text: 甲， score: 5 }\n")), (10, 18, true));
        assert!(scan(&format!("{HEAD}    any: [抱歉, 对不起，真的]\n")).is_empty());
    }

    #[test]
    fn full_width_brackets() {
        assert_eq!(at(&one("    standards: ［REPAIR.ASK］\n")), (9, 16, true));
        assert_eq!(at(&one("    standards: 【REPAIR.ASK，CALL.RECORD】\n")), (9, 16, true));
        assert!(scan(&format!("{HEAD}    prompt: 【情景】客户来电\n")).is_empty());
        assert_eq!(at(&one("    standards: [REPAIR.ASK］\n")), (9, 27, true));
    }

    #[test]
    fn indicators_need_quotes() {
        for (value, ch) in [
            ("*号键转人工", '*'),
            ("&符号", '&'),
            ("!注意", '!'),
            ("@客户", '@'),
            ("`代码`", '`'),
            ("%80", '%'),
            ("| 文字", '|'),
            ("> 文字", '>'),
            ("#3 号窗口", '#'),
            ("- 甲", '-'),
        ] {
            let f = one(&format!("    prompt: {value}\n    options: []\n"));
            assert_eq!(at(&f), (9, 13, true), "{value}");
            assert!(f.message.contains(ch) && f.hint.contains("引号"), "{f:?}");
        }
        // Block text, comments on a parent key, and used anchors are fine.
        assert!(scan(&format!("{HEAD}    prompt: |\n      *号键\n    options: #选项\n      - a\n")).is_empty());
    }

    #[test]
    fn chinese_quotes_are_suspects() {
        let f = one("    prompt: “注意: 这里”\n");
        assert_eq!(at(&f), (9, 13, false));
        let f = one("    prompt: \"客户说\" 多余\n");
        assert_eq!(at(&f), (9, 19, false));
    }

    #[test]
    fn full_width_spaces_after_keywords_and_full_width_digits() {
        let f = one("    kind: choice\u{3000}\n");
        assert_eq!(at(&f), (9, 17, true));
        assert!(f.hint.contains("kind: choice"), "{f:?}");
        let f = one("    points: １０\n");
        assert_eq!(at(&f), (9, 13, true));
        assert!(f.hint.contains("points: 10"), "{f:?}");
        // Text may end with a full-width space, and say ２ 米 in full-width digits.
        assert!(scan(&format!("{HEAD}    prompt: 请问\u{3000}\n    context: 离您约 ２ 米\n")).is_empty());
    }

    #[test]
    fn large_and_deeply_nested_input_is_scanned_in_one_pass() {
        // Quadratic work here would hang: many aliases, and one line of 50 000 brackets.
        let aliases = "a: &a x\n".to_owned() + &"- *a\n- *b\n".repeat(100_000);
        assert_eq!(scan(&aliases).len(), 100_000, "only the aliases without an anchor");
        let nested = format!("a: {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
        assert!(scan(&nested).is_empty());
    }

    #[test]
    fn full_width_key_letters_and_marks() {
        assert_eq!(at(&one("    ｐｒｏｍｐｔ: 请问\n")), (9, 5, true));
        assert_eq!(at(&one("    ＃ 注释\n")), (9, 5, true));
        assert_eq!(at(&one("    options:\n      － text: 甲\n")), (10, 7, true));
    }
}
