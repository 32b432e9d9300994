//! Reading a README: its code blocks, the sections they are in, and the `cargo add`
//! lines of its install blocks; reading the `[dependencies]` of a manifest.
//!
//! Shared by the `readme-check` tests and the build script of the feature crates.

use std::collections::BTreeSet;

/// A dependency as `cargo add` adds it: a name and the features turned on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dep {
    /// The package name.
    pub name: String,
    /// The features named with `--features`.
    pub features: BTreeSet<String>,
}

/// A fenced code block.
#[derive(Debug, Clone)]
pub struct Block {
    /// The info string after the fence (`rust,no_run`, `sh`, …).
    pub info: String,
    /// The lines between the fences.
    pub code: String,
    /// The number of headings before the block: blocks with the same number are in the
    /// same section.
    pub section: usize,
}

/// Every fenced code block of a Markdown text, in order.
pub fn code_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut section = 0;
    let mut open: Option<Block> = None;
    for line in text.lines() {
        match open.as_mut() {
            Some(_) if line.trim_start().starts_with("```") => blocks.extend(open.take()),
            Some(block) => {
                block.code.push_str(line);
                block.code.push('\n');
            }
            None if line.trim_start().starts_with("```") => {
                let info = line.trim_start().trim_start_matches('`').trim().to_owned();
                open = Some(Block {
                    info,
                    code: String::new(),
                    section,
                });
            }
            None if line.starts_with('#') => section += 1,
            None => {}
        }
    }
    blocks
}

/// A `cargo add NAME [--features a,b]` line (a trailing `# comment` allowed); `None`
/// for any other line.
pub fn parse_cargo_add(line: &str) -> Option<Result<Dep, String>> {
    let line = line.split('#').next().unwrap_or_default().trim();
    let rest = line.strip_prefix("cargo add ")?;
    let mut words = rest.split_whitespace();
    let Some(name) = words.next() else {
        return Some(Err(format!("no package in {line:?}")));
    };
    let mut features = BTreeSet::new();
    while let Some(word) = words.next() {
        match (word, words.next()) {
            ("--features" | "-F", Some(list)) => {
                features.extend(list.split(',').map(str::to_owned));
            }
            _ => return Some(Err(format!("unexpected option {word:?} in {line:?}"))),
        }
    }
    Some(Ok(Dep {
        name: name.to_owned(),
        features,
    }))
}

/// An install block: the `cargo add` lines of one `sh` block.
#[derive(Debug, Clone)]
pub struct Install {
    /// The features of the first line (the provider crate's): empty for the main block.
    pub features: BTreeSet<String>,
    /// Every dependency the block adds, sorted.
    pub deps: Vec<Dep>,
    /// The section the block is in.
    pub section: usize,
}

/// The install blocks of a README: every `sh` block whose lines are `cargo add` lines.
pub fn install_blocks(text: &str) -> Result<Vec<Install>, String> {
    let mut out = Vec::new();
    for block in code_blocks(text).into_iter().filter(|b| b.info == "sh") {
        let deps: Vec<Dep> = block
            .code
            .lines()
            .filter_map(parse_cargo_add)
            .collect::<Result<_, _>>()?;
        let Some(first) = deps.first() else { continue };
        let features = first.features.clone();
        let mut deps = deps.clone();
        deps.sort();
        out.push(Install {
            features,
            deps,
            section: block.section,
        });
    }
    Ok(out)
}

/// The examples of a feature: the `rust,ignore` blocks in the section of the install
/// block that turns `feature` on, as a Markdown text of `rust,no_run` blocks, and the
/// install block itself.
pub fn feature_examples(text: &str, feature: &str) -> Result<(String, Install), String> {
    let install = install_blocks(text)?
        .into_iter()
        .find(|i| i.features.contains(feature))
        .ok_or_else(|| format!("no install block with --features {feature}"))?;
    let mut markdown = String::new();
    for block in code_blocks(text) {
        if block.section == install.section && block.info == "rust,ignore" {
            markdown.push_str("```rust,no_run\n");
            markdown.push_str(&block.code);
            markdown.push_str("```\n\n");
        }
    }
    Ok((markdown, install))
}

/// The `[dependencies]` of a manifest written as `name = "version"` or
/// `name = { …, features = ["a", "b"] }`, one a line, sorted. `default-features` and
/// `optional` are refused: `cargo add` sets neither.
pub fn manifest_dependencies(manifest: &str) -> Result<Vec<Dep>, String> {
    let mut deps = Vec::new();
    let mut inside = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == "[dependencies]";
            continue;
        }
        if !inside || line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, value) = line
            .split_once('=')
            .ok_or_else(|| format!("not a dependency line: {line:?}"))?;
        if value.contains("default-features") || value.contains("optional") {
            return Err(format!(
                "cargo add sets no default-features or optional: {line:?}"
            ));
        }
        let mut features = BTreeSet::new();
        if let Some((_, list)) = value.split_once("features") {
            let list = list
                .split_once('[')
                .and_then(|(_, rest)| rest.split_once(']'))
                .map(|(list, _)| list)
                .ok_or_else(|| format!("unreadable features in {line:?}"))?;
            features.extend(
                list.split(',')
                    .map(|f| f.trim().trim_matches('"').to_owned())
                    .filter(|f| !f.is_empty()),
            );
        }
        deps.push(Dep {
            name: name.trim().to_owned(),
            features,
        });
    }
    deps.sort();
    Ok(deps)
}
