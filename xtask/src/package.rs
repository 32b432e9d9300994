//! Support for `cargo xtask package`.
//!
//! `cargo package --workspace` verifies each crate against its packaged siblings through a
//! temporary local registry, and unpacks those siblings under
//! `$CARGO_HOME/registry/src/-<hash>/<name>-<version>`. The unpacked copy is reused for the
//! same name and version even when the sources changed since, so a crate could be verified
//! against a stale sibling. Removing the workspace crates' unpacked copies first makes the
//! check see the current sources.

use std::path::PathBuf;
use std::process::Command;

use crate::cmd;

/// A workspace member as `cargo metadata` describes it.
pub(crate) struct Member {
    pub(crate) name: String,
    pub(crate) version: String,
    /// False for `publish = false`.
    pub(crate) publish: bool,
}

/// Every workspace member, from `cargo metadata --no-deps`.
pub(crate) fn workspace_members() -> Result<Vec<Member>, String> {
    let output = Command::new("cargo")
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(cmd::root())
        .output()
        .map_err(|e| format!("could not run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata output: {e}"))?;
    let packages = metadata
        .get("packages")
        .and_then(serde_json::Value::as_array)
        .ok_or("cargo metadata output has no packages")?;
    packages
        .iter()
        .map(|p| {
            let field = |key: &str| {
                p.get(key)
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned)
                    .ok_or_else(|| format!("package without {key}"))
            };
            // `publish` is null (any registry) or a list of registries; `[]` means never.
            let publish = p
                .get("publish")
                .and_then(serde_json::Value::as_array)
                .is_none_or(|registries| !registries.is_empty());
            Ok(Member {
                name: field("name")?,
                version: field("version")?,
                publish,
            })
        })
        .collect()
}

/// Removes the unpacked copies of the publishable members left by earlier package runs.
pub(crate) fn clear_cached_sources(members: &[Member]) -> Result<(), String> {
    let src = cargo_home().join("registry").join("src");
    let Ok(registries) = std::fs::read_dir(&src) else {
        return Ok(()); // nothing unpacked yet
    };
    for registry in registries.flatten() {
        // Local registries used by `cargo package` have no name: their folder starts with `-`.
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        for member in members.iter().filter(|m| m.publish) {
            let dir = registry
                .path()
                .join(format!("{}-{}", member.name, member.version));
            if dir.exists() {
                std::fs::remove_dir_all(&dir)
                    .map_err(|e| format!("could not remove {}: {e}", dir.display()))?;
            }
        }
    }
    Ok(())
}

fn cargo_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home);
    }
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
    home.join(".cargo")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_come_from_cargo_metadata() {
        let members = workspace_members().unwrap();
        let find = |name: &str| members.iter().find(|m| m.name == name).unwrap();
        assert!(find("payments-core").publish);
        assert!(find("epoint-az").publish);
        assert!(!find("payments-demo").publish);
        assert!(!find("xtask").publish);
        assert!(members.iter().all(|m| !m.version.is_empty()));
    }
}
