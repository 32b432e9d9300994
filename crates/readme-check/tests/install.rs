//! The check crates list exactly the dependencies the READMEs tell a user to add.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use readme_check::{Dep, feature_examples, install_blocks, manifest_dependencies};

/// The provider crates (directories under `crates/`).
const PROVIDERS: &[&str] = &["nopayn", "ecommpay", "epoint", "onlinepayments"];

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check_crate_deps(dir: &str) -> Vec<Dep> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(dir)
        .join("Cargo.toml");
    manifest_dependencies(&read(&manifest)).unwrap_or_else(|e| panic!("{dir}: {e}"))
}

#[test]
fn main_check_crates_have_the_install_dependencies() {
    for provider in PROVIDERS {
        let readme = read(&crates_dir().join(provider).join("README.md"));
        let blocks = install_blocks(&readme).unwrap();
        let main = blocks
            .iter()
            .find(|b| b.features.is_empty())
            .unwrap_or_else(|| panic!("{provider}: the README has no Install block"));
        assert!(
            readme.contains("## Install"),
            "{provider}: no Install section"
        );
        assert_eq!(check_crate_deps(provider), main.deps, "{provider}");
    }
}

#[test]
fn feature_check_crates_have_the_feature_install_dependencies() {
    let mut checked = 0;
    for provider in PROVIDERS {
        let readme = read(&crates_dir().join(provider).join("README.md"));
        let features: BTreeSet<String> = install_blocks(&readme)
            .unwrap()
            .into_iter()
            .flat_map(|b| b.features)
            .collect();
        for feature in features {
            let (examples, install) = feature_examples(&readme, &feature).unwrap();
            let dir = format!("{provider}-{feature}");
            let exists = Path::new(env!("CARGO_MANIFEST_DIR")).join(&dir).exists();
            // A feature whose section shows code has a check crate; one without has none.
            assert_eq!(exists, !examples.is_empty(), "{dir}");
            if exists {
                assert_eq!(check_crate_deps(&dir), install.deps, "{dir}");
                checked += 1;
            }
        }
    }
    assert_eq!(
        checked, 3,
        "nopayn, epoint and onlinepayments show axum code"
    );
}

#[test]
fn every_check_crate_is_a_workspace_member() {
    let workspace = read(&crates_dir().join("../Cargo.toml"));
    for entry in std::fs::read_dir(env!("CARGO_MANIFEST_DIR")).unwrap() {
        let path = entry.unwrap().path();
        if path.join("Cargo.toml").exists() {
            let name = path.file_name().unwrap().to_str().unwrap();
            assert!(
                workspace.contains(&format!("\"crates/readme-check/{name}\"")),
                "{name} is not in the workspace"
            );
        }
    }
}

#[test]
fn parsing() {
    let dep =
        readme_check::parse_cargo_add("cargo add tokio --features macros,rt-multi-thread # x")
            .unwrap()
            .unwrap();
    assert_eq!(dep.name, "tokio");
    assert_eq!(
        dep.features,
        BTreeSet::from(["macros".to_owned(), "rt-multi-thread".to_owned()])
    );
    assert!(readme_check::parse_cargo_add("echo hi").is_none());
    assert!(
        readme_check::parse_cargo_add("cargo add x --git y")
            .unwrap()
            .is_err()
    );
    let deps = manifest_dependencies(
        "[package]\nname = \"x\"\n[dependencies]\na = \"1\"\nb = { path = \"../b\", features = [\"f\", \"g\"] }\n[lints]\nworkspace = true\n",
    )
    .unwrap();
    assert_eq!(deps.len(), 2);
    assert_eq!(deps[1].features.len(), 2);
    assert!(
        manifest_dependencies("[dependencies]\na = { version = \"1\", default-features = false }")
            .is_err()
    );
}
