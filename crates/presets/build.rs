//! Bundles every `presets/*.json` file of the repository into the crate: a
//! preset is added by adding a file, without a code change. The generated
//! `$OUT_DIR/bundled.rs` holds `(file name, include_str!(…))` pairs sorted by
//! file name, so the order (and every output built from it) is reproducible.
//! The files are parsed and checked at run time by `Preset::from_json`, with
//! errors naming the file and the JSON path; a test parses them all.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = manifest.join("../../presets");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from(
        "/// Every `presets/*.json` file, `(file name, contents)`, sorted by name.\npub static BUNDLED: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .expect("preset file names are UTF-8");
        let absolute = file.canonicalize().expect("the file was just listed");
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            absolute.display().to_string()
        );
    }
    out.push_str("];\n");
    let target =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("bundled.rs");
    std::fs::write(target, out).expect("write the bundled presets list");
}
