//! The workbench's templates: the worked examples in `examples/`, each an
//! agreement file with a month (or half a year) of measurements. They are the
//! same files the engine's golden reports are computed from, so a template's
//! report in the app is the report in `tests/golden/`.
//!
//! Only the first template, which a first visit opens on, is in the wasm.
//! The others are fetched when chosen: `workbench.html` copies their files
//! into `templates/` beside the pages, and the service worker precaches them
//! (`static/sw.js`), so they open offline too. Natively (the engine's and
//! the app's tests, the CLI's checks) every template is built in.

use std::rc::Rc;

use crate::i18n::{texts, Templates};
use crate::state::workbench::workspace::Workspace;

/// One template.
pub struct Template {
    /// Stable id (`<option value>`, tests).
    pub id: &'static str,
    /// Its title in the page's language (see [`Template::title`]).
    title: fn(&Templates) -> &'static str,
    description: fn(&Templates) -> &'static str,
    /// The name of its agreement file in `examples/` (and in `templates/`
    /// of the site).
    pub agreements: &'static str,
    /// The name of its measurement file, likewise.
    pub measurements: &'static str,
    span: &'static str,
}

/// Where the site keeps the templates that are fetched when chosen (the
/// `data-target-path` of their `copy-file` links in `workbench.html`).
pub const SITE_FOLDER: &str = "templates";

/// Every template, the blank one last.
pub const TEMPLATES: &[Template] = &[
    Template {
        id: "cloud-sla",
        title: |t| t.cloud_sla,
        description: |t| t.cloud_sla_description,
        agreements: "cloud-sla.json",
        measurements: "cloud-outages-2026-02.json",
        span: "2026-02",
    },
    Template {
        id: "service-desk",
        title: |t| t.service_desk,
        description: |t| t.service_desk_description,
        agreements: "service-desk.json",
        measurements: "service-desk-2026-03.json",
        span: "2026-03",
    },
    Template {
        id: "outsourcing",
        title: |t| t.outsourcing,
        description: |t| t.outsourcing_description,
        agreements: "outsourcing.json",
        measurements: "outsourcing-2026-h1.json",
        span: "2026-01..2026-06",
    },
    Template {
        id: "multi-level",
        title: |t| t.multi_level,
        description: |t| t.multi_level_description,
        agreements: "multi-level.json",
        measurements: "multi-level-2026-04.json",
        span: "2026-04",
    },
    Template {
        id: "multi-supplier",
        title: |t| t.multi_supplier,
        description: |t| t.multi_supplier_description,
        agreements: "multi-supplier.json",
        measurements: "multi-supplier-2026-10.json",
        span: "2026-10",
    },
    Template {
        id: "service-based",
        title: |t| t.service_based,
        description: |t| t.service_based_description,
        agreements: "service-based.json",
        measurements: "service-based-2026-03.json",
        span: "2026-03",
    },
    Template {
        id: "customer-based",
        title: |t| t.customer_based,
        description: |t| t.customer_based_description,
        agreements: "customer-based.json",
        measurements: "customer-based-2026-05.json",
        span: "2026-05",
    },
];

/// The id of the empty template.
pub const BLANK: &str = "blank";

impl Template {
    /// The title shown in the template list, in the page's language; also
    /// the name of a workspace made from it (saved in the language it was
    /// made in).
    pub fn title(&self) -> &'static str {
        (self.title)(texts().templates())
    }

    /// What the template holds, in the page's language.
    pub fn description(&self) -> &'static str {
        (self.description)(texts().templates())
    }

    /// The template as a workspace, from the text of its two files.
    ///
    /// # Errors
    /// A file that is not an agreement or measurement file, named with the
    /// reader's reason (never for the files in `examples/`: a test opens
    /// every one).
    pub fn from_files(&self, agreements: &str, measurements: &str) -> Result<Workspace, String> {
        let agreements: serde_json::Value =
            serde_json::from_str(agreements).map_err(|e| format!("{}: {e}", self.agreements))?;
        let measurements = sla_engine::model::load::measurements(measurements).map_err(|e| {
            format!(
                "{}: {}",
                self.measurements,
                crate::simulator::problems_text(&e)
            )
        })?;
        Ok(Workspace {
            name: self.title().to_string(),
            span: self.span.to_string(),
            agreements: Rc::new(agreements),
            measurements: Rc::new(measurements),
        })
    }

    /// The template's two files when they are built in: the first
    /// template's always, every template's natively.
    fn bundled(&self) -> Option<(&'static str, &'static str)> {
        #[cfg(any(test, not(target_arch = "wasm32")))]
        if let Some(files) = native::files(self.id) {
            return Some(files);
        }
        (self.id == TEMPLATES[0].id).then_some(FIRST)
    }

    /// The template as a workspace: built in, or fetched from the site's
    /// [`SITE_FOLDER`].
    ///
    /// # Errors
    /// A file that could not be fetched or read, with the reason.
    pub async fn load(&self) -> Result<Workspace, String> {
        if let Some((agreements, measurements)) = self.bundled() {
            return self.from_files(agreements, measurements);
        }
        let (agreements, measurements) = fetch_both(self.agreements, self.measurements).await?;
        self.from_files(&agreements, &measurements)
    }
}

/// The first template's files, always in the wasm: a first visit opens on it.
const FIRST: (&str, &str) = (
    include_str!("../examples/cloud-sla.json"),
    include_str!("../examples/cloud-outages-2026-02.json"),
);

/// The first template as a workspace (built in: no fetch).
pub fn first() -> Workspace {
    let (agreements, measurements) = FIRST;
    TEMPLATES[0]
        .from_files(agreements, measurements)
        .unwrap_or_else(|_| Workspace::blank(texts().templates().blank_name, TEMPLATES[0].span))
}

/// A template by id when it needs no fetch: built in (the first; natively
/// every one), or [`BLANK`] (or an unknown id), an empty agreement file
/// reporting on `month`. `None` for one [`load`] fetches.
pub fn at_hand(id: &str, month: &str) -> Option<Result<Workspace, String>> {
    match TEMPLATES.iter().find(|t| t.id == id) {
        Some(template) => template
            .bundled()
            .map(|(agreements, measurements)| template.from_files(agreements, measurements)),
        None => Some(Ok(Workspace::blank(texts().templates().blank_name, month))),
    }
}

/// A template by id, fetched if it is not built in; [`BLANK`] (or an
/// unknown id) is an empty agreement file reporting on `month`.
///
/// # Errors
/// As [`Template::load`].
pub async fn load(id: &str, month: &str) -> Result<Workspace, String> {
    match TEMPLATES.iter().find(|t| t.id == id) {
        Some(template) => template.load().await,
        None => Ok(Workspace::blank(texts().templates().blank_name, month)),
    }
}

/// Two files of [`SITE_FOLDER`], as text (both requested at once).
async fn fetch_both(first: &str, second: &str) -> Result<(String, String), String> {
    let (first, second) = (
        crate::browser::site_text(&format!("{SITE_FOLDER}/{first}")),
        crate::browser::site_text(&format!("{SITE_FOLDER}/{second}")),
    );
    Ok((first.await?, second.await?))
}

/// A template by id, built in (natively every template is); [`BLANK`] (or an
/// unknown id) is an empty agreement file reporting on `month`.
///
/// # Panics
/// For a template whose files do not read (a test opens every one).
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn workspace(id: &str, month: &str) -> Workspace {
    match TEMPLATES.iter().find(|t| t.id == id) {
        Some(template) => {
            let (agreements, measurements) = native::files(template.id)
                .unwrap_or_else(|| panic!("{id}: its files are not built in"));
            template
                .from_files(agreements, measurements)
                .unwrap_or_else(|e| panic!("{e}"))
        }
        None => Workspace::blank(texts().templates().blank_name, month),
    }
}

/// A file of `examples/` that a template reads, by its name (`None` for
/// another name): the one list of them, for the native build, the tests and
/// the test browser's site. Only the first template's are in a page's wasm
/// (a page calls this only through those).
pub fn example_file(name: &str) -> Option<&'static str> {
    Some(match name {
        "cloud-sla.json" => FIRST.0,
        "cloud-outages-2026-02.json" => FIRST.1,
        "service-desk.json" => include_str!("../examples/service-desk.json"),
        "service-desk-2026-03.json" => include_str!("../examples/service-desk-2026-03.json"),
        "outsourcing.json" => include_str!("../examples/outsourcing.json"),
        "outsourcing-2026-h1.json" => include_str!("../examples/outsourcing-2026-h1.json"),
        "multi-level.json" => include_str!("../examples/multi-level.json"),
        "multi-level-2026-04.json" => include_str!("../examples/multi-level-2026-04.json"),
        "multi-supplier.json" => include_str!("../examples/multi-supplier.json"),
        "multi-supplier-2026-10.json" => include_str!("../examples/multi-supplier-2026-10.json"),
        "service-based.json" => include_str!("../examples/service-based.json"),
        "service-based-2026-03.json" => include_str!("../examples/service-based-2026-03.json"),
        "customer-based.json" => include_str!("../examples/customer-based.json"),
        "customer-based-2026-05.json" => include_str!("../examples/customer-based-2026-05.json"),
        _ => return None,
    })
}

/// Every template's files, built in natively (and in the wasm's unit tests).
#[cfg(any(test, not(target_arch = "wasm32")))]
mod native {
    pub(super) fn files(id: &str) -> Option<(&'static str, &'static str)> {
        let template = super::TEMPLATES.iter().find(|t| t.id == id)?;
        Some((
            super::example_file(template.agreements)?,
            super::example_file(template.measurements)?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_a_valid_workspace_with_measurements() {
        for template in TEMPLATES {
            let workspace = workspace(template.id, "2026-01");
            let file = workspace
                .agreement_file()
                .unwrap_or_else(|e| panic!("{}: {e:?}", template.id));
            assert!(!file.agreements.is_empty(), "{}", template.id);
            let m = &workspace.measurements;
            assert!(
                m.outages.len()
                    + m.tickets.len()
                    + m.manual.len()
                    + m.samples.len()
                    + m.events.len()
                    > 0,
                "{} has no measurements",
                template.id
            );
            let again = Workspace::open(&workspace.to_json(), None)
                .unwrap_or_else(|e| panic!("{}: {e}", template.id));
            assert_eq!(again, workspace, "{}", template.id);
        }
    }

    #[test]
    fn blank_is_empty() {
        let w = workspace(BLANK, "2026-05");
        assert_eq!(w.span, "2026-05");
        assert!(w.measurements.outages.is_empty());
        assert_eq!(w.agreements["agreements"], serde_json::json!([]));
        assert!(
            workspace("no-such-template", "2026-05").agreements["agreements"]
                .as_array()
                .is_some_and(Vec::is_empty)
        );
    }

    /// Every template but the first is fetched from the site: its files are
    /// copied there by `workbench.html` and precached by the service worker.
    #[test]
    fn the_fetched_templates_are_on_the_site_and_precached() {
        let page = include_str!("../workbench.html");
        let worker = include_str!("../static/sw.js");
        for template in &TEMPLATES[1..] {
            for file in [template.agreements, template.measurements] {
                let link = format!(
                    r#"<link data-trunk rel="copy-file" href="examples/{file}" data-target-path="{SITE_FOLDER}">"#
                );
                assert!(page.contains(&link), "workbench.html lacks {link}");
                let cached = format!(r#""{SITE_FOLDER}/{file}""#);
                assert!(worker.contains(&cached), "sw.js does not precache {cached}");
            }
        }
        let (first_agreements, _) = FIRST;
        assert!(first_agreements.contains(r#""name": "Cloud compute SLA"#));
        assert!(!page.contains(&format!("examples/{}", TEMPLATES[0].agreements)));
    }

    #[test]
    fn a_template_file_that_does_not_read_is_named() {
        let template = &TEMPLATES[1];
        let (_, measurements) = native::files(template.id).unwrap_or_else(|| panic!("built in"));
        let e = template
            .from_files("{\"format\": ", measurements)
            .err()
            .unwrap_or_default();
        assert!(e.starts_with("service-desk.json: "), "{e}");
        let e = template.from_files("{}", "[]").err().unwrap_or_default();
        assert!(e.starts_with("service-desk-2026-03.json: "), "{e}");
    }
}
