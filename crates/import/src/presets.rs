//! Column mappings for well-known exports. Each preset lists the export's
//! documented column headers and what they mean; headers are matched
//! case-insensitively after trimming.

use crate::mapping::{Field, Kind};
use crate::values::DurationUnit;

/// A known export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Stable id (`jira-sm`, `servicenow-incident`, ...), used by the CLI and saved mappings.
    pub id: &'static str,
    /// Shown to the user: "Jira Service Management issues".
    pub name: &'static str,
    pub kind: Kind,
    /// Header → field. Several headers may map to the same field as
    /// alternatives (the first present column wins); headers not listed are ignored.
    pub columns: &'static [(&'static str, Field)],
    /// Headers that identify this export (auto-detection by score: see
    /// [`detect_with_evidence`]).
    pub signature: &'static [&'static str],
    /// The unit of bare numbers in duration columns of this export.
    pub duration_unit: DurationUnit,
    /// Where the column list comes from (vendor documentation), shown to the user.
    pub source: &'static str,
}

use Field::{
    Active, Breached, Cause, Closed, Created, Duration, End, FirstResponse, Id, Ignore, Impact,
    Planned, Priority, ResolutionTime, Resolved, ResponseTime, Revision, Service, Start, State,
    Supplier, Updated, Verdict,
};

/// Jira Service Management: the issue navigator's "Export Excel CSV (all fields)".
///
/// Dates are written in the user's Jira format (default `05/Mar/26 10:15 AM`).
/// Multi-value fields such as `Component/s` are repeated as several columns
/// with the same header; the first one is used.
///
/// The SLA columns (`Custom field (Time to first response)`, `... (Time to
/// resolution)`) are *not* elapsed times: Jira writes what its SLA panel
/// shows, the time that was left against the goal when the cycle stopped
/// (`3:45`), negative once breached (`-1:20`). Read as a response time
/// they would give silently wrong figures, so they are listed as ignored.
/// The first response comes from the hidden JSM date field `[CHART] Date of
/// First Response` instead, and resolution from `Resolved`.
const JIRA_SM: Preset = Preset {
    id: "jira-sm",
    name: "Jira Service Management issues",
    kind: Kind::Tickets,
    columns: &[
        ("Issue key", Id),
        ("Summary", Ignore),
        ("Priority", Priority),
        ("Created", Created),
        (
            "Custom field ([CHART] Date of First Response)",
            FirstResponse,
        ),
        ("[CHART] Date of First Response", FirstResponse),
        ("Resolved", Resolved),
        // Remaining time against the SLA goal, not elapsed time (see above).
        ("Custom field (Time to first response)", Ignore),
        ("Time to first response", Ignore),
        ("Custom field (Time to resolution)", Ignore),
        ("Time to resolution", Ignore),
        ("Custom field (Affected services)", Service),
        ("Affected services", Service),
        ("Component/s", Service),
    ],
    signature: &["Issue key", "Issue id", "Issue Type"],
    duration_unit: DurationUnit::Minutes,
    source: "Atlassian Support: Export issues to CSV (Jira Cloud, \"all fields\"); \
             JSM: SLA display formats (completed SLAs show the time left or the time \
             past the goal); column headers as of 2026",
};

/// ServiceNow incident list, "Export > CSV". The CSV export uses the
/// fields' column names as headers (`number`, `opened_at`); the Excel export
/// and some list configurations use the display labels (`Number`,
/// `Opened`), listed as alternatives. Only the column-name form is
/// auto-detected. Timestamps are `2026-03-05 10:15:00` in the exporting
/// user's time zone; priority is `1 - Critical` ... `5 - Planning`.
const SERVICENOW_INCIDENT: Preset = Preset {
    id: "servicenow-incident",
    name: "ServiceNow incidents",
    kind: Kind::Tickets,
    columns: &[
        ("number", Id),
        ("priority", Priority),
        ("opened_at", Created),
        ("resolved_at", Resolved),
        ("business_service", Service),
        ("cmdb_ci", Service),
        ("short_description", Ignore),
        ("closed_at", Closed),
        ("incident_state", State),
        ("state", State),
        ("active", Active),
        ("sys_mod_count", Revision),
        ("sys_updated_on", Updated),
        ("sys_updated_at", Updated),
        // The system's own verdict, compared with ours; the inputs of its
        // priority matrix are ignored: the priority column is the one that
        // counts.
        ("made_sla", Verdict),
        ("impact", Ignore),
        ("urgency", Ignore),
        // Display labels (Excel export, or a list exported with labels).
        // "Number", "Priority", "State", "Active" match the column names
        // case-insensitively.
        ("Opened", Created),
        ("Resolved", Resolved),
        ("Closed", Closed),
        ("Service", Service),
        ("Configuration item", Service),
        ("Incident state", State),
        ("Updates", Revision),
        ("Updated", Updated),
        ("Made SLA", Verdict),
    ],
    signature: &[
        "number",
        "opened_at",
        "short_description",
        "sys_id",
        "sys_mod_count",
        "sys_updated_on",
        "sys_updated_at",
        "incident_state",
        "caller_id",
        "assignment_group",
        "cmdb_ci",
        "made_sla",
        "opened_by",
    ],
    duration_unit: DurationUnit::Seconds,
    source: "ServiceNow Docs: Incident [incident] table fields and list export to CSV \
             (Export > CSV uses column names); as of the Xanadu/Australia releases",
};

/// ServiceNow Task SLA [task_sla] list, "Export > CSV": one row per SLA
/// attached to a task (task, sla, stage, start_time, end_time, duration,
/// business_duration, has_breached, percentage, ...).
///
/// `sla` is the SLA *definition* ("P1 resolution (4 hours)"), not a
/// service, so it is ignored; the service and priority come from dot-walked
/// task columns (`task.business_service`, `task.priority`) when the list
/// includes them. `start_time` → created and `end_time` (label "Stop time")
/// → resolved make each row a ticket measured by that SLA: export one SLA
/// target at a time (the resolution SLAs, say), or a task appears once per
/// attached SLA. `duration`/`business_duration` are written as display text
/// ("2 Hours 15 Minutes") and pause-adjusted; they are ignored in favour of
/// the two timestamps.
const SERVICENOW_TASK_SLA: Preset = Preset {
    id: "servicenow-task-sla",
    name: "ServiceNow task SLAs",
    kind: Kind::Tickets,
    columns: &[
        ("task", Id),
        ("task.number", Id),
        ("task.priority", Priority),
        ("start_time", Created),
        ("end_time", Resolved),
        ("task.business_service", Service),
        ("task.cmdb_ci", Service),
        ("sla", Ignore),
        ("stage", Ignore),
        ("has_breached", Breached),
        ("duration", Ignore),
        ("business_duration", Ignore),
        // Display labels ("Task", "Task.Priority" match the column names
        // case-insensitively).
        ("Start time", Created),
        ("Stop time", Resolved),
        ("Task.Service", Service),
        ("SLA definition", Ignore),
        ("Has breached", Breached),
    ],
    signature: &["task", "sla", "stage", "has_breached"],
    duration_unit: DurationUnit::Seconds,
    source: "ServiceNow Docs: Task SLA [task_sla] table (Start time, Stop time, stage \
             values, timings), Service Level Management reference; as of 2026",
};

/// Zendesk Support: Admin Center > Account > Tools > Reports > CSV export
/// of tickets. Metrics are whole minutes; custom fields are appended as
/// `Name [type]`, so a `Service [list]` custom field is preferred to `Group`.
const ZENDESK: Preset = Preset {
    id: "zendesk",
    name: "Zendesk tickets",
    kind: Kind::Tickets,
    columns: &[
        ("Id", Id),
        ("Priority", Priority),
        ("Created at", Created),
        ("Solved at", Resolved),
        ("First reply time in minutes", ResponseTime),
        ("Full resolution time in minutes", ResolutionTime),
        ("Service [list]", Service),
        ("Service", Service),
        ("Group", Service),
        ("Subject", Ignore),
    ],
    signature: &["Id", "Solved at", "First reply time in minutes"],
    duration_unit: DurationUnit::Minutes,
    source: "Zendesk Help Center: Exporting data to a JSON, CSV, or XML file (CSV \
             ticket export, metric columns in minutes); column list as of 2026",
};

/// Atlassian Statuspage incident history, flattened one incident per row
/// with the incident object's fields (name, status, impact, created_at,
/// started_at, resolved_at, components, shortlink, ...). `started_at` (when
/// the incident began, which may be back-dated) wins over `created_at`.
/// `impact` is `none`, `minor`, `major`, `critical` or `maintenance`.
const STATUSPAGE: Preset = Preset {
    id: "statuspage",
    name: "Atlassian Statuspage incident history",
    kind: Kind::Outages,
    columns: &[
        ("components", Service),
        ("component", Service),
        ("affected_components", Service),
        ("started_at", Start),
        ("created_at", Start),
        ("resolved_at", End),
        ("impact", Impact),
        ("name", Cause),
        ("status", Ignore),
    ],
    signature: &["name", "impact", "started_at", "resolved_at"],
    duration_unit: DurationUnit::Minutes,
    source: "Statuspage API v1: Incident object (name, status, impact, created_at, \
             started_at, resolved_at, components); no vendor CSV column list was \
             found, field names as of 2026",
};

/// PagerDuty incidents report CSV (Analytics / legacy Reports > Incidents >
/// Download CSV): id, incident_number, title, description, service_name,
/// urgency, created_on, resolved_on, seconds_to_first_ack,
/// seconds_to_resolve, ... Timestamps are ISO 8601 with an offset.
const PAGERDUTY: Preset = Preset {
    id: "pagerduty",
    name: "PagerDuty incidents",
    kind: Kind::Outages,
    columns: &[
        ("service_name", Service),
        ("created_on", Start),
        ("resolved_on", End),
        ("seconds_to_resolve", Duration),
        ("title", Cause),
        ("description", Cause),
        ("urgency", Ignore),
    ],
    signature: &["incident_number", "service_name", "created_on"],
    duration_unit: DurationUnit::Seconds,
    source: "PagerDuty Knowledge Base: Reports / Insights, incidents report \
             \"Download CSV\" (created_on, resolved_on, seconds_to_resolve); \
             column names as of 2026",
};

/// A hand-kept outage log (spreadsheet): English headers and their common
/// synonyms. Bare numbers in `duration` are minutes.
const GENERIC_OUTAGES: Preset = Preset {
    id: "generic-outages",
    name: "Generic outage log",
    kind: Kind::Outages,
    columns: &[
        ("service", Service),
        ("component", Service),
        ("system", Service),
        ("start", Start),
        ("begin", Start),
        ("from", Start),
        ("started", Start),
        ("end", End),
        ("ended", End),
        ("to", End),
        ("until", End),
        ("duration", Duration),
        ("impact", Impact),
        ("planned", Planned),
        ("maintenance", Planned),
        ("supplier", Supplier),
        ("vendor", Supplier),
        ("provider", Supplier),
        ("cause", Cause),
        ("reason", Cause),
        ("description", Cause),
    ],
    signature: &["service", "start"],
    duration_unit: DurationUnit::Minutes,
    source: "No vendor: the columns of a hand-kept outage spreadsheet, with common synonyms",
};

/// Every preset, in the order the app lists them.
pub const ALL: &[Preset] = &[
    JIRA_SM,
    SERVICENOW_INCIDENT,
    SERVICENOW_TASK_SLA,
    ZENDESK,
    STATUSPAGE,
    PAGERDUTY,
    GENERIC_OUTAGES,
];

/// The preset with this id.
pub fn by_id(id: &str) -> Option<&'static Preset> {
    ALL.iter().find(|p| p.id == id)
}

/// Headers compare trimmed and case-insensitively.
fn same_header(a: &str, b: &str) -> bool {
    a.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .eq(b.trim().chars().flat_map(char::to_lowercase))
}

impl Preset {
    /// The field a header means in this export (`None`: not listed).
    pub fn field_for(&self, header: &str) -> Option<Field> {
        self.columns
            .iter()
            .find(|(h, _)| same_header(h, header))
            .map(|&(_, f)| f)
    }

    /// Whether every signature header is among `headers`.
    pub fn matches(&self, headers: &[&str]) -> bool {
        self.signature
            .iter()
            .all(|s| headers.iter().any(|h| same_header(s, h)))
    }

    /// Whether the headers this preset lists, among `headers`, hold the
    /// fields its kind needs.
    fn covers_required(&self, headers: &[&str]) -> bool {
        let has = |field: Field| {
            self.columns
                .iter()
                .any(|(c, f)| *f == field && headers.iter().any(|h| same_header(c, h)))
        };
        match self.kind {
            Kind::Tickets => has(Id) && has(Priority) && has(Created),
            Kind::Outages => has(Service) && has(Start) && (has(End) || has(Duration)),
        }
    }

    /// How many of this preset's listed headers are among `headers`.
    pub fn matching_columns(&self, headers: &[&str]) -> usize {
        self.columns
            .iter()
            .filter(|(c, _)| headers.iter().any(|h| same_header(c, h)))
            .count()
    }
}

/// The best preset for `headers` (see [`detect_with_evidence`]).
pub fn detect(headers: &[&str]) -> Option<&'static Preset> {
    detect_with_evidence(headers).map(|d| d.preset)
}

/// A recognised export and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    pub preset: &'static Preset,
    /// See [`detect_with_evidence`].
    pub score: usize,
    /// The identifying headers found, as the file writes them.
    pub evidence: Vec<String>,
}

/// Recognises an export by score, not by an all-or-nothing signature, so
/// that a list view's subset of columns is still recognised: a preset is a
/// candidate when at least two of its identifying headers (all of them, when
/// it has fewer) are present. The highest score wins: 3 per identifying
/// header, 1 per other listed header, and 5 when its listed headers cover
/// the fields its kind needs (tickets: id, priority, created; outages:
/// service, start, and an end or a duration); on a tie, the first in
/// [`ALL`]. Headers compare trimmed and case-insensitively.
pub fn detect_with_evidence(headers: &[&str]) -> Option<Detection> {
    let mut best: Option<Detection> = None;
    for preset in ALL {
        let evidence: Vec<String> = headers
            .iter()
            .filter(|h| preset.signature.iter().any(|s| same_header(s, h)))
            .map(|h| h.trim().to_owned())
            .collect();
        if evidence.len() < preset.signature.len().min(2) {
            continue;
        }
        let covers = if preset.covers_required(headers) {
            5
        } else {
            0
        };
        let score = covers + 3 * evidence.len() + preset.matching_columns(headers);
        if best.as_ref().is_none_or(|b| score > b.score) {
            best = Some(Detection {
                preset,
                score,
                evidence,
            });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header row of a fixture: the first line (a UTF-8 BOM dropped),
    /// split on `delim`, each header unquoted.
    fn header(text: &str, delim: char) -> Vec<&str> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let line = text.split(['\n', '\r']).next().unwrap_or("");
        line.split(delim)
            .map(|h| h.trim().trim_matches('"'))
            .collect()
    }

    fn detected(text: &str, delim: char) -> Option<&'static str> {
        detect(&header(text, delim)).map(|p| p.id)
    }

    macro_rules! fixture {
        ($file:literal) => {
            include_str!(concat!("../../../tests/fixtures/import/", $file))
        };
    }

    #[test]
    fn ids_are_unique_and_found() {
        for (i, p) in ALL.iter().enumerate() {
            assert!(
                ALL[i + 1..].iter().all(|q| q.id != p.id),
                "duplicate id {}",
                p.id
            );
            assert_eq!(by_id(p.id).map(|q| q.id), Some(p.id));
        }
        assert!(by_id("nope").is_none());
    }

    #[test]
    fn fields_are_allowed_for_the_kind() {
        for p in ALL {
            for &(h, f) in p.columns {
                assert!(
                    f == Field::Ignore || p.kind.fields().contains(&f),
                    "{}: {h} -> {f:?} is not a {} field",
                    p.id,
                    p.kind.id()
                );
            }
        }
    }

    #[test]
    fn presets_are_well_formed() {
        for p in ALL {
            assert!(!p.name.is_empty() && !p.source.is_empty(), "{}", p.id);
            assert!(p.signature.len() >= 2, "{}: signature size", p.id);
            for (i, (h, _)) in p.columns.iter().enumerate() {
                assert_eq!(h.trim(), *h, "{}: untrimmed header", p.id);
                assert!(
                    p.columns[i + 1..].iter().all(|(g, _)| !same_header(g, h)),
                    "{}: header {h} listed twice",
                    p.id
                );
            }
            // The signature identifies its own export.
            assert_eq!(detect(p.signature).map(|q| q.id), Some(p.id));
        }
    }

    #[test]
    fn detection_is_trimmed_and_case_insensitive() {
        assert_eq!(
            detect(&["  ISSUE KEY ", "issue id", "Issue type"]).map(|p| p.id),
            Some("jira-sm")
        );
        assert_eq!(
            detect(&["Service", " START ", "End"]).map(|p| p.id),
            Some("generic-outages")
        );
        assert_eq!(ZENDESK.field_for(" solved AT "), Some(Field::Resolved));
        assert!(detect(&[]).is_none());
        assert!(detect(&["Dienst", "Beginn", "Ende", "Auswirkung"]).is_none());
    }

    #[test]
    fn ties_go_to_the_most_matching_columns() {
        // Both the PagerDuty and the generic signatures are present; PagerDuty
        // explains more of the columns.
        let headers = [
            "incident_number",
            "service_name",
            "created_on",
            "resolved_on",
            "title",
            "service",
            "start",
        ];
        assert_eq!(detect(&headers).map(|p| p.id), Some("pagerduty"));
        let headers = [
            "incident_number",
            "service_name",
            "created_on",
            "service",
            "start",
            "end",
            "impact",
            "cause",
        ];
        assert_eq!(detect(&headers).map(|p| p.id), Some("generic-outages"));
    }

    #[test]
    fn vendor_fixtures_are_detected() {
        let cases = [
            (fixture!("jira-sm.csv"), "jira-sm"),
            (fixture!("servicenow-incident.csv"), "servicenow-incident"),
            (fixture!("servicenow-task-sla.csv"), "servicenow-task-sla"),
            (fixture!("zendesk.csv"), "zendesk"),
            (fixture!("statuspage.csv"), "statuspage"),
            (fixture!("pagerduty.csv"), "pagerduty"),
            (fixture!("generic-outages.csv"), "generic-outages"),
        ];
        for (text, id) in cases {
            assert_eq!(detected(text, ','), Some(id));
        }
    }

    #[test]
    fn generic_fixtures_with_headers_are_detected() {
        let comma = [
            fixture!("bom-crlf.csv"),
            fixture!("cr-only.csv"),
            fixture!("quoted.csv"),
            fixture!("day-first-slash.csv"),
            fixture!("ambiguous-slash.csv"),
            fixture!("month-first-ampm.csv"),
            fixture!("ragged.csv"),
            fixture!("end-before-start.csv"),
            fixture!("header-only.csv"),
            fixture!("unix-times.csv"),
            fixture!("excel-serial.csv"),
            fixture!("durations.csv"),
            fixture!("trailing-delimiters.csv"),
        ];
        for text in comma {
            assert_eq!(
                detected(text, ','),
                Some("generic-outages"),
                "{}",
                &text[..30]
            );
        }
        assert_eq!(detected(fixture!("pipe.csv"), '|'), Some("generic-outages"));
        assert_eq!(
            detected(fixture!("tab-paste.tsv"), '\t'),
            Some("generic-outages")
        );

        // Windows-1252 bytes are not UTF-8: take the (ASCII) header line only.
        let bytes = include_bytes!("../../../tests/fixtures/import/windows-1252.csv");
        let end = bytes
            .iter()
            .position(|&b| b == b'\r')
            .unwrap_or(bytes.len());
        let line = std::str::from_utf8(&bytes[..end]).expect("ASCII header");
        assert_eq!(detected(line, ','), Some("generic-outages"));
    }

    #[test]
    fn fixtures_without_a_preset() {
        // German headers: no preset; the first data row is no header either.
        assert_eq!(detected(fixture!("semicolon-decimal-comma.csv"), ';'), None);
        assert_eq!(detected(fixture!("no-header.csv"), ','), None);
        assert_eq!(detected(fixture!("empty.csv"), ','), None);
    }
}
