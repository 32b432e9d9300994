//! The build script of the `readme-check/<provider>-<feature>` crates: writes the
//! README's examples of the feature to `$OUT_DIR/readme.md`, as `rust,no_run` blocks.

#[path = "src/readme.rs"]
#[allow(dead_code)]
mod readme;

use std::path::PathBuf;

fn main() -> Result<(), String> {
    let manifest_dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let name = manifest_dir
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("no directory name")?
        .to_owned();
    let (provider, feature) = name
        .rsplit_once('-')
        .ok_or_else(|| format!("{name} is not <provider>-<feature>"))?;
    let readme = manifest_dir.join("../..").join(provider).join("README.md");
    println!("cargo::rerun-if-changed={}", readme.display());
    let text =
        std::fs::read_to_string(&readme).map_err(|e| format!("{}: {e}", readme.display()))?;
    let (markdown, _) = readme::feature_examples(&text, feature)?;
    if markdown.is_empty() {
        return Err(format!(
            "{}: no examples for the feature {feature}",
            readme.display()
        ));
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?).join("readme.md");
    std::fs::write(&out, markdown).map_err(|e| format!("{}: {e}", out.display()))
}
