//! Share links in a real headless Chromium (wasm-bindgen-test): the browser's
//! `CompressionStream`/`DecompressionStream` behind `browser::share`. The
//! pure parts (base64url, the prefix and format tag, the messages) have
//! native tests beside the code. Run with
//! `cargo test -p sla-app --target wasm32-unknown-unknown --test share`.
#![cfg(target_arch = "wasm32")]

use sla_app::browser::now_ms;
use sla_app::browser::share::{
    base64url, decode, deflate_raw, encode, ShareError, FORMAT, MAX_JSON_BYTES, MAX_LINK_CHARS,
    PREFIX,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A pseudo-random sequence (Knuth's MMIX LCG), so the test data is the same
/// on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// A workspace as the app saves it, about 50 KB of pretty-printed JSON: an
/// agreement with its targets and credits, and a few hundred outages with
/// varied times, impacts and causes (some not ASCII).
fn realistic_workspace() -> String {
    let causes = [
        "network partition in zone b",
        "database failover took longer than planned",
        "certificate expired on the load balancer",
        "announced maintenance — kernel upgrade",
        "storage latency above 500 ms",
        "DNS provider outage (Zürich PoP)",
        "deploy rolled back after error-rate alarm",
    ];
    let mut random = Lcg(2026);
    let outages: Vec<serde_json::Value> = (0..250)
        .map(|i| {
            let day = 1 + random.next(28);
            let hour = random.next(24);
            let minute = random.next(60);
            let length = 1 + random.next(180);
            let service = ["compute", "storage", "network"][i % 3];
            let mut outage = serde_json::json!({
                "service": service,
                "start": format!("2026-02-{day:02}T{hour:02}:{minute:02}:00Z"),
                "end": format!(
                    "2026-02-{day:02}T{:02}:{:02}:00Z",
                    (hour + (minute + length) / 60).min(23),
                    (minute + length) % 60
                ),
                "cause": causes[random.next(causes.len() as u64) as usize],
            });
            if random.next(4) == 0 {
                outage["impact"] = format!("{}", 10 * (1 + random.next(9))).into();
            }
            if random.next(6) == 0 {
                outage["planned"] = true.into();
            }
            outage
        })
        .collect();
    let workspace = serde_json::json!({
        "format": "sla-workspace",
        "version": 1,
        "name": "Cloud compute SLA — February 2026",
        "agreements": {
            "format": "sla-agreements",
            "version": 1,
            "name": "Cloud compute SLA (region level)",
            "currency": "EUR",
            "time_zone": "Europe/Zurich",
            "provider": {"name": "Example Cloud AG"},
            "services": [
                {"id": "compute", "name": "Compute (region)", "monthly_charge": "1200.00"},
                {"id": "storage", "name": "Block storage", "monthly_charge": "450.00"},
                {"id": "network", "name": "Load balancers", "monthly_charge": "300.00"}
            ],
            "agreements": [{
                "id": "compute-sla",
                "name": "Compute SLA",
                "kind": "sla",
                "structure": "service_based",
                "service": "compute",
                "targets": [{
                    "id": "monthly-uptime",
                    "name": "Monthly uptime percentage",
                    "metric": {"type": "availability", "downtime": {"round_up_to": "1m"}},
                    "expected": "99.99",
                    "minimum": "95.0",
                    "credit": {"type": "step", "tiers": [
                        {"below": "99.99", "credit": "10"},
                        {"below": "99.0", "credit": "30"},
                        {"below": "95.0", "credit": "100"}
                    ]}
                }]
            }]
        },
        "measurements": {"format": "sla-measurements", "version": 1, "outages": outages}
    });
    serde_json::to_string_pretty(&workspace).expect("JSON")
}

/// The fragment for compressed bytes, written here rather than by `encode`
/// so that a test can make links `encode` would refuse.
fn link_for(compressed: &[u8]) -> String {
    format!("{PREFIX}{FORMAT}{}", base64url::encode(compressed))
}

#[wasm_bindgen_test]
async fn a_workspace_comes_back_from_its_link_unchanged() {
    let json = realistic_workspace();
    assert!(
        (45_000..60_000).contains(&json.len()),
        "the test workspace should be about 50 KB, not {} bytes",
        json.len()
    );
    let fragment = encode(&json).await.expect("a link");
    assert!(fragment.starts_with("workspace=1"), "{fragment:.40}");
    // Pretty JSON with repeated keys compresses well over five times; base64
    // adds a third: the link must be well under a third of the text.
    assert!(
        fragment.len() * 3 < json.len(),
        "a {}-byte workspace gave a {}-character link",
        json.len(),
        fragment.len()
    );
    console_log!(
        "{} bytes of JSON → a {}-character fragment",
        json.len(),
        fragment.len()
    );
    assert_eq!(decode(&fragment).await.as_ref(), Ok(&json));
    assert_eq!(decode(&format!("#{fragment}")).await.as_ref(), Ok(&json));
}

#[wasm_bindgen_test]
async fn an_empty_workspace_text_round_trips() {
    let fragment = encode("").await.expect("a link");
    assert_eq!(decode(&fragment).await, Ok(String::new()));
}

#[wasm_bindgen_test]
async fn a_link_with_a_bad_character_says_where_it_is() {
    let fragment = encode(&realistic_workspace()).await.expect("a link");
    // Character 57 counting from 1 after the `#` is index 56 of the fragment.
    let damaged = format!("#{}%{}", &fragment[..56], &fragment[57..]);
    let error = decode(&damaged).await.expect_err("damaged");
    assert_eq!(
        error,
        ShareError::BadCharacter {
            position: 57,
            character: '%'
        }
    );
    assert!(
        error
            .to_string()
            .starts_with("The share link is damaged: character 57 ('%') is not allowed."),
        "{error}"
    );
}

#[wasm_bindgen_test]
async fn a_link_from_a_newer_version_is_not_misread() {
    let fragment = encode("{}").await.expect("a link");
    let newer = fragment.replacen("workspace=1", "workspace=2", 1);
    let error = decode(&newer).await.expect_err("newer format");
    assert_eq!(error, ShareError::NewerFormat { format: '2' });
    assert!(
        error
            .to_string()
            .starts_with("The share link was made by a newer version (format 2)."),
        "{error}"
    );
}

#[wasm_bindgen_test]
async fn valid_base64_that_is_not_deflate_data_is_refused() {
    // 0xff starts a block of type 3, which deflate reserves: invalid at once.
    let error = decode(&link_for(&[0xff; 48]))
        .await
        .expect_err("not deflate");
    assert_eq!(error, ShareError::NotCompressed);
    assert!(
        error
            .to_string()
            .starts_with("The share link's data is not valid compressed data"),
        "{error}"
    );
}

#[wasm_bindgen_test]
async fn a_link_whose_data_was_cut_in_half_is_refused() {
    let json = realistic_workspace();
    let compressed = deflate_raw(json.as_bytes()).await.expect("compressed");
    let half = &compressed[..compressed.len() / 2];
    assert_eq!(
        decode(&link_for(half)).await,
        Err(ShareError::NotCompressed)
    );
}

#[wasm_bindgen_test]
async fn a_workspace_of_exactly_the_cap_opens() {
    let json = " ".repeat(MAX_JSON_BYTES);
    let fragment = encode(&json).await.expect("a link");
    let opened = decode(&fragment).await.expect("opened");
    assert_eq!(opened.len(), MAX_JSON_BYTES);
}

#[wasm_bindgen_test]
async fn a_decompression_bomb_is_refused_promptly() {
    // 20 MB of spaces compresses about a thousand times, to a link short
    // enough to send; `encode` would refuse it, so it is made by hand.
    let bomb = deflate_raw(&vec![b' '; 20_000_000])
        .await
        .expect("compressed");
    let link = link_for(&bomb);
    assert!(link.len() < MAX_LINK_CHARS, "{} characters", link.len());

    let start = now_ms();
    let error = decode(&link).await.expect_err("a bomb");
    let elapsed = now_ms() - start;
    console_log!(
        "a {}-character bomb refused after {elapsed:.0} ms",
        link.len()
    );
    assert_eq!(error, ShareError::WorkspaceInLinkTooLarge);
    assert!(
        error
            .to_string()
            .starts_with("The workspace in this link is larger than 5 MB"),
        "{error}"
    );
    // Inflating stops at 5 MB (a few milliseconds of work); the bound is
    // generous for a loaded two-core machine.
    assert!(elapsed < 5_000.0, "took {elapsed:.0} ms");
}

#[wasm_bindgen_test]
async fn a_workspace_that_compresses_poorly_is_too_large_for_a_link() {
    // Random hex compresses only about two times: 60 000 characters need
    // about 40 000 in a link.
    let mut random = Lcg(7);
    let noise: String = (0..60_000)
        .map(|_| char::from(b"0123456789abcdef"[random.next(16) as usize]))
        .collect();
    let json = format!("{{\"notes\":\"{noise}\"}}");
    let error = encode(&json).await.expect_err("too large");
    let ShareError::TooLarge { chars } = error else {
        panic!("expected TooLarge, got {error:?}");
    };
    assert!(chars > MAX_LINK_CHARS, "{chars}");
    assert!(
        error
            .to_string()
            .ends_with("the limit is 32 000). Export it as a file instead."),
        "{error}"
    );
}

#[wasm_bindgen_test]
async fn a_text_that_is_not_a_share_link_is_refused() {
    assert_eq!(
        decode("#avail=99.9&month=2026-02").await,
        Err(ShareError::NotAShareLink)
    );
}
