//! The workbench's templates: the worked examples in `examples/`, each an
//! agreement file with a month (or half a year) of measurements. They are the
//! same files the engine's golden reports are computed from, so a template's
//! report in the app is the report in `tests/golden/`.

use std::rc::Rc;

use crate::i18n::{texts, Templates};
use crate::state::workbench::workspace::{empty_measurements, Workspace};

/// One template.
pub struct Template {
    /// Stable id (`<option value>`, tests).
    pub id: &'static str,
    /// Its title in the page's language (see [`Template::title`]).
    title: fn(&Templates) -> &'static str,
    description: fn(&Templates) -> &'static str,
    agreements: &'static str,
    measurements: &'static str,
    span: &'static str,
}

/// Every template, the blank one last.
pub const TEMPLATES: &[Template] = &[
    Template {
        id: "cloud-sla",
        title: |t| t.cloud_sla,
        description: |t| t.cloud_sla_description,
        agreements: include_str!("../examples/cloud-sla.json"),
        measurements: include_str!("../examples/cloud-outages-2026-02.json"),
        span: "2026-02",
    },
    Template {
        id: "service-desk",
        title: |t| t.service_desk,
        description: |t| t.service_desk_description,
        agreements: include_str!("../examples/service-desk.json"),
        measurements: include_str!("../examples/service-desk-2026-03.json"),
        span: "2026-03",
    },
    Template {
        id: "outsourcing",
        title: |t| t.outsourcing,
        description: |t| t.outsourcing_description,
        agreements: include_str!("../examples/outsourcing.json"),
        measurements: include_str!("../examples/outsourcing-2026-h1.json"),
        span: "2026-01..2026-06",
    },
    Template {
        id: "multi-level",
        title: |t| t.multi_level,
        description: |t| t.multi_level_description,
        agreements: include_str!("../examples/multi-level.json"),
        measurements: include_str!("../examples/multi-level-2026-04.json"),
        span: "2026-04",
    },
    Template {
        id: "multi-supplier",
        title: |t| t.multi_supplier,
        description: |t| t.multi_supplier_description,
        agreements: include_str!("../examples/multi-supplier.json"),
        measurements: include_str!("../examples/multi-supplier-2026-10.json"),
        span: "2026-10",
    },
    Template {
        id: "service-based",
        title: |t| t.service_based,
        description: |t| t.service_based_description,
        agreements: include_str!("../examples/service-based.json"),
        measurements: include_str!("../examples/service-based-2026-03.json"),
        span: "2026-03",
    },
    Template {
        id: "customer-based",
        title: |t| t.customer_based,
        description: |t| t.customer_based_description,
        agreements: include_str!("../examples/customer-based.json"),
        measurements: include_str!("../examples/customer-based-2026-05.json"),
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

    /// The template as a workspace.
    ///
    /// # Panics
    /// Never for the files in `examples/` (a test opens every one).
    pub fn workspace(&self) -> Workspace {
        let agreements: serde_json::Value =
            serde_json::from_str(self.agreements).unwrap_or_default();
        let measurements = sla_engine::model::load::measurements(self.measurements)
            .unwrap_or_else(|_| empty_measurements());
        Workspace {
            name: self.title().to_string(),
            span: self.span.to_string(),
            agreements: Rc::new(agreements),
            measurements: Rc::new(measurements),
        }
    }
}

/// A template by id; [`BLANK`] (or an unknown id) is an empty agreement file
/// reporting on `month`.
pub fn workspace(id: &str, month: &str) -> Workspace {
    TEMPLATES.iter().find(|t| t.id == id).map_or_else(
        || Workspace::blank(texts().templates().blank_name, month),
        Template::workspace,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_a_valid_workspace_with_measurements() {
        for template in TEMPLATES {
            let workspace = template.workspace();
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
}
