//! Project tasks, run as `cargo xtask <task>`.
//!
//! - `serve [--release] [--port N]`: installs what is missing, then builds
//!   every page into `dist/` and serves it at a printed local URL.
//! - `build [--release]`: builds every page (one Trunk target and wasm each)
//!   and merges them into `dist/`.
//! - `test`: installs what is missing, then runs every check and test suite
//!   and ends with one line `N passed, N failed`.
//! - `setup [--browser]`: only the installs (idempotent: seconds when all is there).
//! - `size`: release build, then the size report of `dist/` against the budget.
//! - `perf [--smoke] [--runs N] [--no-build]`: release build, then every
//!   benchmark (page loads, the import, the workbench, the simulator, the
//!   engine natively), each figure as the median, min and max of N runs
//!   (5; `--smoke`: once each, small inputs; the engine's: of criterion's
//!   10 samples), and a closing summary (see `docs/performance.md`).
//!
//! Everything is installed from the package registries (crates, npm, Debian):
//! nothing downloads a prebuilt binary from elsewhere (see `../shared/TOOLCHAIN.md`).

use std::env;
use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

mod static_server;

/// wasm-bindgen-cli must match the `wasm-bindgen` pinned in Cargo.toml.
const WASM_BINDGEN_VERSION: &str = "0.2.130";
const TRUNK_VERSION_PREFIX: &str = "trunk 0.22";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = project_root();
    if let Err(err) = env::set_current_dir(&root) {
        eprintln!("xtask: cannot enter {}: {err}", root.display());
        return ExitCode::FAILURE;
    }
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    let result = match task {
        "setup" => setup(&Needs {
            browser: rest.iter().any(|a| a == "--browser"),
        }),
        "serve" => serve(rest),
        "build" => setup(&Needs { browser: false })
            .and_then(|()| build(rest.iter().any(|a| a == "--release"))),
        "test" => return test(),
        "size" => size(),
        "bench-import" => bench_import(rest),
        "bench-workbench" => bench_workbench(rest),
        "perf" => perf_command(rest),
        "screenshots" => screenshots(rest),
        _ => {
            eprintln!("usage: cargo xtask <serve [--release] [--port N] | build [--release] | test | setup [--browser] | size | bench-import [--rows N] [--runs N] | bench-workbench [--services N] [--months N] [--runs N] [--large N] | perf [--smoke] [--runs N] [--no-build] | screenshots [--out DIR]>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inline_boot_script_is_found_and_a_script_with_src_is_not() {
        let html = r#"<head><script src=a.js></script><script type=module>import x from"./x.js";</script></head>"#;
        let (before, script, after) = inline_script(html).expect("found");
        assert_eq!(script, r#"import x from"./x.js";"#);
        assert!(before.ends_with("<script src=a.js></script>"));
        assert_eq!(after, "</head>");
        assert_eq!(inline_script("<script src=a.js></script>"), None);
    }

    #[test]
    fn a_lazy_modules_glue_and_wasm_are_read_from_trunks_script() {
        let script = "import init,*as bindings from\"./sla-import-panel-0123abcd.js\";const wasm=await init({module_or_path:`./sla-import-panel-4567_bg.wasm`});window.wasmBindings=bindings;";
        assert_eq!(
            quoted_after(script, "from", ".js").as_deref(),
            Some("./sla-import-panel-0123abcd.js")
        );
        assert_eq!(
            quoted_after(script, "module_or_path:", ".wasm").as_deref(),
            Some("./sla-import-panel-4567_bg.wasm")
        );
        assert_eq!(quoted_after(script, "from", ".css"), None);
    }

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn perf_runs_five_times_and_once_when_smoke_unless_told() {
        let full = Perf::parse(&[]).expect("no options");
        assert_eq!((full.smoke, full.runs, full.build), (false, 5, true));
        let smoke = Perf::parse(&args(&["--smoke"])).expect("--smoke");
        assert_eq!((smoke.smoke, smoke.runs), (true, 1));
        let told = Perf::parse(&args(&["--smoke", "--runs", "3", "--no-build"])).expect("all");
        assert_eq!((told.smoke, told.runs, told.build), (true, 3, false));
    }

    #[test]
    fn perf_refuses_a_bad_run_count_and_unknown_options() {
        for bad in [
            &["--runs", "0"][..],
            &["--runs", "five"],
            &["--runs"],
            &["--rows", "10"],
        ] {
            assert!(Perf::parse(&args(bad)).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn perf_measures_the_workbench_on_its_bench_build_and_the_rest_on_dist() {
        for perf in [
            Perf::parse(&[]).expect("full"),
            Perf::parse(&args(&["--smoke"])).expect("smoke"),
        ] {
            for (name, _, args, site) in perf.phases() {
                assert_eq!(site == BENCH_DIST, name == "workbench", "{name}");
                if name == "engine" {
                    assert_eq!(args.contains(&"--smoke".to_string()), perf.smoke);
                    continue;
                }
                let runs = args.iter().position(|a| a == "--runs").expect("--runs");
                assert_eq!(args[runs + 1], perf.runs.to_string(), "{name}");
            }
        }
        let full = Perf::parse(&[]).expect("full").phases();
        assert!(full[1].2.windows(2).any(|w| w == ["--rows", "1000000"]));
        assert!(full[2].2.windows(2).any(|w| w == ["--large", "300000"]));
        assert!(full[3].2.windows(2).any(|w| w == ["--years", "10000"]));
    }
}

fn project_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or(manifest_dir)
}

struct Needs {
    browser: bool,
}

/// Puts `node_modules/.bin` and `~/.cargo/bin` first on PATH and sets the
/// environment every tool here expects.
fn prepare_env() {
    let mut paths: Vec<PathBuf> = vec![env::current_dir()
        .unwrap_or_default()
        .join("node_modules/.bin")];
    if let Some(home) = env::var_os("CARGO_HOME") {
        paths.push(PathBuf::from(home).join("bin"));
    } else if let Some(home) = env::var_os("HOME") {
        paths.push(PathBuf::from(home).join(".cargo/bin"));
    }
    if let Some(old) = env::var_os("PATH") {
        paths.extend(env::split_paths(&old));
    }
    if let Ok(joined) = env::join_paths(paths) {
        env::set_var("PATH", joined);
    }
    env::set_var("TRUNK_SKIP_VERSION_CHECK", "true");
    if let Some(driver) = which("chromedriver") {
        env::set_var("CHROMEDRIVER", driver);
    }
}

fn which(program: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// Output of `program args`, or `None` when it cannot run.
fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn run(program: &str, args: &[&str]) -> Result<(), String> {
    println!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

fn is_root() -> bool {
    output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

/// Runs apt-get as root, or through sudo when not root.
fn apt_install(packages: &[&str]) -> Result<(), String> {
    let (program, prefix): (&str, Vec<&str>) = if is_root() {
        ("apt-get", vec![])
    } else {
        ("sudo", vec!["apt-get"])
    };
    let mut update = prefix.clone();
    update.push("update");
    run(program, &update)?;
    let mut install = prefix;
    install.extend(["install", "-y", "--no-install-recommends"]);
    install.extend(packages);
    env::set_var("DEBIAN_FRONTEND", "noninteractive");
    run(program, &install)
}

/// Installs whatever is missing; each step is skipped when already done.
fn setup(needs: &Needs) -> Result<(), String> {
    prepare_env();
    let started = Instant::now();

    let targets = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        run("rustup", &["target", "add", "wasm32-unknown-unknown"])?;
    }

    let bindgen = output_of("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner_present = which("wasm-bindgen-test-runner").is_some();
    if !bindgen.contains(WASM_BINDGEN_VERSION) || !runner_present {
        // Not --locked: its lockfile pins a crate version the registry no longer serves.
        run(
            "cargo",
            &[
                "install",
                "wasm-bindgen-cli",
                "--version",
                WASM_BINDGEN_VERSION,
                "--force",
            ],
        )?;
    }

    let trunk = output_of("trunk", &["--version"]).unwrap_or_default();
    if !trunk.starts_with(TRUNK_VERSION_PREFIX) {
        // trunk 0.22 declares a newer rustc than some toolchains but builds and works.
        run(
            "cargo",
            &["install", "trunk", "--locked", "--ignore-rust-version"],
        )?;
    }

    if which("node").is_none() || which("npm").is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    ensure_node_modules()?;

    if needs.browser && (which("chromium").is_none() || which("chromedriver").is_none()) {
        apt_install(&["chromium", "chromium-driver"])?;
    }
    prepare_env();
    println!(
        "setup: everything needed is installed ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `npm ci` when node_modules is missing or older than package-lock.json.
/// Installs the npm packages unless `node_modules` holds exactly what
/// `package-lock.json` names: decided by the lock file's content (a digest
/// written after each install), not by file times, which a fresh clone or
/// a second checkout of the same tree sets anew.
fn ensure_node_modules() -> Result<(), String> {
    const STAMP: &str = "node_modules/.sla-lock-digest";
    let lock = std::fs::read("package-lock.json")
        .map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    // FNV-1a, 64 bits: enough to tell one lock file from another.
    let digest = lock
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        })
        .to_string();
    let installed = std::fs::read_to_string(STAMP).unwrap_or_default();
    if installed.trim() == digest && Path::new("node_modules/.bin/wasm-opt").exists() {
        return Ok(());
    }
    run("npm", &["ci", "--no-audit", "--no-fund"])?;
    std::fs::write(STAMP, digest).map_err(|e| format!("cannot write {STAMP}: {e}"))
}

fn serve(args: &[String]) -> Result<(), String> {
    setup(&Needs { browser: false })?;
    let mut port = "8080".to_string();
    let mut release = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--release" => release = true,
            "--port" => port = iter.next().cloned().ok_or("--port needs a number")?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    let port: u16 = port
        .parse()
        .map_err(|_| format!("--port {port}: not a port number"))?;
    build(release)?;
    static_server::serve(Path::new(DIST), port)
}

/// The pages, each its own Trunk target (HTML file) with its own binary and
/// wasm, so that a page loads only what it uses.
const PAGES: &[&str] = &["index.html", "workbench.html", "embed.html", "compare.html"];
/// Modules a page loads after its first result shows, each its own Trunk
/// target like a page: `<name>.html` builds `<name>-boot-<hash>.js`, a
/// module whose import starts the wasm (its `main` mounts itself where the
/// page left room), and every page names it in a
/// `<meta name="sla-lazy-<name>" content="./<name>-boot-<hash>.js">`. The
/// service worker precaches the module's HTML, so the module works offline
/// once a page has been visited. `import-panel`: the calculator's CSV
/// import. `interop`: the workbench's OpenSLO and iCalendar readers and
/// writers (`src/interop.rs`), whose `main` mounts nothing: the workbench
/// calls its exports. `workbench-import`: the workbench's CSV and
/// Statuspage import (`src/workbench_import.rs`), which the Measurements
/// view mounts through the module's exports when it is first shown.
/// `workbench-editor`: the whole workbench with its editing views, which
/// `workbench.html` (the workbench without them) hands the workbench over
/// to the first time one is wanted (`src/pages/workbench/handover.rs`).
const LAZY: &[&str] = &[
    "import-panel.html",
    "interop.html",
    "workbench-import.html",
    "workbench-editor.html",
    "simulate.html",
    "plan-worker.html",
];
/// Where the site is assembled.
const DIST: &str = "dist";
/// Where each page is built before the merge (`target/pages/<page>/`).
const STAGE: &str = "target/pages";

/// Where the site with the workbench benchmark's exports is assembled (see
/// [`build_bench_site`]): never `dist/`, which holds what users load.
const BENCH_DIST: &str = "target/bench-dist";
/// Where `workbench.html` is built with the `bench` feature.
const BENCH_STAGE: &str = "target/pages-bench";

/// Builds every page with Trunk into its own folder, then merges them into
/// `dist/`. Files two pages share (the stylesheet) have the same content
/// hash and so the same name; two different files under one name are an
/// error rather than a silent overwrite.
fn build(release: bool) -> Result<(), String> {
    let started = Instant::now();
    let mut staged = Vec::new();
    for page in PAGES.iter().chain(LAZY) {
        staged.push(build_page(page, release, None, Path::new(STAGE))?);
    }
    assemble(&staged, Path::new(DIST))?;
    println!(
        "built {} pages and {} modules into {DIST}/ in {:.0} s",
        PAGES.len(),
        LAZY.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The site the workbench benchmark runs on, in [`BENCH_DIST`]: the release
/// build's pages and modules as [`build`] staged them, with `workbench.html`
/// built again with the app's `bench` feature (the benchmark's exports,
/// `src/bin/workbench.rs`), which the page users load does not carry. Only
/// that page is compiled again; `dist/` is left as it is.
fn build_bench_site() -> Result<PathBuf, String> {
    let started = Instant::now();
    let mut staged = Vec::new();
    for page in PAGES.iter().chain(LAZY) {
        if *page == "workbench.html" {
            staged.push(build_page(
                page,
                true,
                Some("bench"),
                Path::new(BENCH_STAGE),
            )?);
        } else {
            let stage = Path::new(STAGE).join(page.trim_end_matches(".html"));
            if !stage.join(page).is_file() {
                return Err(format!(
                    "{} is missing: the release build (`cargo xtask build --release`) stages it",
                    stage.join(page).display()
                ));
            }
            staged.push(stage);
        }
    }
    let site = PathBuf::from(BENCH_DIST);
    assemble(&staged, &site)?;
    println!(
        "built the workbench with its benchmark exports into {BENCH_DIST}/ in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(site)
}

/// Runs Trunk for one page (or lazy module) into `<stage>/<page>/`, with the
/// app's cargo `features` on; returns that folder.
fn build_page(
    page: &str,
    release: bool,
    features: Option<&str>,
    stage: &Path,
) -> Result<PathBuf, String> {
    // wasm-bindgen leaves the JS snippets of an earlier build in Trunk's
    // output folders, and Trunk then links them from every page: start clean.
    for profile in ["debug", "release"] {
        let snippets = Path::new("target/wasm-bindgen")
            .join(profile)
            .join("snippets");
        if snippets.exists() {
            std::fs::remove_dir_all(&snippets)
                .map_err(|e| format!("cannot remove {}: {e}", snippets.display()))?;
        }
    }
    let stage = stage.join(page.trim_end_matches(".html"));
    let stage_arg = stage.to_string_lossy().into_owned();
    let mut args = vec![
        "build",
        page,
        "--dist",
        stage_arg.as_str(),
        "--html-output",
        page,
    ];
    if release {
        args.push("--release");
    }
    if let Some(features) = features {
        args.extend(["--features", features]);
    }
    run("trunk", &args)?;
    Ok(stage)
}

/// Merges the staged pages and modules into `site` (emptied first), moves
/// each page's boot script into a file and names the lazy modules in every
/// page.
fn assemble(staged: &[PathBuf], site: &Path) -> Result<(), String> {
    let shown = site.display();
    if site.exists() {
        std::fs::remove_dir_all(site).map_err(|e| format!("cannot empty {shown}/: {e}"))?;
    }
    std::fs::create_dir_all(site).map_err(|e| format!("cannot create {shown}/: {e}"))?;
    for stage in staged {
        merge(stage, site)?;
    }
    let mut metas = String::new();
    for module in LAZY {
        let boot = lazy_boot_script(&site.join(module))?;
        let name = module.trim_end_matches(".html");
        metas.push_str(&format!(
            r#"<meta name="sla-lazy-{name}" content="./{boot}">"#
        ));
    }
    for page in PAGES {
        external_boot_script(&site.join(page))?;
        name_lazy_modules(&site.join(page), &metas)?;
    }
    Ok(())
}

/// Moves the inline module script Trunk writes into a page (it imports the
/// JS glue and starts the wasm) into a file beside it, named for its content
/// (`<page>-boot-<hash>.js`), so that the pages run under a
/// Content-Security-Policy without `'unsafe-inline'` (see docs/embed.md).
/// Loads the browser's number-formatting data (ICU) while the page's wasm
/// is still on its way: the first `Intl.NumberFormat` of a page costs 15 to
/// 20 ms on a desktop (measured in Chromium; about four times that on the
/// mobile profile's CPU), and the app's start, which reads the locale's
/// separators with one (`format::SEPARATORS`), would otherwise pay it in
/// the task that shows the first result. Later ones cost 0.1 ms. The same
/// for the first `Intl.DateTimeFormat` (2 to 4 ms on a desktop), with which
/// the workbench writes its dates (`format::date`).
const WARM_INTL: &str = "try{new Intl.NumberFormat().formatToParts(1);new Intl.DateTimeFormat([],{timeZone:\"UTC\",month:\"short\"}).format(0)}catch(e){}";

fn external_boot_script(page: &Path) -> Result<(), String> {
    let html = std::fs::read_to_string(page)
        .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
    let Some((before, script, after)) = inline_script(&html) else {
        return Err(format!(
            "{}: no inline script from Trunk found",
            page.display()
        ));
    };
    // The loader of the page's lazy modules (see `LAZY` and
    // `browser::load_lazy`): `import()` relative to the page.
    let script =
        format!("window.slaImport=u=>import(new URL(u,document.baseURI).href);{WARM_INTL}{script}");
    let stem = page.file_stem().and_then(|s| s.to_str()).unwrap_or("page");
    let name = format!("{stem}-boot-{:016x}.js", fnv1a(script.as_bytes()));
    let dir = page.parent().unwrap_or(Path::new("."));
    std::fs::write(dir.join(&name), &script).map_err(|e| format!("cannot write {name}: {e}"))?;
    let html = format!(r#"{before}<script type="module" src="./{name}"></script>{after}"#);
    std::fs::write(page, html).map_err(|e| format!("cannot write {}: {e}", page.display()))
}

/// Turns a lazy module's page (see [`LAZY`]) into a module to import: its
/// boot script imports the JS glue and starts the wasm, and exports the
/// bindings (it does not touch `window.wasmBindings`, which is the page's).
/// Returns the boot script's name.
fn lazy_boot_script(page: &Path) -> Result<String, String> {
    let html = std::fs::read_to_string(page)
        .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
    let Some((before, script, after)) = inline_script(&html) else {
        return Err(format!(
            "{}: no inline script from Trunk found",
            page.display()
        ));
    };
    let (Some(glue), Some(wasm)) = (
        quoted_after(script, "from", ".js"),
        quoted_after(script, "module_or_path:", ".wasm"),
    ) else {
        return Err(format!(
            "{}: Trunk's script names no JS glue or wasm: {script}",
            page.display()
        ));
    };
    let boot = format!(
        "import init, * as bindings from \"{glue}\";\nawait init({{ module_or_path: \"{wasm}\" }});\nexport default bindings;\n"
    );
    let stem = page
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("module");
    let name = format!("{stem}-boot-{:016x}.js", fnv1a(boot.as_bytes()));
    let dir = page.parent().unwrap_or(Path::new("."));
    std::fs::write(dir.join(&name), boot).map_err(|e| format!("cannot write {name}: {e}"))?;
    let html = format!(r#"{before}<script type="module" src="./{name}"></script>{after}"#);
    std::fs::write(page, html).map_err(|e| format!("cannot write {}: {e}", page.display()))?;
    Ok(name)
}

/// The first quoted text (`"…"`, `'…'` or `` `…` ``) after `key` in
/// `script` that ends with `suffix`.
fn quoted_after(script: &str, key: &str, suffix: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = script[from..].find(key).map(|i| i + from + key.len()) {
        let rest = script[at..].trim_start();
        if let Some(quote) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
        {
            let body = &rest[1..];
            if let Some(end) = body.find(quote) {
                let text = &body[..end];
                if text.ends_with(suffix) {
                    return Some(text.to_string());
                }
            }
        }
        from = at;
    }
    None
}

/// Names the lazy modules in a page's head (`metas`, see [`LAZY`]).
fn name_lazy_modules(page: &Path, metas: &str) -> Result<(), String> {
    let html = std::fs::read_to_string(page)
        .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
    let Some(at) = html.find("</head>") else {
        return Err(format!("{}: no </head>", page.display()));
    };
    let html = format!("{}{metas}{}", &html[..at], &html[at..]);
    std::fs::write(page, html).map_err(|e| format!("cannot write {}: {e}", page.display()))
}

/// The first `<script …>…</script>` without a `src`: the text before it, its
/// content, and the text after it.
fn inline_script(html: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    while let Some(start) = html[from..].find("<script").map(|i| i + from) {
        let open_end = html[start..].find('>')? + start + 1;
        let close = html[open_end..].find("</script>")? + open_end;
        if !html[start..open_end].contains("src=") {
            return Some((
                &html[..start],
                &html[open_end..close],
                &html[close + "</script>".len()..],
            ));
        }
        from = close;
    }
    None
}

/// FNV-1a, 64 bits: a file name that changes with the content.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Copies `from` into `into`, recursively, skipping Trunk's hidden files.
fn merge(from: &Path, into: &Path) -> Result<(), String> {
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let source = entry.path();
        let target = into.join(&name);
        if source.is_dir() {
            std::fs::create_dir_all(&target)
                .map_err(|e| format!("cannot create {}: {e}", target.display()))?;
            merge(&source, &target)?;
            continue;
        }
        let bytes =
            std::fs::read(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
        if let Ok(existing) = std::fs::read(&target) {
            if existing != bytes {
                return Err(format!(
                    "two pages build different files named {}",
                    target.display()
                ));
            }
            continue;
        }
        std::fs::write(&target, bytes)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    Ok(())
}

fn size() -> Result<(), String> {
    setup(&Needs { browser: false })?;
    build(true)?;
    run("node", &["scripts/size-report.mjs", "dist"])
}

/// The in-browser import benchmark: a release build, then our import,
/// PapaParse and uDSV on the same generated files in one headless Chromium.
fn bench_import(args: &[String]) -> Result<(), String> {
    setup(&Needs { browser: true })?;
    build(true)?;
    let mut node_args = vec!["scripts/import-bench.mjs"];
    node_args.extend(args.iter().map(String::as_str));
    run("node", &node_args)
}

/// The in-browser workbench benchmark: the release build, the workbench
/// built again with the benchmark's exports (the `bench` feature) into
/// [`BENCH_DIST`], then the recompute of 50 services × 12 months in wasm and
/// through the UI, and the cell edit in a large workspace.
fn bench_workbench(args: &[String]) -> Result<(), String> {
    setup(&Needs { browser: true })?;
    build(true)?;
    build_bench_site()?;
    let mut node_args = vec!["scripts/workbench-bench.mjs", "--dist", BENCH_DIST];
    node_args.extend(args.iter().map(String::as_str));
    run("node", &node_args)
}

/// What `cargo xtask perf` runs: how many times each figure is measured, on
/// what inputs, and whether the release build is made first.
#[derive(Debug, PartialEq)]
struct Perf {
    smoke: bool,
    runs: u32,
    build: bool,
}

impl Perf {
    /// Reads `[--smoke] [--runs N] [--no-build]`: 5 runs, or 1 with `--smoke`.
    fn parse(args: &[String]) -> Result<Perf, String> {
        let (mut smoke, mut runs, mut build) = (false, None, true);
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            match arg.as_str() {
                "--smoke" => smoke = true,
                "--no-build" => build = false,
                "--runs" => {
                    let value = iter.next().ok_or("--runs needs a number")?;
                    match value.parse::<u32>() {
                        Ok(n) if n >= 1 => runs = Some(n),
                        _ => {
                            return Err(format!("--runs {value}: not a number of runs (1 or more)"))
                        }
                    }
                }
                other => return Err(format!("perf: unknown option {other}")),
            }
        }
        let runs = runs.unwrap_or(if smoke { 1 } else { 5 });
        Ok(Perf { smoke, runs, build })
    }

    /// The benchmarks in the order they run: (name, script, its arguments,
    /// the site it measures).
    fn phases(&self) -> Vec<(&'static str, &'static str, Vec<String>, &'static str)> {
        let runs = self.runs.to_string();
        let (rows, services, months, large) = if self.smoke {
            ("2000", "5", "2", "2000")
        } else {
            ("1000000", "50", "12", "300000")
        };
        let args = |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        vec![
            (
                "load",
                "scripts/load-bench.mjs",
                args(&["--runs", &runs, "--dist", DIST]),
                DIST,
            ),
            (
                "import",
                "scripts/import-bench.mjs",
                args(&["--rows", rows, "--runs", &runs]),
                DIST,
            ),
            (
                "workbench",
                "scripts/workbench-bench.mjs",
                args(&[
                    "--dist",
                    BENCH_DIST,
                    "--runs",
                    &runs,
                    "--services",
                    services,
                    "--months",
                    months,
                    "--large",
                    large,
                ]),
                BENCH_DIST,
            ),
            (
                "simulator",
                "scripts/simulate-bench.mjs",
                args(&[
                    "--runs",
                    &runs,
                    "--years",
                    if self.smoke { "200" } else { "10000" },
                ]),
                DIST,
            ),
            // Criterion's own samples (10 per benchmark), not `runs`.
            (
                "engine",
                "scripts/engine-bench.mjs",
                if self.smoke {
                    args(&["--smoke"])
                } else {
                    Vec::new()
                },
                DIST,
            ),
        ]
    }
}

fn perf_command(args: &[String]) -> Result<(), String> {
    let perf = Perf::parse(args)?;
    setup(&Needs { browser: true })?;
    if perf.build {
        build(true)?;
    }
    perf_run(&perf)
}

/// The benchmarks of `cargo xtask perf` on the release build in `dist/`
/// (and its stages in `target/pages/`), then their summary. Every
/// benchmark runs even when one fails; the run fails if any did. Timings
/// never fail it: the goals are printed beside them.
fn perf_run(perf: &Perf) -> Result<(), String> {
    let started = Instant::now();
    let load_before = machine_load();
    bench_exports_absent(Path::new(DIST))?;
    let mut summary = Vec::new();
    let mut failed = Vec::new();
    let built = Instant::now();
    let bench_site = build_bench_site();
    if let Err(message) = &bench_site {
        println!("xtask: {message}");
        failed.push("the workbench's benchmark build");
    }
    let bench_build_s = built.elapsed().as_secs_f64();
    for (name, script, args, site) in perf.phases() {
        if site == BENCH_DIST && bench_site.is_err() {
            summary.push(format!("{name}: not run (its build failed)"));
            continue;
        }
        let mut node_args = vec![script];
        node_args.extend(args.iter().map(String::as_str));
        println!(
            "
=== perf: {name}: node {}",
            node_args.join(" ")
        );
        let phase = Instant::now();
        let (ok, lines) = run_collecting("node", &node_args);
        let took = phase.elapsed().as_secs_f64();
        if !ok {
            failed.push(name);
        }
        summary.push(format!(
            "{name} ({}, {took:.0} s):",
            if ok { "ran" } else { "FAILED" }
        ));
        summary.extend(lines);
    }
    println!(
        "
=== perf summary ({}; {} run(s) each; {:.0} s, of which {bench_build_s:.0} s building the workbench with its benchmark exports)",
        if perf.smoke {
            "smoke: small inputs"
        } else {
            "full"
        },
        perf.runs,
        started.elapsed().as_secs_f64()
    );
    println!(
        "machine: {}; load average (1, 5, 15 min) {load_before} at the start, {} at the end",
        std::thread::available_parallelism()
            .map_or("CPU count unknown".to_string(), |n| format!("{n} CPUs")),
        machine_load()
    );
    println!("Timings depend on the machine and on what else runs on it: say which, and how loaded it was, with any figure quoted.");
    for line in &summary {
        println!("{line}");
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("perf: failed: {}", failed.join(", ")))
    }
}

/// The load averages over 1, 5 and 15 minutes (Linux), or why they are not known.
fn machine_load() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |e| format!("unknown ({e})"),
        |text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(", ")
        },
    )
}

/// Fails when a script of `site` names the workbench benchmark's exports:
/// the pages users load must not carry them (see [`build_bench_site`]).
fn bench_exports_absent(site: &Path) -> Result<(), String> {
    let entries =
        std::fs::read_dir(site).map_err(|e| format!("cannot read {}: {e}", site.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "js") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            if text.contains("workbench_bench") {
                return Err(format!(
                    "{} carries the workbench benchmark's exports: {} must hold only what users load",
                    path.display(),
                    site.display()
                ));
            }
        }
    }
    Ok(())
}

/// Runs a command, echoing its output; returns whether it succeeded and
/// the lines it printed for the closing summary (`perf: …`, without the prefix).
fn run_collecting(program: &str, args: &[&str]) -> (bool, Vec<String>) {
    let child = Command::new(program)
        .args(args)
        .stdout(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(err) => {
            println!("cannot start {program}: {err}");
            return (false, Vec::new());
        }
    };
    let mut lines = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(kept) = line.strip_prefix("perf: ") {
                lines.push(format!("  {kept}"));
            }
        }
    }
    let ok = child.wait().is_ok_and(|s| s.success());
    (ok, lines)
}

/// Screenshots of every page and view, light and dark, at 1280 px and 375
/// px, into `docs/screenshots/` (the README shows them): the release build,
/// then `scripts/screenshots.mjs` in headless Chromium.
fn screenshots(args: &[String]) -> Result<(), String> {
    setup(&Needs { browser: true })?;
    build(true)?;
    let mut node_args = vec!["scripts/screenshots.mjs"];
    node_args.extend(args.iter().map(String::as_str));
    run("node", &node_args)
}

/// One suite's outcome: tests (or a single check) passed and failed.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

/// Runs a command, echoing its output, and counts test results from the
/// closing lines of cargo's and wasm-bindgen's runners and of node's test runner.
fn run_counted(
    name: &str,
    program: &str,
    args: &[&str],
    envs: &[(&str, OsString)],
) -> (bool, Tally) {
    println!("\n=== {name}: {program} {}", args.join(" "));
    let started = Instant::now();
    let child = Command::new(program)
        .args(args)
        .envs(envs.iter().map(|(k, v)| (*k, v)))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(err) => {
            println!("{name}: cannot start {program}: {err}");
            return (false, Tally::default());
        }
    };
    // stderr goes through untouched; stdout is echoed and read for counts.
    let stderr = child.stderr.take();
    let err_thread = std::thread::spawn(move || {
        if let Some(stderr) = stderr {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("{line}");
            }
        }
    });
    let mut tally = Tally::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            count_line(&line, &mut tally);
        }
    }
    let _ = err_thread.join();
    let ok = child.wait().is_ok_and(|s| s.success());
    println!(
        "=== {name}: {} in {:.1} s ({} passed, {} failed)",
        if ok { "ok" } else { "FAILED" },
        started.elapsed().as_secs_f64(),
        tally.passed,
        tally.failed
    );
    (ok, tally)
}

/// Reads `test result: ok. 12 passed; 0 failed; ...` (cargo, wasm-bindgen-test)
/// and `ℹ pass 12` / `ℹ fail 0` (node's spec reporter).
fn count_line(line: &str, tally: &mut Tally) {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("test result: ") {
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(kind)) = (words.next(), words.next()) {
                if let Ok(n) = n.parse::<u64>() {
                    match kind {
                        "passed" => tally.passed += n,
                        "failed" => tally.failed += n,
                        _ => {}
                    }
                }
            }
        }
    } else if let Some(rest) = line.strip_prefix("ℹ pass ") {
        tally.passed += rest.trim().parse::<u64>().unwrap_or(0);
    } else if let Some(rest) = line.strip_prefix("ℹ fail ") {
        tally.failed += rest.trim().parse::<u64>().unwrap_or(0);
    }
}

fn test() -> ExitCode {
    if let Err(message) = setup(&Needs { browser: true }) {
        eprintln!("xtask: setup failed: {message}");
        println!("0 passed, 1 failed");
        return ExitCode::FAILURE;
    }
    let chromedriver = which("chromedriver")
        .map(PathBuf::into_os_string)
        .unwrap_or_default();
    let wasm_env = [
        ("CHROMEDRIVER", chromedriver),
        ("WASM_BINDGEN_TEST_TIMEOUT", "120".into()),
    ];

    // (name, is a gate counted as one check, program, args)
    type Step<'a> = (&'a str, bool, &'a str, Vec<&'a str>);
    let steps: Vec<Step> = vec![
        ("format", true, "cargo", vec!["fmt", "--all", "--check"]),
        (
            "clippy (native)",
            true,
            "cargo",
            vec![
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
        (
            "clippy (wasm32)",
            true,
            "cargo",
            vec![
                "clippy",
                "-p",
                "sla-app",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
        (
            "native tests",
            false,
            "cargo",
            vec!["test", "--workspace", "--no-fail-fast"],
        ),
        (
            "component tests (headless Chromium)",
            false,
            "cargo",
            vec![
                "test",
                "-p",
                "sla-app",
                "--target",
                "wasm32-unknown-unknown",
            ],
        ),
        // Runs `build(true)` in this process (see the loop).
        ("release build", true, "", vec![]),
        (
            "size budget",
            true,
            "node",
            vec!["scripts/size-report.mjs", "dist"],
        ),
        (
            "end-to-end (Playwright, Chromium)",
            false,
            "node",
            vec![
                "--test",
                "--test-reporter=spec",
                "--test-concurrency=1",
                "tests/e2e/",
            ],
        ),
        // Runs `perf_run` on the release build above, in this process (see
        // the loop): it checks that the benchmark commands run, not timings.
        (
            "benchmarks run (cargo xtask perf --smoke)",
            true,
            "",
            vec![],
        ),
    ];

    let started = Instant::now();
    let mut total = Tally::default();
    let mut summary = Vec::new();
    let mut build_ok = true;
    for (name, gate, program, args) in &steps {
        let needs_build = name.starts_with("size")
            || name.starts_with("end-to-end")
            || name.starts_with("benchmarks");
        if needs_build && !build_ok {
            println!("\n=== {name}: skipped, the release build failed");
            total.failed += 1;
            summary.push(format!("{name}: not run (release build failed)"));
            continue;
        }
        let envs: &[(&str, OsString)] = if name.starts_with("component") {
            &wasm_env
        } else {
            &[]
        };
        let (ok, tally) = if *name == "release build" {
            println!("\n=== {name}");
            let built = build(true);
            if let Err(message) = &built {
                println!("xtask: {message}");
            }
            (built.is_ok(), Tally::default())
        } else if name.starts_with("benchmarks") {
            println!("\n=== {name}");
            let phase = Instant::now();
            let smoke = Perf {
                smoke: true,
                runs: 1,
                build: false,
            };
            let ran = perf_run(&smoke);
            if let Err(message) = &ran {
                println!("xtask: {message}");
            }
            println!(
                "=== {name}: {} in {:.1} s",
                if ran.is_ok() { "ok" } else { "FAILED" },
                phase.elapsed().as_secs_f64()
            );
            (ran.is_ok(), Tally::default())
        } else {
            run_counted(name, program, args, envs)
        };
        if *name == "release build" {
            build_ok = ok;
        }
        let (passed, mut failed) = if *gate {
            (u64::from(ok), u64::from(!ok))
        } else {
            (tally.passed, tally.failed)
        };
        if !ok && failed == 0 {
            // A runner that crashed before reporting still fails the run.
            failed = 1;
        }
        total.passed += passed;
        total.failed += failed;
        summary.push(format!(
            "{name}: {}{}",
            if ok { "ok" } else { "FAILED" },
            if *gate {
                String::new()
            } else {
                format!(" ({passed} passed, {failed} failed)")
            }
        ));
    }
    println!("\n=== summary ({:.0} s)", started.elapsed().as_secs_f64());
    for line in &summary {
        println!("  {line}");
    }
    println!("{} passed, {} failed", total.passed, total.failed);
    if total.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
