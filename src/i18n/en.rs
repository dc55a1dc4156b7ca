//! English: the app's first language, and the fallback.
//!
//! A text's words are exactly those the app has always shown (tests find
//! elements by them). Plurals: English has one form for 1 and another for
//! every other count, chosen by [`plural`].

use sla_engine::model::PeriodKind;
use sla_engine::Period;
use sla_import::mapping::{Kind, PriorityWhy};
use sla_import::statuspage::Impact;
use sla_interop::ics::IcsEffect;
use sla_interop::openslo::Effect;

use crate::state::workbench::workspace::Table;

use super::{
    Advisor, AdvisorMessages, Charts, ChartsMessages, Common, CommonMessages, Compare,
    CompareMessages, Count, Embed, EmbedMessages, IcsAdded, Import, ImportMessages, Interop,
    InteropMessages, Link, LinkMessages, Measurements, MeasurementsMessages, Quick, QuickMessages,
    Report, ReportMessages, ReportSummary, Requirements, RequirementsMessages, Rows, Share,
    ShareMessages, Simulator, SimulatorMessages, Site, SiteMessages, StatusImport,
    StatusImportMessages, Statuses, StatusesMessages, Structure, StructureMessages, Templates,
    TemplatesMessages, Workbench, WorkbenchMessages, WorkspaceFile, WorkspaceFileMessages,
};

/// The English messages (every group's messages trait is implemented on
/// this one type).
pub struct English;

/// `one` for a count of 1, `other` for every other count (0 included).
fn plural<'a>(count: &Count, one: &'a str, other: &'a str) -> &'a str {
    if count.value == 1 {
        one
    } else {
        other
    }
}

translate! {
    COMMON: Common, CommonMessages for English {
        dismiss: "Dismiss",
        remove: "Remove",
        error_prefix: "Error: ",
        warning_prefix: "Warning: ",
        none_choice: "(none)",
        exact_prefix: "Exact: ",
        formula_prefix: "Formula: ",
        here_prefix: "Here: ",
        convention_prefix: "Convention: ",
    }

    fn figure_title(&self, exact: &str) -> String {
        format!("exact: {exact}")
    }

    fn figure_label(&self, what: &str, value: &str, exact: Option<&str>) -> String {
        match exact {
            Some(exact) => format!("{what}: {value} ({exact}), show why"),
            None => format!("{what}: {value}, show why"),
        }
    }
}

translate! {
    QUICK: Quick, QuickMessages for English {
        targets_list: "Targets",
        add_a_target: "Add a target",
        add_prefix: "Add: ",
        nines: "Nines",
        add_nines: "Add nines",
        month_label: "Calendar month (for the calendar periods)",
        month_hint: "Concrete periods count the real days: February 2026 has 28, Q1 2026 has 90.",
        allowed_downtime: "Allowed downtime",
        period: "Period",
        downtime_note: "Average periods follow uptime.is: a year of 365.2425 days, a month of 30.436875 days, a quarter of 91.310625 days. Calendar periods count the real days of the chosen month, its quarter and its year, in whole days of 24 h. Select a figure to see its exact value and formula.",
        availability_prefix: "Availability: ",
        availability: "Availability",
        against_targets: "Against your targets",
        downtime: "Downtime",
        downtime_hint: "e.g. 13m 37s, 1h 5m, 90s, 00:13:37 or plain seconds",
        only_service_hours: "Count only service hours (as set below)",
        preset_24x7: "24 × 7",
        preset_weekdays_8_18: "Mon–Fri 08:00–18:00",
        preset_weekdays_9_17: "Mon–Fri 09:00–17:00",
        preset_mon_sat_7_22: "Mon–Sat 07:00–22:00",
        closed: "closed",
        service_time: "Service time",
        pick_month_for_service_time: "Pick a calendar month above to see the service time.",
        hour_presets: "Service hour presets",
        hours_per_weekday: "Hours per weekday",
        hours_hint: "HH:MM-HH:MM; several ranges separated by spaces (08:00-12:00 13:00-17:00); 22:00-06:00 runs overnight into the next day; empty means closed.",
        no_service_hours: "no service hours",
        mode_serial: "In series: all are needed",
        mode_parallel: "In parallel: any one suffices",
        mode_k_of_n: "k of n must work",
        composite_prefix: "Composite availability: ",
        composite_availability: "Composite availability",
        fix_marked_field: "Fix the marked field to see the composite availability.",
        how_components_combine: "How the components combine",
        k_label: "k (components that must work)",
        components_list: "Components",
        component_hint: "A component is a percentage or a nested group: parallel(99.5, 99.5), serial(99.9, 99.95) or 2of3(99, 99, 99).",
        add_component: "Add component",
        composite_note: "Composites are computed exactly and shown with 6 decimals, rounded down (every digit in the figure's details); they assume components fail independently.",
        at_least_one_component: "add at least one component",
    }

    fn weekday(&self, day: usize) -> &'static str {
        // The engine's names: its messages name the same days.
        sla_engine::service_hours::DAY_NAMES[day.min(6)]
    }

    fn period_name(&self, period: Period) -> String {
        // The engine's label, as its explanations write it.
        period.label()
    }

    fn period_days(&self, days: u32) -> String {
        format!("({days} d)")
    }

    fn target_label(&self, number: usize) -> String {
        format!("Target {number} (%)")
    }

    fn remove_target(&self, number: usize) -> String {
        format!("Remove target {number}")
    }

    fn add_target_level(&self, level: &str) -> String {
        format!("Add target {level} %")
    }

    fn at_most_targets(&self, max: usize) -> String {
        format!("At most {max} targets side by side.")
    }

    fn allowed_downtime_label(&self, period: &str, level: &str) -> String {
        format!("Allowed downtime per {period} at {level}")
    }

    fn not_a_valid_target(&self, typed: &str) -> String {
        format!("`{typed}` is not a valid target")
    }

    fn invalid_target_heading(&self, typed: &str) -> String {
        format!("{typed} (invalid)")
    }

    fn service_time_in(&self, period: &str) -> String {
        format!("service time in the {period}")
    }

    fn hours_invalid_for_reverse(&self, day: &str) -> String {
        format!("The service hours for {day} are not valid; fix them below.")
    }

    fn meets(&self, level: &str) -> String {
        format!("meets {level}")
    }

    fn misses(&self, level: &str) -> String {
        format!("misses {level}")
    }

    fn decimals_hint(&self, decimals: u32) -> String {
        format!("Shown with {decimals} decimals, rounded down, so it never overstates what was achieved.")
    }

    fn allowed_within_hours_label(&self, period: &str, level: &str) -> String {
        format!("Allowed downtime within service hours per {period} at {level}")
    }

    fn service_time_label(&self, period: &str) -> String {
        format!("Service time per {period}")
    }

    fn service_time_caption(&self, schedule: &str) -> String {
        format!("Service time and allowed downtime within it ({schedule})")
    }

    fn fix_hours_for(&self, day: &str) -> String {
        format!("Fix the hours for {day} to see the service time.")
    }

    fn component_label(&self, number: usize) -> String {
        format!("Component {number} (%)")
    }

    fn remove_component(&self, number: usize) -> String {
        format!("Remove component {number}")
    }

    fn not_a_month(&self, typed: &str) -> String {
        format!("`{typed}` is not a month; pick one, e.g. 2026-02")
    }

    fn k_out_of_range(&self, components: usize) -> String {
        format!("k must be a whole number from 1 to {components} (the number of components)")
    }
}

translate! {
    LINK: Link, LinkMessages for English {
        notices_title: "Parts of the link were not used",
        hours_switch_ignored: "The link's service-hours switch was not 0 or 1 and was ignored.",
        hours_need_seven_days: "The link's service hours need one entry per weekday; using the default hours.",
    }

    fn too_long(&self, kilobytes: usize, max_kilobytes: usize) -> String {
        format!("The link is too long ({kilobytes} KB, at most {max_kilobytes} KB), so the calculator starts from its defaults.")
    }

    fn value_too_long(&self, key: &str, max_chars: usize) -> String {
        format!("The link's `{key}` value is longer than {max_chars} characters and was ignored.")
    }

    fn month(&self, problem: &str, default: &str) -> String {
        format!("Calendar month from the link: {problem}; using {default}.")
    }

    fn downtime(&self, typed: &str, problem: &str, default: &str) -> String {
        format!("Downtime `{typed}` from the link: {problem}; using {default}.")
    }

    fn unknown_period(&self, typed: &str) -> String {
        format!("Unknown period `{typed}` in the link; using a month.")
    }

    fn unknown_composite(&self, typed: &str) -> String {
        format!("Unknown composite kind `{typed}` in the link; using serial.")
    }

    fn parts_ignored(&self, parts: &Count) -> String {
        let rest = plural(
            parts,
            "part of the link was not understood and was ignored.",
            "parts of the link were not understood and were ignored.",
        );
        format!("{parts} {rest}")
    }

    fn too_many_targets(&self, targets: usize, max: usize) -> String {
        format!("The link has {targets} targets; the first {max} are shown.")
    }

    fn target(&self, typed: &str, problem: &str) -> String {
        format!("Target `{typed}` from the link: {problem}.")
    }

    fn hours(&self, day: &str, problem: &str) -> String {
        format!("Service hours from the link ({day}): {problem}; using the default hours.")
    }

    fn too_many_components(&self, max: usize) -> String {
        format!("The link has more than {max} components; the first {max} are shown.")
    }

    fn component(&self, typed: &str, problem: &str) -> String {
        format!("Component `{typed}` from the link: {problem}.")
    }

    fn k_of_n(&self, problem: &str) -> String {
        format!("The link's k-of-n: {problem}; using k = 1.")
    }
}

translate! {
    IMPORT: Import, ImportMessages for English {
        file_read_failed: "The browser could not read the file.",
        file_moved: "The browser could not read the file: was it moved or changed?",
        intro: "Outage logs and ticket exports as CSV, or rows pasted from a spreadsheet: Jira Service Management, ServiceNow, Zendesk, Statuspage and PagerDuty exports are recognised, any other layout can be mapped by hand. The file is read here, in your browser; nothing is uploaded.",
        csv_file: "CSV file",
        paste_label: "Or paste rows copied from a spreadsheet (with the header row)",
        read_pasted: "Read pasted rows",
        paste_first: "Paste rows into the box first (copied from a spreadsheet, with the header row).",
        pasted_rows: "pasted rows",
        cancel_import: "Cancel import",
        choose_another: "Choose another file",
        confirm_date_order: "Confirm the order of day and month.",
        reading: "Reading",
        delimiter: "Delimiter",
        header_row: "The first row names the columns",
        encoding: "Encoding",
        meaning: "Meaning",
        export: "Export",
        other_export: "Other (columns mapped below)",
        records_are: "Records are",
        time_zone: "Time zone of times without an offset",
        decimal_comma: "Numbers use a decimal comma (99,5)",
        duration_unit: "Bare numbers in duration columns are",
        impact_unit: "Bare numbers in the impact column are",
        clock_unit: "Durations written a:b are",
        empty_markers: "Values that mean empty",
        empty_markers_hint: "Separated by commas. A field holding one of these reads as empty, never as an error.",
        history_id: "Ticket",
        history_kept: "Line kept",
        history_left_out: "Lines left out",
        history_none_kept: "none (rows as late as each other)",
        day_first: "day first (3 April for 03/04/2026)",
        month_first: "month first (March 4 for 03/04/2026)",
        line: "Line",
        add_records: "add its records to them",
        replace_records: "replace them (you can undo)",
        no_records_yet: "No records imported yet.",
        audit_detected: "Recognised: a field-change audit (ServiceNow sys_audit, a row per changed field). Each record becomes one ticket: its number, priority, service, opening and resolution times from the last change of each field (a change back to an open state leaves it open).",
        audit_pauses_hint: "The spans a record's state spent On Hold, Pending or Awaiting … (between the times of its changes) stop its clock.",
        pauses_from_states: "Pauses from the history's states",
        pauses_from_states_hint: "The spans a ticket spent On Hold, Pending or Awaiting … (between the update times of its rows) stop its clock.",
        preview_title: "What the file holds",
        scan_whole: "Read the whole file for this preview",
        priority_map_caption: "The file's priorities and the agreement's priority each counts as",
        in_file: "In the file",
        counted_as: "Counts as",
        as_written: "as written",
        priorities_mapped: "The file's priorities, as counted:",
        undo_import: "Undo import",
        redo_import: "Redo import",
        skipped_by_reason: "Skipped rows, by reason",
        record: "Record",
        column: "Column",
        value: "Value",
        reason: "Reason",
        service: "Service",
        outages: "Outages",
        planned: "Planned",
        downtime: "Downtime",
        availability_per_month: "Availability per month",
        priorities_caption: "Tickets per priority: wall-clock times from creation (business hours apply in an agreement's report)",
        priority: "Priority",
        tickets: "Tickets",
        open: "Open",
        median_first_response: "Median first response",
        median_resolution: "Median resolution",
        p90_resolution: "90th percentile resolution",
        cancelled: "Import cancelled: nothing was changed.",
        pasted_history: "pasted history",
        open_workbench: "Open the workbench",
    }

    fn kind_name(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::Outages => "outages",
            Kind::Tickets => "tickets",
        }
    }

    fn importing(&self, source: &str) -> String {
        format!("Importing {source}")
    }

    fn progress(&self, rows: &Rows, read: &str, total: &str, speed: &str, rate: &Count) -> String {
        let Rows { read: all, used, skipped } = rows;
        let noun = plural(all, "row", "rows");
        format!("{all} {noun} ({used} used, {skipped} skipped) · {read} of {total} · {speed} MB/s · {rate} rows/s")
    }

    fn refused(&self, source: &str, problem: &str) -> String {
        format!("{source}: {problem}")
    }

    fn unknown_zone(&self, zone: &str) -> String {
        format!("`{zone}` is not a time zone this browser knows: choose one from the list.")
    }

    fn already_in_measurements(&self, records: &Count) -> String {
        let what = plural(records, "outage or ticket", "outages and tickets");
        format!("The measurements already hold {records} {what}. This import will:")
    }

    fn already_imported(&self, records: &Count) -> String {
        let what = plural(records, "record is", "records are");
        format!("{records} {what} already imported. This import will:")
    }

    fn check_how_read(&self, source: &str) -> String {
        format!("Check how {source} is read")
    }

    fn detected(
        &self,
        encoding: &str,
        delimiter: &str,
        header: bool,
        line_ends: &str,
        size: &str,
        export: Option<&str>,
    ) -> String {
        let header = if header { "header row" } else { "no header row" };
        let export = export
            .map(|e| format!(" · recognised: {e}"))
            .unwrap_or_default();
        format!("{encoding} · {delimiter} · {header} · {line_ends} line ends · {size}{export}")
    }

    fn date_order_question(&self, example: &str) -> String {
        format!("Is {example} day first or month first? No day above 12 in the first rows decides it.")
    }

    fn preview_caption(&self, rows: &Count) -> String {
        if rows.value == 1 {
            "The first row, and what each column is imported as".into()
        } else {
            format!("The first {rows} rows, and what each column is imported as")
        }
    }

    fn column_imported_as(&self, number: usize, header: &str) -> String {
        format!("Column {number} ({header}) is imported as")
    }

    fn impact_words(&self, words: &[(&str, u8, bool)]) -> String {
        let list = words
            .iter()
            .map(|(word, percent, planned)| {
                let planned = if *planned { " (planned)" } else { "" };
                format!("{word} = {percent} %{planned}")
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!("Impact words: {list}. A percentage is read as written.")
    }

    fn import_size(&self, size: &str) -> String {
        format!("Import {size}")
    }

    fn batch(&self, source: &str, records: &Count, kind: Kind) -> String {
        format!("{source}: {records} {}", ImportMessages::kind_name(self, kind))
    }

    fn records_here(&self, records: &Count, batches: &[String]) -> String {
        let what = plural(records, "record", "records");
        format!(
            "{records} {what} imported here ({}); they are in the workspace's measurements.",
            batches.join("; ")
        )
    }

    fn records_in_tab(&self, records: &Count, batches: &[String]) -> String {
        let what = plural(records, "record", "records");
        format!(
            "{records} {what} imported in this tab ({}); they are not saved when you close it.",
            batches.join("; ")
        )
    }

    fn imported(&self, source: &str) -> String {
        format!("Imported {source}")
    }

    fn summary(
        &self,
        rows: &Rows,
        size: &str,
        seconds: &str,
        replaced: bool,
        embedded: bool,
    ) -> String {
        let Rows { read, used, skipped } = rows;
        let noun = plural(read, "row", "rows");
        let replaced = match (replaced, embedded) {
            (false, _) => "",
            (true, false) => " · replaced the records imported before",
            (true, true) => " · replaced the outages and tickets of the measurements",
        };
        format!("{read} {noun}: {used} used, {skipped} skipped · {size} in {seconds} s{replaced}")
    }

    fn recognised_by(&self, headers: &str) -> String {
        format!("Recognised by its columns {headers}.")
    }

    fn resolved_at_close(&self, tickets: &Count) -> String {
        if tickets.value == 1 {
            format!("{tickets} closed ticket had no resolution time: it is resolved at its close time.")
        } else {
            format!("{tickets} closed tickets had no resolution time: each is resolved at its close time.")
        }
    }

    fn scanning(&self, source: &str) -> String {
        format!("Reading {source} for its preview (nothing is added)")
    }

    fn preview_rows(&self, rows: &Count, whole: bool, size: &str) -> String {
        let what = plural(rows, "row", "rows");
        if whole {
            format!("The whole file: {rows} {what}.")
        } else {
            format!("Its first {rows} {what} (the file is {size}):")
        }
    }

    fn preview_span(&self, from: &str, to: &str, zone: &str) -> String {
        format!("Times from {from} to {to} ({zone}).")
    }

    fn preview_tickets(&self, tickets: &Count, open: &Count, resolved: &Count) -> String {
        let what = plural(tickets, "ticket", "tickets");
        format!("{tickets} {what}: {open} open, {resolved} resolved.")
    }

    fn preview_outages(&self, outages: &Count, planned: &Count) -> String {
        let what = plural(outages, "outage", "outages");
        format!("{outages} {what}, {planned} of them planned.")
    }

    fn preview_states(&self, counts: &str) -> String {
        format!("Rows per state: {counts}.")
    }

    fn preview_priorities(&self, counts: &str) -> String {
        format!("Tickets per priority: {counts}.")
    }

    fn preview_skipped(&self, rows: &Count) -> String {
        let what = plural(rows, "row cannot", "rows cannot");
        format!("{rows} {what} be used: the import lists each with its line and reason.")
    }

    fn audit_elsewhere(&self, source: &str) -> String {
        format!("{source} is a field-change audit (ServiceNow sys_audit). The workbench does not read audits: `sla import {source} --time-zone <zone> -o measurements.json` turns it into a measurement file, which \"Open a file…\" adds to this workspace; the calculator's import reads it too.")
    }

    fn line_reason(&self, line: u64, reason: &str) -> String {
        format!("line {line}: {reason}")
    }

    fn priority_why(&self, why: PriorityWhy) -> String {
        match why {
            PriorityWhy::Same => "the agreement's own name".into(),
            PriorityWhy::Rank(rank) => format!("both rank {rank} (1 the most urgent)"),
            PriorityWhy::NoRank => "names no rank: choose, or it stays as written and counts for no target".into(),
            PriorityWhy::NoTarget(rank) => format!("rank {rank}: no priority of the agreement has it"),
            PriorityWhy::Ambiguous(rank) => format!("rank {rank}: several priorities of the agreement have it, choose one"),
            PriorityWhy::Chosen => "your choice".into(),
        }
    }

    fn repeated_ids(&self, ids: &Count) -> String {
        let what = plural(ids, "id is", "ids are");
        format!("{ids} {what} on more than one row: if the file is a history (a row per update), map its update counter or update time so that each ticket's latest row is kept.")
    }

    fn read_as_empty(&self, found: &str) -> String {
        format!("Read as empty: {found}.")
    }

    fn marker_count(&self, marker: &str, fields: &Count) -> String {
        format!("`{marker}` {fields}×")
    }

    fn history_caption(&self, tickets: &Count) -> String {
        let what = plural(tickets, "ticket", "tickets");
        format!("{tickets} {what} with several rows: which row was kept")
    }

    fn reason_count(&self, rows: &Count, reason: &str) -> String {
        format!("{rows} × {reason}")
    }

    fn errors_caption(&self, listed: &Count, skipped: &Count) -> String {
        let noun = plural(skipped, "row", "rows");
        format!("The first {listed} of {skipped} skipped {noun}")
    }

    fn download_skipped(&self, listed: &Count) -> String {
        format!("Download the skipped rows ({listed} listed, CSV)")
    }

    fn services_caption(&self, zone: &str) -> String {
        format!("Outages per service: downtime with overlaps merged and weighted by impact, planned outages not counted; availability around the clock per calendar month in {zone}")
    }

    fn month_availability(&self, month: &str, percent: &str, downtime: &str) -> String {
        format!("{month}: {percent} % ({downtime} down)")
    }

    fn json_elsewhere(&self, source: &str) -> String {
        format!("{source} is a status page's incident history (JSON): histories are read in the workbench, where its components become the services of your agreement with that vendor.")
    }
}

translate! {
    STATUS_IMPORT: StatusImport, StatusImportMessages for English {
        intro: "Outage logs and ticket exports as CSV, or rows pasted from a spreadsheet: Jira Service Management, ServiceNow, Zendesk, Statuspage and PagerDuty exports are recognised, any other layout can be mapped by hand. A status page's incident history in Statuspage's JSON is read too. The file is read here, in your browser; nothing is uploaded.",
        file_label: "CSV or Statuspage JSON file",
        paste_hint: "Or paste a Statuspage incident history: the JSON of the page's /api/v2/incidents.json or /api/v2/scheduled-maintenances.json.",
        impact_weights: "Impact weights: the share of the service lost",
        impact_weights_hint: "Per Statuspage impact, in percent (0 to 100). Minor is degraded performance or a partial outage; an incident of impact none is kept as an outage that weighs nothing; maintenance is planned.",
        status_services: "Service ids",
        status_services_hint: "The outages of each component are recorded for the service id given here. An agreement counts only outages of its own service ids.",
        service_id_needed: "Enter the service id this component's outages are recorded for.",
        figures_zone: "Time zone of the monthly figures",
        mend_fields: "Correct the fields marked above to import.",
        listed_by_reason: "Incidents listed (not used), by reason",
    }

    fn status_too_large(&self, source: &str, size: &str, max: &str) -> String {
        format!("{source} is a Statuspage history of {size}: it is read whole, and at most {max} can be. Split it (for example incidents and scheduled maintenances apart) and import each part.")
    }

    fn status_detected(&self, page: Option<&str>, size: &str) -> String {
        match page {
            Some(page) => format!("Statuspage incident history (JSON) · page “{page}” · {size}"),
            None => format!("Statuspage incident history (JSON) · no page name · {size}"),
        }
    }

    fn status_counts(
        &self,
        incidents: &Rows,
        outages: &Count,
        planned: &Count,
        weightless: &Count,
    ) -> String {
        let Rows { read, used, skipped } = incidents;
        let noun = plural(read, "incident", "incidents");
        let outage = plural(outages, "outage", "outages");
        format!("{read} {noun}: {used} used, giving {outages} {outage} ({planned} planned, {weightless} weighing 0 %); {skipped} listed, not used.")
    }

    fn weight_label(&self, impact: Impact) -> &'static str {
        match impact {
            Impact::Critical => "Critical (%)",
            Impact::Major => "Major (%)",
            Impact::Minor => "Minor (%)",
            Impact::None => "None (%)",
            Impact::Maintenance => "Maintenance (%)",
        }
    }

    fn service_for(&self, component: &str) -> String {
        format!("Service id for “{component}”")
    }

    fn listed_caption(&self, shown: &Count, listed: &Count) -> String {
        let noun = plural(listed, "incident", "incidents");
        format!("The first {shown} of {listed} listed {noun}")
    }

    fn status_summary(
        &self,
        incidents: &Rows,
        size: &str,
        seconds: &str,
        replaced: bool,
        embedded: bool,
    ) -> String {
        let Rows { read, used, skipped } = incidents;
        let noun = plural(read, "incident", "incidents");
        let replaced = match (replaced, embedded) {
            (false, _) => "",
            (true, false) => " · replaced the records imported before",
            (true, true) => " · replaced the outages and tickets of the measurements",
        };
        format!("{read} {noun}: {used} used, {skipped} listed · {size} in {seconds} s{replaced}")
    }

    fn status_imported(&self, page: Option<&str>, outages: &Count, planned: &Count) -> String {
        let noun = plural(outages, "outage", "outages");
        match page {
            Some(page) => format!("The status page “{page}”: {outages} {noun} ({planned} planned)."),
            None => format!("The status page: {outages} {noun} ({planned} planned)."),
        }
    }

    fn services_became(&self, pairs: &[(String, String)]) -> String {
        let list = pairs
            .iter()
            .map(|(component, service)| format!("“{component}” → `{service}`"))
            .collect::<Vec<_>>()
            .join(", ");
        format!("Recorded as services: {list}.")
    }
}

translate! {
    CHARTS: Charts, ChartsMessages for English {
        no_data_yet: "No data yet.",
        budget_left_legend: "budget left",
        tip_hint: "Point at the chart, or focus it and use the arrow keys, to read each value.",
        ideal_burn_legend: "ideal burn",
        period_elapsed: "Period elapsed",
        budget_left: "Budget left",
        status_no_data: "no data",
        status_below_minimum: "below minimum",
        status_below_expected: "below expected",
        status_met: "met",
        met_expected_legend: "met expected",
        below_expected_legend: "below expected",
        period: "Period",
        value: "Value",
        status: "Status",
        off_hours: "outside service hours",
        holiday: "holiday",
        maintenance: "maintenance window",
        counted: "counted",
        not_counted: "not counted",
        outage_counted_legend: "outage, counted",
        outage_not_counted_legend: "outage, not counted",
        service: "Service",
        outage: "Outage",
        in_the_agreement: "In the agreement",
        outages_counted: "Outages counted",
        outages_not_counted: "Outages not counted",
    }

    fn burn_down_description(&self, last: &str, lowest: &str) -> String {
        format!("Budget left at the last point: {last}; lowest: {lowest}. The dashed line is the ideal burn from all of the budget at the start to none at the end.")
    }

    fn trend_description(&self, met: &Count, with_data: &Count, expected: &str) -> String {
        let noun = plural(with_data, "period", "periods");
        format!("{met} of {with_data} {noun} with data met the {expected}.")
    }

    fn trend_below_minimum(&self, below: &Count, minimum: &str) -> String {
        format!("{below} fell below the {minimum}.")
    }

    fn trend_without_data(&self, periods: &Count) -> String {
        format!("{periods} without data.")
    }

    fn timeline_table_counts(&self, title: &str, marks: &Count) -> String {
        let noun = plural(marks, "outage", "outages");
        format!("{title}: the {marks} {noun} drawn, counted per service. The chart reads out each one (focus it and use the arrow keys), and the outage table lists them.")
    }

    fn timeline_description(
        &self,
        start: &str,
        end: &str,
        rows: &Count,
        counted: &Count,
        not_counted: &Count,
    ) -> String {
        let row_noun = plural(rows, "row", "rows");
        let outage_noun = plural(counted, "outage", "outages");
        format!("{start} to {end}, {rows} {row_noun}: {counted} {outage_noun} counted, {not_counted} not counted.")
    }

    fn timeline_shaded(&self, kinds: &[&str]) -> String {
        format!("Shaded: {}.", kinds.join(", "))
    }
}

translate! {
    STRUCTURE: Structure, StructureMessages for English {
        agreement_structure: "Agreement structure",
        general: "General",
        agreements: "Agreements",
        add_agreement: "Add agreement",
        effective_targets: "Effective targets",
        edit_as_json: "Edit as JSON",
        edit_as_json_pending: "Edit as JSON (text not applied yet)",
        new_agreement_name: "New agreement",
        set_name: "Name of this set of agreements",
        description: "Description",
        currency: "Currency",
        currency_hint: "ISO 4217 code of every amount: EUR, USD, GBP",
        time_zone: "Time zone",
        file_time_zone_hint: "IANA zone in which months, quarters and years are cut, e.g. Europe/Berlin",
        provider: "Provider (the party that gives the SLAs)",
        services: "Services",
        id: "Id",
        name: "Name",
        monthly_charge: "Monthly charge",
        service_charge_hint: "the base of percentage credits, e.g. 1200.00",
        add_service: "Add service",
        new_service_name: "New service",
        customers: "Customers",
        services_used: "Services used",
        add_customer: "Add customer",
        new_customer_name: "New customer",
        suppliers: "Suppliers",
        suppliers_hint: "Internal teams (bound by OLAs) and external suppliers (bound by underpinning contracts).",
        internal_team: "Internal team (OLA)",
        add_supplier: "Add supplier",
        new_supplier_name: "New supplier",
        calendars: "Calendars",
        calendars_hint: "Service hours on a time zone's wall clock, minus holidays (whole local days) and exclusions such as maintenance windows. Targets without a calendar count every hour (24 × 7).",
        calendar_time_zone_hint: "IANA zone, e.g. Europe/Berlin",
        service_hours: "Service hours",
        service_hours_hint: "e.g. Mon-Fri 08:00-18:00; Sat 09:00-13:00, or 24x7",
        holidays: "Holidays",
        holidays_hint: "one date per line, YYYY-MM-DD",
        start: "Start",
        end: "End",
        reason: "Reason",
        add_exclusion: "Add exclusion",
        new_exclusion_reason: "maintenance",
        add_calendar: "Add calendar",
        metric_availability: "Availability (from outages)",
        metric_response_time: "Tickets responded to in time",
        metric_resolution_time: "Tickets resolved in time",
        metric_occurrences: "Good events ÷ all events",
        metric_timeslices: "Good time slices",
        metric_ratio_timeslices: "Mean ratio of time slices",
        metric_percentile: "Percentile of samples",
        metric_mean: "Mean of samples",
        metric_max: "Largest sample",
        metric_mttr: "Mean time to repair",
        metric_manual: "Value entered per period",
        credit_step: "Step schedule (tiers)",
        credit_linear: "Linear per point below",
        credit_fixed: "Fixed amount",
        credit_pool: "Share of the at-risk pool",
        trigger_below_minimum: "Critical target below minimum k of m periods",
        trigger_credits_at_cap: "Credits at the cap k of m periods",
        trigger_rolling_average_below: "Rolling average below a level",
        kind: "Kind",
        kind_sla: "SLA (to customers)",
        kind_ola: "OLA (internal team)",
        kind_uc: "Underpinning contract (supplier)",
        structure: "Structure",
        structure_service_based: "Service-based",
        structure_customer_based: "Customer-based",
        structure_multi_level: "Multi-level",
        level: "Level",
        level_corporate: "Corporate",
        level_customer: "Customer",
        level_service: "Service",
        customer: "Customer",
        service: "Service",
        supplier: "Supplier",
        agreement_charge_hint: "the base of percentage credits and caps, e.g. 100000.00",
        credit_terms: "Credit terms",
        period_cap_amount: "Cap per period: amount",
        period_cap_percent: "Cap per period: % of charges",
        year_cap_amount: "Cap per year: amount",
        year_cap_percent: "Cap per year: % of twelve charges",
        at_risk_percent: "At-risk amount: % of monthly charges",
        at_risk_hint: "the pool that pool credits share",
        earn_back: "Earn back after (periods met in a row)",
        repeat_multiplier: "Repeat miss: multiplier",
        repeat_multiplier_hint: "e.g. 2",
        repeat_after: "Repeat miss: after how many misses in a row",
        rounding: "Rounding of credits",
        rounding_half_up: "Half up (default)",
        rounding_down: "Down",
        rounding_up: "Up",
        rule: "Rule",
        target: "Target",
        over_last_periods: "Over the last periods",
        rule_level: "Level",
        k_periods: "k (periods)",
        of_m_periods: "of any m consecutive periods",
        only_these_targets: "Only these targets",
        only_these_targets_hint: "target ids, one per line; empty: the critical targets",
        add_termination: "Add termination right",
        add_target: "Add target",
        new_target_name: "New target",
        metric: "Metric",
        planned_count: "Planned outages count as downtime",
        minimum_outage: "Ignore outages shorter than",
        minimum_outage_hint: "e.g. 1m",
        round_up: "Round each outage up to",
        round_up_hint: "e.g. 5m",
        whole_periods: "Count downtime in whole periods of",
        whole_periods_hint: "e.g. 5m (per-interval error rate)",
        attribute_to_suppliers: "Attribute downtime to suppliers",
        priority: "Priority",
        priority_hint: "e.g. P1; empty: all tickets",
        within: "Within (business time)",
        within_hint: "e.g. 15m, 4h, 2d",
        series: "Series (from the measurements)",
        unit: "Unit",
        slice: "Slice",
        good_when: "A slice is good at or above (%)",
        percentile: "Percentile",
        direction: "Direction",
        at_least: "At least (higher is better)",
        at_most: "At most (lower is better)",
        expected: "Expected level",
        minimum: "Minimum level",
        minimum_hint: "below it: a serious breach (termination rights)",
        period: "Period",
        period_default: "Month (default)",
        period_month: "Month",
        period_quarter: "Quarter",
        period_year: "Year",
        period_rolling: "Rolling days",
        rolling_window: "Rolling window (days)",
        calendar: "Calendar",
        service_credit: "Service credit",
        achieved_below: "Achieved below",
        or_equal: "or equal",
        tier_credit: "Credit (% of charge)",
        add_tier: "Add tier",
        linear_below: "Below",
        linear_per: "Per percentage points",
        linear_rate: "Rate (% of charge)",
        linear_maximum: "At most (% of charge)",
        amount: "Amount",
        per: "Per",
        per_breach: "Breached period",
        per_ticket: "Breached ticket",
        allocation: "Allocation (% of the at-risk amount)",
        target_cap_amount: "Cap on this target's credit: amount",
        target_cap_percent: "Cap on this target's credit: % of charges",
        critical: "Critical (termination rights look at it)",
        excluded_periods: "Excluded periods",
        excluded_periods_hint: "one per line, e.g. 2026-03 (agreed exclusions)",
        supports: "Supports SLA targets",
        supports_hint: "agreement/target, one per line (for OLAs and UCs)",
        matrix_needs_valid_file: "Fix the errors listed above first: the matrix is worked out from a valid file.",
        matrix_hint: "Per customer and service, the targets that apply after the levels are combined: a service level overrides the customer level, which overrides the corporate level, target by target.",
        matrix_empty: "No customer uses a service covered by an SLA yet.",
        matrix_region: "Effective targets, scrollable",
        matrix_caption: "Effective targets per customer (rows) and service (columns)",
        any_customer: "(any)",
        no_targets: "no targets",
        json_heading: "The agreement file as JSON",
        json_hint: "Everything the engine models, in the documented format (docs/format.md). Apply checks the JSON; the fields' own errors then show in the editors.",
        agreement_file: "Agreement file",
        apply: "Apply",
        discard: "Discard changes",
        json_not_object: "The agreement file must be a JSON object ({ … }).",
    }

    fn services_count(&self, services: usize) -> String {
        format!("Services ({services})")
    }

    fn customers_count(&self, customers: usize) -> String {
        format!("Customers ({customers})")
    }

    fn suppliers_count(&self, suppliers: usize) -> String {
        format!("Suppliers ({suppliers})")
    }

    fn calendars_count(&self, calendars: usize) -> String {
        format!("Calendars ({calendars})")
    }

    fn outline_agreement(&self, kind: &str, level: Option<&str>, name: &str) -> String {
        let kind = kind.to_uppercase();
        match level {
            Some(level) => format!("{kind} {level} level: {name}"),
            None => format!("{kind}: {name}"),
        }
    }

    fn agreement_heading(&self, kind: &str, name: &str) -> String {
        format!("{} {name}", kind.to_uppercase())
    }

    fn service_legend(&self, id: &str) -> String {
        format!("Service {id}")
    }

    fn customer_legend(&self, id: &str) -> String {
        format!("Customer {id}")
    }

    fn supplier_legend(&self, id: &str) -> String {
        format!("Supplier {id}")
    }

    fn calendar_legend(&self, id: &str) -> String {
        format!("Calendar {id}")
    }

    fn target_legend(&self, name: &str) -> String {
        format!("Target {name}")
    }

    fn exclusions_legend(&self, exclusions: usize) -> String {
        format!("Exclusions ({exclusions})")
    }

    fn termination_legend(&self, rules: usize) -> String {
        format!("Termination rights ({rules})")
    }

    fn targets_heading(&self, targets: usize) -> String {
        format!("Targets ({targets})")
    }

    fn tiers_legend(&self, tiers: usize) -> String {
        format!("Tiers ({tiers})")
    }

    fn remove_service(&self, id: &str) -> String {
        format!("Remove service {id}")
    }

    fn remove_customer(&self, id: &str) -> String {
        format!("Remove customer {id}")
    }

    fn remove_supplier(&self, id: &str) -> String {
        format!("Remove supplier {id}")
    }

    fn remove_calendar(&self, id: &str) -> String {
        format!("Remove calendar {id}")
    }

    fn remove_exclusion(&self, number: usize) -> String {
        format!("Remove exclusion {number}")
    }

    fn remove_agreement(&self, id: &str) -> String {
        format!("Remove agreement {id}")
    }

    fn remove_rule(&self, number: usize) -> String {
        format!("Remove rule {number}")
    }

    fn remove_target(&self, name: &str) -> String {
        format!("Remove target {name}")
    }

    fn remove_tier(&self, number: usize) -> String {
        format!("Remove tier {number}")
    }

    fn pool_sum(&self, pools: &[(String, String)], sum: &str) -> String {
        let parts = pools
            .iter()
            .map(|(id, allocation)| format!("{id} {allocation} %"))
            .collect::<Vec<_>>()
            .join(" + ");
        format!("Pool allocations: {parts} = {sum} % of the at-risk amount")
    }

    fn unknown_choice(&self, stored: &str) -> String {
        format!("{stored} (unknown)")
    }

    fn json_refused(&self, problem: &str) -> String {
        format!("{problem} Nothing was changed; your text is kept here.")
    }

    fn json_syntax(&self, line: usize, column: usize, problem: &str) -> String {
        format!("Line {line}, column {column}: {problem}. Nothing was changed; your text is kept here.")
    }
}

translate! {
    INTEROP: Interop, InteropMessages for English {
        openslo_heading: "OpenSLO",
        openslo_hint: "Read SLO definitions kept for OpenSLO tools (YAML or JSON, OpenSLO v1): each objective becomes a target. Nothing changes until you choose where the targets go; whatever could not be taken over is listed with where it is in the file.",
        open_openslo_file: "Open an OpenSLO file…",
        paste_openslo: "…or paste OpenSLO YAML or JSON",
        read_pasted: "Read the pasted text",
        pasted_text: "The pasted text",
        document: "Document",
        line: "Line",
        column: "Column",
        import_as: "Import as",
        as_new_workspace: "A new workspace",
        as_targets: "Targets of an agreement of this workspace",
        workspace_name: "Name of the new workspace",
        provider: "Provider",
        currency: "Currency",
        currency_hint: "ISO 4217 code (EUR, USD…): OpenSLO has no money.",
        time_zone: "Time zone",
        zone_hint: "The IANA zone that months, quarters and years are cut in: no SLO in the file says one.",
        into_agreement: "Add to the agreement",
        no_agreements: "This workspace has no agreement yet: add one in Agreements, or import as a new workspace.",
        no_agreement_chosen: "Choose the agreement the targets go to.",
        create_workspace: "Create the workspace",
        default_workspace_name: "Imported from OpenSLO",
        name_needed: "The new workspace needs a name.",
        no_targets_found: "No target could be made from this file: the list below says why.",
        targets_caption: "Targets found",
        col_id: "Id",
        col_name: "Name",
        col_service: "Service",
        col_metric: "Metric",
        col_level: "Expected level",
        col_period: "Period",
        no_notes: "Everything in the file was taken over as it is.",
        notes_caption: "What was not taken over as it is",
        col_effect: "What happened",
        col_kind: "Kind",
        col_field: "Field",
        col_why: "Why",
        export_heading: "Download as OpenSLO",
        export_hint: "The agreements' targets as OpenSLO v1 documents (a Service per service, an SLO per target), for monitoring tools. OpenSLO has no money, service hours or contract terms: what it cannot say is listed after the download.",
        download_openslo: "Download OpenSLO (YAML)",
        export_needs_valid_file: "Fix the problems in the agreements first: only a valid agreement file can be written as OpenSLO.",
        ics_heading: "Holidays and maintenance from a calendar file (.ics)",
        ics_hint: "All-day events become holidays, timed events maintenance windows of the calendar chosen; recurring events are expanded over the dates below. Undo takes a whole import back.",
        ics_needs_calendar: "Add a calendar first: an .ics file's holidays and maintenance windows go into one.",
        ics_calendar: "Calendar",
        ics_from: "Events from",
        ics_to: "to",
        ics_range_hint: "Both days included. By default the span the workbench reports on.",
        open_ics_file: "Add from an .ics file…",
        download_ics: "Download the calendar (.ics)",
        ics_notes_caption: "What the .ics file had that was not used as it is",
        col_property: "Property",
        col_event: "Event",
        module_loading: "Loading the OpenSLO and iCalendar reader…",
    }

    fn module_unavailable(&self, why: &str) -> String {
        format!("The OpenSLO and iCalendar reader could not load ({why}); nothing was changed. Reload the workbench while online once; it then works offline too.")
    }

    fn file_too_large(&self, name: &str, megabytes: &str) -> String {
        format!("{name}: the file is larger than {megabytes} MB; nothing was changed.")
    }

    fn file_not_text(&self, name: &str) -> String {
        format!("{name}: the file is not UTF-8 text; nothing was changed.")
    }

    fn openslo_unreadable(&self, source: &str, error: &str) -> String {
        format!("{source} could not be read: {error}. Nothing was changed.")
    }

    fn document_item(&self, document: usize, item: usize) -> String {
        format!("{document}, item {item}")
    }

    fn openslo_found(&self, source: &str, targets: &Count, services: &Count, notes: &Count) -> String {
        format!(
            "{source}: {targets} {}, {services} {}; {notes} {} about what was not taken over as it is.",
            plural(targets, "target", "targets"),
            plural(services, "service", "services"),
            plural(notes, "note", "notes"),
        )
    }

    fn effect(&self, effect: Effect) -> &'static str {
        match effect {
            Effect::Refused => "refused",
            Effect::Changed => "changed",
            Effect::Ignored => "ignored",
        }
    }

    fn period(&self, period: PeriodKind) -> String {
        match period {
            PeriodKind::Month => "month".into(),
            PeriodKind::Quarter => "quarter".into(),
            PeriodKind::Year => "year".into(),
            PeriodKind::RollingDays(1) => "rolling day".into(),
            PeriodKind::RollingDays(days) => format!("rolling {days} days"),
        }
    }

    fn zone_from_file(&self, zone: &str) -> String {
        format!("The file's calendar windows are cut in {zone}: that zone is used.")
    }

    fn zone_differs(&self, file: &str, workspace: &str) -> String {
        format!("The file's calendar windows are cut in {file}; this workspace cuts its periods in {workspace}.")
    }

    fn add_targets(&self, targets: &Count) -> String {
        format!("Add {targets} {}", plural(targets, "target", "targets"))
    }

    fn opened_as_workspace(&self, source: &str, name: &str) -> String {
        format!("{source}: opened as the new workspace “{name}”; your other workspaces are unchanged.")
    }

    fn targets_added(&self, targets: &Count, agreement: &str, renamed: &[(String, String)]) -> String {
        let mut out = format!(
            "{targets} {} added to “{agreement}”; Undo takes {} back.",
            plural(targets, "target", "targets"),
            plural(targets, "it", "them"),
        );
        if !renamed.is_empty() {
            let list = renamed
                .iter()
                .map(|(from, to)| format!("{from} → {to}"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push_str(&format!(" Ids the agreement already had were renamed: {list}."));
        }
        out
    }

    fn currency_invalid(&self, currency: &str) -> String {
        format!("“{currency}” is not a currency code: write three capital letters (EUR, USD).")
    }

    fn zone_unknown(&self, zone: &str) -> String {
        format!("“{zone}” is not a time zone this browser knows: write an IANA name such as Europe/Berlin or UTC.")
    }

    fn exported(&self, name: &str, documents: &Count, notes: &Count) -> String {
        let lost = if notes.value == 0 {
            "OpenSLO can say everything the agreements hold.".to_string()
        } else {
            format!(
                "{notes} {} OpenSLO cannot say (with the place in the agreement file):",
                plural(notes, "thing", "things"),
            )
        };
        format!(
            "Downloaded {name}: {documents} OpenSLO {}. {lost}",
            plural(documents, "document", "documents"),
        )
    }

    fn ics_range_invalid(&self, problem: &str) -> String {
        format!("The dates cannot be read: {problem}. Nothing was changed.")
    }

    fn nothing_changed(&self, problem: &str) -> String {
        format!("{problem} Nothing was changed.")
    }

    fn ics_added(&self, file: &str, calendar: &str, added: &IcsAdded, from: &str, to: &str) -> String {
        let IcsAdded { holidays, windows, already } = added;
        let mut out = format!(
            "{file} ({from} to {to}): {holidays} {} and {windows} maintenance {} added to {calendar}",
            plural(holidays, "holiday", "holidays"),
            plural(windows, "window", "windows"),
        );
        if already.value > 0 {
            out.push_str(&format!(" ({already} {} already there)", plural(already, "was", "were")));
        }
        if holidays.value + windows.value > 0 {
            out.push_str("; Undo takes them back.");
        } else {
            out.push('.');
        }
        out
    }

    fn ics_zone_differs(&self, file: &str, calendar: &str) -> String {
        format!("The file was kept in {file}; this calendar's days and local times are read in {calendar}.")
    }

    fn ics_effect(&self, effect: IcsEffect) -> &'static str {
        match effect {
            IcsEffect::EventSkipped => "event skipped",
            IcsEffect::PartIgnored => "ignored",
            IcsEffect::LineSkipped => "line skipped",
            IcsEffect::Limited => "limited",
            IcsEffect::Info => "note",
        }
    }

    fn ics_windows_unreadable(&self, windows: &[usize]) -> String {
        let list = windows.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        let (noun, verb) = if windows.len() == 1 {
            ("window", "has")
        } else {
            ("windows", "have")
        };
        format!("maintenance {noun} {list} {verb} a start or end that cannot be read; fix {} first", if windows.len() == 1 { "it" } else { "them" })
    }

    fn ics_exported(&self, name: &str, holidays: &Count, windows: &Count) -> String {
        format!(
            "Downloaded {name}: {holidays} {} and {windows} maintenance {}.",
            plural(holidays, "holiday", "holidays"),
            plural(windows, "window", "windows"),
        )
    }

    fn ics_not_exported(&self, problem: &str) -> String {
        format!("The calendar was not downloaded: {problem}.")
    }
}

translate! {
    EMBED: Embed, EmbedMessages for English {
        default_heading: "Service credit calculator",
        no_terms: "No terms were given to this calculator: its address needs terms= or src=, or an allowed origin= to receive them in a message (see the embedding guide).",
        waiting: "Waiting for the terms…",
        terms_unusable: "The terms cannot be used:",
        your_month: "Your month",
        month: "Month",
        service: "Service",
        charge_hint: "Empty: the charge in the terms.",
        downtime: "Downtime",
        mode_minutes: "Total minutes of downtime",
        mode_outages: "Outages, one by one",
        minutes_label: "Minutes of downtime in the month",
        the_terms: "The terms",
        at_least: "at least",
        at_most: "at most",
        cap_nothing: "nothing",
        change_terms: "Change the terms (JSON)",
        terms_file_label: "The agreement file (docs/format.md)",
        terms_refused: "These terms were not used (the calculator keeps the previous ones):",
        use_terms: "Use these terms",
        add_outage: "Add an outage",
        result: "Result",
        correct_fields: "Correct the marked fields to see the result.",
        targets_region: "Targets of the month (scrolls sideways on a narrow screen)",
        col_target: "Target",
        col_achieved: "Achieved",
        col_expected: "Expected",
        col_status: "Status",
        col_credit: "Credit",
        result_as_text: "The result as text",
        month_needed: "Choose a month (YYYY-MM).",
        service_needed: "Choose one of the agreement's services.",
        date_time_needed: "Enter a date and time.",
        end_after_start: "The end must be after the start.",
        minutes_not_number: "Enter the minutes of downtime as a number, such as 90 or 12.5.",
        minutes_negative: "Enter zero or more minutes.",
        minutes_too_many: "More than a whole month of minutes.",
        month_out_of_range: "The month is out of range.",
    }

    fn settings_ignored(&self, count: &Count) -> String {
        format!(
            "{count} {} of this page {} ignored",
            plural(count, "setting", "settings"),
            plural(count, "was", "were")
        )
    }

    fn terms_of(&self, provider: &str) -> String {
        // A name that ends with its own full stop (`Example Cloud Inc.`)
        // ends the sentence.
        let stop = if provider.ends_with('.') { "" } else { "." };
        format!("Terms of {provider}{stop} Computed in your browser: nothing you enter leaves this page.")
    }

    fn load_failed(&self, why: &str) -> String {
        format!("The terms could not be loaded: {why}.")
    }

    fn your_charge(&self, currency: &str) -> String {
        format!("Your monthly charge ({currency})")
    }

    fn set_by(&self, provider: &str) -> String {
        format!("Set by {provider}; only your month can be changed here.")
    }

    fn promise(&self, at_most: bool, level: &str, period: PeriodKind) -> String {
        let period = match period {
            PeriodKind::Month => "per month".to_string(),
            PeriodKind::Quarter => "per quarter".to_string(),
            PeriodKind::Year => "per year".to_string(),
            PeriodKind::RollingDays(n) => format!("over the last {n} days"),
        };
        format!(": {} {level} % {period}", if at_most { "at most" } else { "at least" })
    }

    fn step_tier(&self, inclusive: bool, below: &str, credit: &str) -> String {
        format!(
            "{} {below} % → credit {credit} % of the monthly charge",
            if inclusive { "at or below" } else { "below" }
        )
    }

    fn linear_credit(&self, below: &str, rate: &str, per: &str, maximum: &str) -> String {
        format!("Below {below} %: {rate} % credit per {per} points, at most {maximum} %")
    }

    fn fixed_credit(&self, amount: &str) -> String {
        format!("A fixed credit of {amount} when missed")
    }

    fn pool_credit(&self, allocation: &str) -> String {
        format!("{allocation} % of the amount at risk when missed")
    }

    fn period_cap(&self, cap: &str) -> String {
        format!("Credits per month are capped at {cap}.")
    }

    fn cap_percent(&self, percent: &str) -> String {
        format!("{percent} % of the monthly charges")
    }

    fn times_in(&self, zone: &str) -> String {
        format!("Times in {zone}.")
    }

    fn outage_start(&self, number: usize) -> String {
        format!("Outage {number} start")
    }

    fn outage_end(&self, number: usize) -> String {
        format!("Outage {number} end")
    }

    fn remove_outage(&self, number: usize) -> String {
        format!("Remove outage {number}")
    }

    fn summary(&self, span: &str, status: &str, credit: &str) -> String {
        format!("{span}: {status}. Credit: {credit}.")
    }

    fn nothing_to_report(&self, span: &str) -> String {
        format!("{span}: nothing to report.")
    }

    fn targets_caption(&self, span: &str) -> String {
        format!("Targets in {span}")
    }

    fn why(&self, name: &str) -> String {
        format!("Why: {name}")
    }

    fn budget(&self, allowed: &str, used: &str, left: &str) -> String {
        format!("Error budget: {allowed} allowed, {used} used, {left} left.")
    }

    fn charge_unreadable(&self, currency: &str, why: &str) -> String {
        format!("Not an amount in {currency}: {why}")
    }

    fn more_than_month(&self, minutes: i64) -> String {
        format!("More than the whole month ({minutes} minutes).")
    }

    fn too_many_outages(&self, most: usize) -> String {
        format!("At most {most} outages can be entered here.")
    }
}

translate! {
    SITE: Site, SiteMessages for English {
        title: "SLA calculator",
        tagline: "Availability targets, allowed downtime, service hours and composites: computed in your browser, nothing leaves the page.",
        nav_label: "Screens",
        nav_quick: "Quick calculator",
        nav_workbench: "Agreement workbench",
        nav_compare: "Compare vendor SLAs",
        workbench_heading: "Agreement workbench",
        workbench_footer: "Works offline once loaded. Workspaces are kept in this browser only; export a file or a link to keep or share one.",
        import_loading: "Loading the import…",
        quick_footer: "Works offline once loaded. The link in the address bar holds everything you entered: copy it to share this view.",
        targets_title: "Allowed downtime for a target",
        reverse_title: "Availability from downtime",
        hours_title: "Service hours",
        composite_title: "Composite availability",
        import_title: "Import measurements",
    }

    fn import_unavailable(&self, why: &str) -> String {
        format!("The import could not load ({why}). Reload the page while online once; it then works offline too.")
    }
}

translate! {
    COMPARE: Compare, CompareMessages for English {
        page_title: "Compare vendor SLAs",
        page_intro: "Enter your outage log once and see what each vendor's SLA makes of it: the monthly uptime under the vendor's own definition, the credit tier, the credit on your bill and the last day to claim it. Then get the text of the claim. Everything is computed in your browser: nothing leaves the page.",
        footer: "Works offline once loaded. What you enter is kept in this browser only. The presets are transcriptions of the vendors' published terms: compare with the live terms before filing a claim.",
        log_title: "1. Your outage log",
        log_mode: "How you enter the log",
        mode_csv: "CSV file or text",
        mode_table: "Outages typed in a table",
        file_label: "Upload a CSV file",
        file_hint: "The file is read in your browser, never sent anywhere; its text appears below, where it can be edited.",
        file_reading: "Reading the file…",
        csv_label: "Or paste the CSV here",
        csv_hint: "A header row, then one outage per row. Columns: start and end (required; 2026-07-03T10:00:20Z, or 2026-07-03 10:00:20 read as UTC), scope (region, zone or instance), zone, instance, error_rate (e.g. 30 for 30 %), excluded (outside_control, customer_caused, suspension, pre_ga, quota, scheduled_maintenance), description.",
        csv_placeholder: "start,end,scope,zone,instance,error_rate,excluded,description",
        log_empty: "No outages yet: upload or paste a log, or type the outages in the table.",
        log_unreadable: "✗ The log cannot be read: fix the problem below.",
        problems_label: "Problems in the log",
        rows_hint: "Times in UTC unless they carry an offset (2026-07-03T12:00:20+02:00). Enter moves to the next outage; a new one is added at the end.",
        rows_caption: "Outages",
        add_row: "Add an outage",
        remove: "Remove",
        col_start: "Start",
        col_end: "End",
        col_scope: "Scope",
        col_zone: "Zone",
        col_instance: "Instance",
        col_error_rate: "Error rate (%)",
        col_excluded: "Excluded as",
        col_description: "Description",
        scope_region: "region (the whole service)",
        scope_zone: "one zone",
        scope_instance: "one instance",
        not_excluded: "not excluded",
        request_title: "2. Month, bill and deployment",
        month_label: "Month",
        month_hint: "The calendar month to evaluate, counted in UTC (the vendors' texts name no time zone).",
        bill_label: "Monthly bill",
        bill_hint: "What the vendor charged for the service that month, e.g. 1000.00; empty: credits as percentages only.",
        currency_label: "Currency",
        currency_hint: "Three letters, e.g. USD, EUR, GBP.",
        zones_label: "Zones (optional)",
        zones_hint: "Your deployment's zones, separated by commas. Multi-zone SLAs count a zone outage only while every one of them is down; without them, the zones named in the log are used.",
        instance_label: "Instance (optional)",
        instance_hint: "The instance single-instance SLAs evaluate; without it, every instance in the log counts.",
        presets_title: "3. Vendor SLAs to compare",
        source_prefix: "Source: ",
        note_prefix: "Note: ",
        results_title: "Side by side",
        example_note: "An example until you enter your own: the ten outages of examples/vendor-outages-2026-07.csv in July 2026, a bill of $1,000.00, and three SLAs. Paste or upload your log (1) and pick the SLAs you buy (3) to see yours.",
        pick_some: "Pick one or more SLAs (3. Vendor SLAs to compare) to compare them.",
        fix_inputs: "Fix the month, the bill or the currency (2.) to see the comparison.",
        fix_log: "The outage log cannot be read: fix the problem shown under it to see the comparison.",
        th_preset: "SLA",
        th_uptime: "Monthly uptime (its own definition)",
        th_commitment: "Commitment",
        th_status: "Status",
        th_tier: "Credit tier",
        th_credit: "Credit",
        th_deadline: "Claim by",
        th_records: "Outages",
        status_met: "✓ met",
        status_missed: "✗ missed",
        no_tier: "none reached",
        no_credit: "none",
        no_deadline: "no incident to claim for",
        why_link: "Why?",
        differences_title: "Why the figures differ",
        differences_none: "Every SLA picked counts this log the same way.",
        differences_one: "Pick a second SLA to see how their figures differ.",
        explained_title: "Each figure explained",
        definition_prefix: "The vendor's definition: ",
        downtime_prefix: "Downtime: ",
        formula_prefix: "Formula: ",
        here_prefix: "Here: ",
        convention_prefix: "Convention: ",
        steps_title: "Step by step",
        th_record: "Outage",
        th_when: "When",
        th_counted: "Counted?",
        th_why: "Why",
        counted: "✓ counted",
        left_out: "✗ left out",
        tier_prefix: "Tier: ",
        credit_prefix: "Credit: ",
        deadline_prefix: "Deadline: ",
        download_csv: "Download the comparison (CSV)",
        download_text: "Download the comparison (text)",
        claim_title: "4. Claim a credit",
        claim_needs_comparison: "Pick SLAs and enter the month above: the claim is written for one of the SLAs compared.",
        claim_preset_label: "Claim under",
        subject_prefix: "Subject: ",
        claim_text_label: "The claim, ready to paste into a support case",
        copy: "Copy the claim text",
        copied: "✓ The claim text is copied.",
        copy_selected: "The browser did not let the page copy: the text is selected, press Ctrl+C (⌘C on a Mac) to copy it.",
        download_claim_text: "Download the claim (.txt)",
        download_claim_csv: "Download the claim's table (.csv)",
        claim_table_caption: "The claim's incidents (the .csv has the month's figures on every row)",
        no_incidents: "No incident counted under this SLA's definition.",
    }

    fn file_too_large(&self, name: &str, megabytes: usize) -> String {
        format!("{name} is larger than {megabytes} MB: split the log by month.")
    }

    fn file_unreadable(&self, name: &str, why: &str) -> String {
        format!("{name} could not be read: {why}.")
    }

    fn read_from_file(&self, name: &str) -> String {
        format!("Read from the file {name}; a change made here changes only this copy.")
    }

    fn log_read(&self, outages: &Count) -> String {
        format!("✓ {outages} {} read.", plural(outages, "outage", "outages"))
    }

    fn log_read_with_problems(&self, read: &Count, rows: &Count, problems: &Count) -> String {
        format!(
            "⚠ {read} of {rows} {} read; {problems} {} left out, {}:",
            plural(rows, "row", "rows"),
            plural(problems, "row", "rows"),
            plural(
                problems,
                "because of this problem",
                "because of these problems"
            )
        )
    }

    fn more_in_downloads(&self, more: &Count) -> String {
        format!("… and {more} more in the downloads.")
    }

    fn more_problems(&self, more: &Count) -> String {
        format!("… and {more} more {}.", plural(more, "problem", "problems"))
    }

    fn problem_at(&self, line: usize, column: Option<&str>, field: Option<&str>) -> String {
        let mut out = format!("Line {line}");
        if let Some(column) = column {
            out.push_str(&format!(", column {column}"));
        }
        match field {
            Some("") => out.push_str(", empty field"),
            Some(field) => out.push_str(&format!(", field “{field}”")),
            None => {}
        }
        out
    }

    fn problem_in_row(&self, row: usize, column: Option<&str>) -> String {
        match column {
            Some(column) => format!("Outage {row}, {column}"),
            None => format!("Outage {row}"),
        }
    }

    fn cell_label(&self, column: &str, row: usize) -> String {
        format!("Outage {row}: {column}")
    }

    fn remove_row(&self, row: usize) -> String {
        format!("Remove outage {row}")
    }

    fn picked(&self, picked: &Count) -> String {
        if picked.value == 0 {
            "None picked yet.".into()
        } else {
            format!("{picked} picked.")
        }
    }

    fn preset_label(&self, name: &str, commitment: &str) -> String {
        format!("{name} ({commitment})")
    }

    fn terms_of(&self, date: &str, version: &str) -> String {
        format!("Terms of {date} ({version}).")
    }

    fn checks_summary(&self, transcribed_on: &str) -> String {
        format!("Transcribed on {transcribed_on}: what each part was checked against")
    }

    fn storage_not_kept(&self, why: &str) -> String {
        format!("What you enter cannot be kept in this browser ({why}): it stays while this page is open. Download the comparison or the claim to keep them.")
    }

    fn storage_log_not_kept(&self, why: &str) -> String {
        format!("Your outage log is too large to be kept in this browser ({why}): the rest of what you entered is kept, the log only while this page is open. Keep the file to load it again.")
    }

    fn storage_unreadable(&self, why: &str, key: &str) -> String {
        format!("What this page kept in your browser could not be read ({why}); it was set aside under “{key}”, and the page starts afresh.")
    }

    fn refused(&self, why: &str) -> String {
        format!("The comparison cannot be made: {why}.")
    }

    fn summary(
        &self,
        presets: &Count,
        month: &str,
        outages: &Count,
        missed: &Count,
        due: &Count,
    ) -> String {
        format!(
            "{presets} {} compared for {month} on {outages} {}: {missed} missed {} commitment, {due} {} due.",
            plural(presets, "SLA", "SLAs"),
            plural(outages, "outage", "outages"),
            plural(missed, "its", "their"),
            plural(due, "credit", "credits")
        )
    }

    fn table_caption(&self, month: &str, zone: &str) -> String {
        format!("Each SLA's figures for {month} (the month counted in {zone}), each under its own definition")
    }

    fn downtime_of(&self, down: &str, total: &str) -> String {
        format!("downtime: {down} of {total}")
    }

    fn tier(&self, number: usize, text: &str) -> String {
        format!("Tier {number}: {text}")
    }

    fn credit_amount(&self, share: &str, amount: &str) -> String {
        format!("{share}: {amount}")
    }

    fn credit_capped(&self, share: &str, payable: &str, raw: &str) -> String {
        format!("{share}: {payable} (capped; {raw} before the cap)")
    }

    fn credit_below_minimum(&self, share: &str, raw: &str) -> String {
        format!("{share}: {raw}, not issued (at or below the vendor's minimum credit)")
    }

    fn credit_without_bill(&self, share: &str) -> String {
        format!("{share} of the monthly bill")
    }

    fn days_left(&self, days: i64) -> String {
        match days {
            1 => "1 day left".into(),
            0 => "⚠ today is the last day".into(),
            -1 => "✗ passed yesterday".into(),
            d if d > 1 => format!("{d} days left"),
            d => format!("✗ passed {} days ago", d.unsigned_abs()),
        }
    }

    fn records_counted(&self, counted: &Count, left_out: &Count) -> String {
        format!("{counted} counted, {left_out} left out.")
    }

    fn why_summary(&self, name: &str, uptime: &str, credit: &str) -> String {
        format!("{name}: {uptime} uptime; credit {credit}")
    }

    fn records_caption(&self, name: &str, counted: &Count, left_out: &Count) -> String {
        format!("What {name} made of each outage: {counted} counted, {left_out} left out")
    }

    fn record_number(&self, number: usize, line: usize) -> String {
        if line == 0 {
            format!("#{number}")
        } else {
            format!("#{number} (line {line})")
        }
    }

    fn claim_due(&self, credit: &str, deadline: &str, left: &str) -> String {
        format!("✓ A credit is due ({credit}). Claim it by {deadline} ({left}).")
    }

    fn claim_not_due(&self, credit: &str) -> String {
        format!("No credit is due under this SLA for the month (credit: {credit}): the text below records the incidents; it does not ask for a credit.")
    }
}

translate! {
    STATUSES: Statuses, StatusesMessages for English {
        met: "met",
        missed: "missed",
        below_minimum: "below minimum",
        excluded: "excluded",
        no_data: "no data",
    }
}

translate! {
    REPORT: Report, ReportMessages for English {
        show_period: "Show period",
        all_periods: "All periods",
        alignment_warnings: "Alignment warnings",
        verdicts_heading: "The source system's own verdicts",
        targets_title: "Targets",
        targets_region: "Targets, scrollable",
        targets_caption: "Each target's value for the period; open “why” for the formula, the numbers put into it and the convention.",
        col_target: "Target",
        col_period: "Period",
        col_achieved: "Achieved",
        col_expected: "Expected / minimum",
        col_status: "Status",
        col_margin: "Margin",
        col_budget_left: "Error budget left",
        col_next_tier: "Next credit tier",
        col_credit: "Credit",
        why: "why",
        earned_back: "earned back",
        not_counted_prefix: "Not counted: ",
        by_supplier_prefix: "By supplier: ",
        error_budget_prefix: "Error budget: ",
        col_charges: "Charges",
        col_at_risk: "At risk",
        col_before_caps: "Credits before caps",
        col_period_cap: "Period cap",
        col_paid: "Paid",
        col_earned_back: "Earned back",
        col_net: "Net",
        at_cap: "(at cap)",
        how_totals: "How the totals were worked out",
        termination_rights: "Termination rights",
        triggered_prefix: "‼ TRIGGERED: ",
        not_triggered_prefix: "not triggered: ",
        charts_title: "Charts",
        burn_pick_period: "Show one period to see how its error budget burned down.",
        trends_hint: "Report more than one month (e.g. 2026-01..2026-12) to see trends and credits per month.",
        no_data: "no data",
        what_if: "What if…",
        what_if_hint: "Adds to the last month of the report, without saving anything: one outage of the given length starting at 10:00 on the first weekday from the 15th (local time of the agreements), and tickets created then that are answered and resolved 20 days later (so they breach every time target).",
        extra_downtime_on: "Extra downtime on",
        choose_service: "(choose a service)",
        minutes: "Minutes",
        minutes_exact: "Minutes of extra downtime, exact",
        breached_priority: "Breached tickets of priority",
        any_priority: "(any)",
        breached_tickets: "Number of breached tickets",
        reset_what_if: "Reset what-if",
        kpi_label: "The period at a glance",
        kpi_targets: "Targets met",
        kpi_credits: "Service credits paid to customers",
        kpi_budget: "Least error budget left",
        kpi_risk: "Termination risk",
        kpi_all_met: "✓ all met",
        kpi_none: "none",
        kpi_triggered: "‼ triggered",
        kpi_no_budget: "No availability target has an error budget in this period.",
        kpi_no_rights: "The agreements give no termination rights.",
        kpi_no_targets: "no target is measured in this period",
        no_targets_yet: "Nothing to report yet: this workspace has no target. Add an agreement and its targets in Agreements, then outages or tickets in Measurements; or start from a template (Workspace menu).",
    }

    fn summary(&self, period: &str, summary: &ReportSummary) -> String {
        let ReportSummary { targets, met, missed, below_minimum, no_data, before_caps, paid, net, terminations } = summary;
        let targets_word = plural(targets, "target", "targets");
        let terminations = if terminations.value == 0 {
            "no termination right triggered".to_string()
        } else {
            let rights = plural(terminations, "termination right", "termination rights");
            format!("{terminations} {rights} TRIGGERED")
        };
        format!("{period}: {targets} {targets_word} · {met} met · {missed} missed · {below_minimum} below minimum · {no_data} no data · SLA credits before caps {before_caps} · paid {paid} · net of earn-back {net} · {terminations}")
    }

    fn meta(&self, name: &str, span: &str, currency: &str, zone: &str) -> String {
        format!("{name} · {span} · amounts in {currency}, periods cut in {zone}")
    }

    fn target_meta(&self, kind: &str, agreement: &str, metric: &str, critical: bool) -> String {
        if critical {
            format!("{kind} {agreement} · {metric} · critical")
        } else {
            format!("{kind} {agreement} · {metric}")
        }
    }

    fn why_label(&self, target: &str, period: &str) -> String {
        format!("Why: explanation of {target}, {period}")
    }

    fn budget_left(&self, left: &str, allowed: &str) -> String {
        format!("{left} of {allowed}")
    }

    fn paid(&self, paid: &str) -> String {
        format!(" (paid {paid})")
    }

    fn provenance(&self, provenance: &str, start: &str, end: &str, services: &str) -> String {
        format!("{provenance} · {start} to {end} · {services}")
    }

    fn supplier_share(&self, supplier: &str, downtime: &str, credit: &str) -> String {
        format!("{supplier}: downtime {downtime}, credit {credit}")
    }

    fn budget_line(&self, allowed: &str, used: &str, left: &str, burn_rate: Option<&str>) -> String {
        match burn_rate {
            Some(rate) => format!("allowed {allowed}, used {used}, left {left}, burn rate {rate}"),
            None => format!("allowed {allowed}, used {used}, left {left}"),
        }
    }

    fn skipped_records(&self, records: &Count) -> String {
        let things = plural(records, "measurement record", "measurement records");
        format!("{records} {things} could not be used")
    }

    fn group_heading(&self, agreement: &str) -> String {
        format!("Credits and rights: {agreement}")
    }

    fn monthly_charge(&self, amount: &str) -> String {
        format!("Monthly charge {amount}")
    }

    fn credits_region(&self, agreement: &str) -> String {
        format!("Credits of {agreement}, scrollable")
    }

    fn credits_caption(&self, agreement: &str, currency: &str) -> String {
        format!("Service credits of {agreement} in {currency}, after caps, the at-risk pool and earn-back")
    }

    fn in_periods(&self, periods: &str) -> String {
        format!(" (periods {periods})")
    }

    fn burn_hint(&self, most: usize) -> String {
        format!("The availability targets that used the largest share of their error budget, at most {most}.")
    }

    fn burn_target(&self, name: &str, qualifier: &str) -> String {
        format!("{name} ({qualifier})")
    }

    fn burn_title(&self, target: &str, period: &str) -> String {
        format!("Error budget left, {target}, {period}")
    }

    fn no_downtime_allowed(&self, title: &str, note: &str) -> String {
        format!("{title}: no downtime allowed. {note}")
    }

    fn burn_note(&self, allowed: &str, period: &str, left: &str, steps: &Count) -> String {
        let steps = match steps.value {
            0 => "no outage counted, so the line stays flat".to_string(),
            1 => "the one step down is an outage".to_string(),
            _ => format!("each of the {steps} steps down is an outage"),
        };
        format!("Starts at the {allowed} of downtime allowed in {period}, ends at {left} left; {steps}, as the engine counted it (service hours, planned outages, impact and rounding applied).")
    }

    fn kpi_count(&self, part: &Count, whole: &Count) -> String {
        format!("{part} of {whole}")
    }

    fn kpi_missed(&self, missed: &Count, below_minimum: &Count) -> String {
        match (missed.value, below_minimum.value) {
            (_, 0) => format!("✗ {missed} missed"),
            (0, _) => format!("‼ {below_minimum} below minimum"),
            _ => format!("✗ {missed} missed, ‼ {below_minimum} below minimum"),
        }
    }

    fn kpi_no_data(&self, targets: &Count) -> String {
        format!("{targets} without data")
    }

    fn kpi_credits_note(&self, before_caps: &str, net: &str) -> String {
        format!("{before_caps} before caps · {net} net of earn-back")
    }

    fn kpi_budget_note(&self, target: &str, period: &str, share: &str, allowed: &str) -> String {
        format!("{share} of the {allowed} allowed · {target}, {period}")
    }

    fn kpi_right(&self, rule: &str, standing: &str) -> String {
        format!("{rule}: {standing}")
    }

    fn credits_chart(&self, currency: &str) -> String {
        format!("Credits paid per period ({currency})")
    }

    fn trend_title(&self, name: &str) -> String {
        format!("{name} per period")
    }

    fn expected(&self, value: &str) -> String {
        format!("expected {value}")
    }

    fn minimum(&self, value: &str) -> String {
        format!("minimum {value}")
    }

    fn what_if_on(&self, downtime: Option<(&Count, &str)>, tickets: Option<(&Count, &str)>) -> String {
        let downtime = downtime
            .map(|(minutes, service)| format!("+{minutes} min downtime on {service}"))
            .unwrap_or_default();
        let tickets = tickets
            .map(|(tickets, priority)| {
                let word = plural(tickets, "ticket", "tickets");
                if priority.is_empty() {
                    format!(" +{tickets} breached {word}")
                } else {
                    format!(" +{tickets} breached {priority} {word}")
                }
            })
            .unwrap_or_default();
        format!("What-if on: {downtime}{tickets} — not saved. ")
    }
}

translate! {
    WORKBENCH: Workbench, WorkbenchMessages for English {
        toolbar_label: "Workspace",
        workspace: "Workspace",
        name: "Name",
        span_label: "Report on",
        workspace_menu: "Workspace",
        templates_title: "Start from a template",
        templates_hint: "Each is a worked example with a month or more of measurements: pick one to see its report, then change it or start from a blank workspace (Workspace menu).",
        hide_templates: "Hide the templates",
        span_hint: "A month (2026-03), quarter (2026-Q1), year (2026), months (2026-01..2026-06) or days (2026-03-01..2026-03-15).",
        undo: "Undo",
        redo: "Redo",
        new_from: "New workspace from",
        blank_template: "Blank (build from scratch)",
        create: "Create",
        export_json: "Export workspace (JSON)",
        open_file: "Open a file…",
        openslo_toggle: "OpenSLO import / export",
        share_link: "Share link",
        results_csv: "Results (CSV)",
        print: "Print / Save as PDF",
        confirm_deletion: "Confirm deletion",
        delete: "Delete",
        keep: "Keep",
        delete_workspace: "Delete workspace…",
        share_url_label: "Share link (the workspace is inside the link; it is never sent to a server)",
        views_label: "Workbench views",
        tab_agreements: "Agreements",
        tab_measurements: "Measurements",
        tab_report: "Report",
        tab_plan: "Plan",
        loading_simulator: "Loading the target advisor and the contract simulator…",
        no_problems: "No problems found in the agreements.",
        problem_list: "Every problem and warning, with where it is",
        the_file: "the file",
        saved: "All changes saved in this browser.",
        saving: "Saving…",
        leave_unsaved: "The open workspace is not saved in this browser: export it first (Export workspace), or do the same again to leave it anyway, losing its unsaved changes.",
        template_opening: "Opening the template…",
        workspace_gone: "That workspace is no longer in this browser's storage.",
        zone_unknown: "The time zone of the agreements is unknown.",
        storage_blocked: "This browser does not let the page store data here (private mode or a third-party frame): export the workspace as a file to keep it.",
        stored_damaged: "its stored parts do not match its record: the browser's storage was changed or damaged",
        stored_newer: "it was saved by a newer version of this app",
        loading_editor: "Loading the workbench's editors…",
        history_cut: "Undo goes back as far as the last measurement edit before the editors loaded.",
    }

    fn agreements_have_problems(&self, problems: &Count) -> String {
        if problems.value == 1 {
            format!("The agreements have {problems} problem: fix it (marked on its field) to see the report.")
        } else {
            format!("The agreements have {problems} problems: fix them (marked on their field) to see the report.")
        }
    }

    fn zone_not_known(&self, zone: &str) -> String {
        format!("\"{zone}\" is not a time zone this browser knows.")
    }

    fn span_unreadable(&self, span: &str, problem: &str) -> String {
        format!("The period “{span}” cannot be read: {problem}. Write 2026-03, 2026-Q1, 2026 or 2026-01..2026-06.")
    }

    fn span_too_long(&self, span: &str, months: i64, most: i64) -> String {
        format!("The period “{span}” covers {months} months; a report covers at most {most} (ten years).")
    }

    fn at_in_zone(&self, at: &str, zone: &str) -> String {
        format!("{at} ({zone})")
    }

    fn evaluated(&self, at: &str) -> String {
        format!("Evaluated at {at}: the end of the span, or now while the span is not over. Tickets still open then count their time up to it.")
    }

    fn simulator_not_loaded(&self, problem: &str) -> String {
        format!("The target advisor and the contract simulator could not be loaded ({problem}). Reload the page to try again.")
    }

    fn editor_not_loaded(&self, problem: &str) -> String {
        format!("The workbench's editors could not be loaded ({problem}). The report is still here; reload the page to try again once the connection is back (export the workspace first if it holds changes this browser could not save).")
    }

    fn not_carried(&self, problem: &str) -> String {
        format!("The workbench's state could not be carried over to its editors ({problem}): they opened on what this browser has saved, which may not hold the last changes.")
    }

    fn history_not_carried(&self, problem: &str) -> String {
        format!("The undo steps could not be carried over to the editors ({problem}): undo starts again from here.")
    }

    fn last_unreadable(&self, problem: &str) -> String {
        format!("The workspace saved last could not be read ({problem}); it is kept in storage unchanged. Opened a template instead.")
    }

    fn not_saved(&self, problem: &str) -> String {
        format!("Not saved: {problem} Export the workspace as a file to keep it.")
    }

    fn shared_opened(&self, name: &str) -> String {
        format!("Opened the shared workspace “{name}” as a new workspace; your other workspaces are unchanged.")
    }

    fn share_not_opened(&self, problem: &str) -> String {
        format!("The share link could not be opened: {problem} Nothing was changed.")
    }

    fn workspace_unreadable(&self, problem: &str) -> String {
        format!("That workspace could not be read: {problem}")
    }

    fn created(&self, name: &str) -> String {
        format!("Created the workspace “{name}”.")
    }

    fn template_not_loaded(&self, problem: &str) -> String {
        format!("The template could not be opened: {problem}. Your workspace is unchanged.")
    }

    fn deleted(&self, name: &str) -> String {
        format!("Deleted the workspace “{name}”.")
    }

    fn file_too_large(&self, file: &str, megabytes: usize) -> String {
        format!("{file}: the file is larger than {megabytes} MB; nothing was changed.")
    }

    fn file_not_text(&self, file: &str) -> String {
        format!("{file}: the file is not UTF-8 text; nothing was changed.")
    }

    fn file_unreadable(&self, file: &str, problem: &str) -> String {
        format!("{file}: {problem} Nothing was changed.")
    }

    fn measurements_replaced(&self, file: &str, records: &Count) -> String {
        let things = plural(records, "outage or ticket", "outages and tickets");
        format!("{file}: measurements replaced ({records} {things}); undo brings the previous ones back.")
    }

    fn opened_as(&self, file: &str, name: &str) -> String {
        format!("{file}: opened as the new workspace “{name}”.")
    }

    fn not_opened(&self, file: &str, problem: &str) -> String {
        format!("{file} was not opened: {problem} Nothing was changed.")
    }

    fn share_chars(&self, chars: &Count) -> String {
        let things = plural(chars, "character", "characters");
        format!("{chars} {things}")
    }

    fn confirm_delete(&self, name: &str) -> String {
        format!("Delete “{name}” from this browser? ")
    }

    fn problem_summary(&self, problems: &Count, warnings: &Count) -> String {
        let problems_word = plural(problems, "problem", "problems");
        let warnings_word = plural(warnings, "alignment warning", "alignment warnings");
        format!("{problems} {problems_word} and {warnings} {warnings_word} in the agreements (listed below and on their fields).")
    }

    fn error_at(&self, at: &str, message: &str) -> String {
        format!("Error at {at}: {message}")
    }

    fn warning_at(&self, at: &str, message: &str) -> String {
        format!("Warning at {at}: {message}")
    }

    fn autosave_failed(&self, megabytes: &str) -> String {
        format!("Autosave failed: the workspace is {megabytes} MB, more than this browser keeps for a page; edits stay in this tab.")
    }

    fn unreadable_workspace(&self, id: &str) -> String {
        format!("Unreadable workspace {id}")
    }

    fn storage_refused(&self, problem: &str) -> String {
        format!("the browser's storage refused the workspace ({problem}); edits stay in this tab.")
    }

    fn not_deleted(&self, name: &str, problem: &str) -> String {
        format!("The workspace “{name}” was not deleted: {problem}")
    }

    fn not_moved(&self, problem: &str) -> String {
        format!("Some workspaces saved by an earlier version could not be moved to this browser's database and are not listed yet; they are kept where they were and moved at the next visit. ({problem})")
    }
}

translate! {
    SHARE: Share, ShareMessages for English {
        cut_short: "The share link is damaged: its end is cut off. Copy the whole link again.",
        not_compressed: "The share link's data is not valid compressed data: the link was changed or cut short. Copy the whole link again.",
        not_text: "The workspace in this link is not text: the link was changed or not made by this calculator.",
        unsupported: "This browser cannot make or open share links (it lacks CompressionStream). Update the browser, or share the workspace as a file.",
        compression_failed: "The browser could not compress this workspace. Export it as a file instead.",
    }

    fn too_large(&self, chars: &str, limit: &str) -> String {
        format!("This workspace is too large for a link ({chars} characters; the limit is {limit}). Export it as a file instead.")
    }

    fn workspace_too_large(&self, size: &str, limit: &str) -> String {
        format!("This workspace is too large for a link ({size}; the limit is {limit}). Export it as a file instead.")
    }

    fn not_a_share_link(&self, prefix: &str) -> String {
        format!("This is not a share link: a share link contains “#{prefix}” followed by its data.")
    }

    fn empty(&self, prefix: &str) -> String {
        format!("The share link is incomplete: nothing follows “{prefix}”. Copy the whole link again.")
    }

    fn bad_character(&self, position: usize, character: char) -> String {
        format!("The share link is damaged: character {position} ({character:?}) is not allowed. Copy the whole link again.")
    }

    fn newer_format(&self, format: char) -> String {
        format!("The share link was made by a newer version (format {format}). Reload the page to get the newest version, then open the link again.")
    }

    fn workspace_in_link_too_large(&self, limit: &str) -> String {
        format!("The workspace in this link is larger than {limit}, more than a link may carry. It was not opened.")
    }
}

/// What one record of a table is called: "Delete outage 3".
fn record_name(table: Table) -> &'static str {
    match table {
        Table::Outages => "outage",
        Table::Tickets => "ticket",
        Table::Manual => "manual value",
        Table::Events => "event count",
        Table::Samples => "sample",
    }
}

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

translate! {
    MEASUREMENTS: Measurements, MeasurementsMessages for English {
        zone_label: "Time zone of times written without an offset",
        col_row: "Row",
        col_notes: "Notes",
        col_delete: "Delete",
        delete: "Delete",
        discard: "Discard",
        previous: "Previous",
        next: "Next",
        new_row: "new",
        no_rows: "no rows",
        col_service: "Service",
        col_start: "Start",
        col_end: "End",
        col_impact: "Impact %",
        col_planned: "Planned",
        col_supplier: "Supplier",
        col_cause: "Cause",
        col_id: "Id",
        col_priority: "Priority",
        col_opened: "Opened",
        col_first_response: "First response",
        col_resolved: "Resolved",
        col_pauses: "Pauses (start..end; …)",
        col_target: "Target",
        col_period: "Period",
        col_value: "Value",
        col_series: "Series",
        col_at: "At",
        col_good: "Good",
        col_total: "Total",
        empty_time: "it is empty; write a time such as 2026-03-02T14:05 (local) or 2026-03-02T13:05:00Z",
        advice_service: "write the id of a service",
        advice_ticket_id: "write the ticket's number or key",
        advice_priority: "write its priority as the targets name it, e.g. P1",
        advice_target: "write agreement-id/target-id",
        advice_series: "write the series name the targets measure",
        advice_period: "write a month (2026-02), a quarter (2026-Q1) or a year (2026)",
        ends_before_start: "It ends before it starts: the report skips it.",
        response_before_opened: "Its first response is before it was opened.",
        resolved_before_opened: "It is resolved before it was opened.",
        timeline_pending: "Drawing the timeline…",
        import_title: "Upload or paste a CSV export",
        import_hint: "Imported outages and tickets are added to the tables above (or replace them, if you choose so), as one step the workbench can undo.",
        import_loading: "Loading the import…",
        timeline_empty: "No services and no outages in the span yet.",
        timeline_hint: "Hatched: time that is not agreed service time (outside service hours, holidays, maintenance windows), from the calendar of each service's availability target. Solid: an outage that counts; outlined: one that does not (planned, too short, no impact, or outside service time), as the report's rules decide. Minimum downtime periods and rounding are applied in the report, not drawn.",
        outside_service_time: "outside service time",
        no_availability_target: "no availability target for this service",
        agreements_not_valid: "the agreements are not valid yet",
        shade_off_hours: "the hours outside service",
        shade_holidays: "the holidays",
        shade_maintenance: "the maintenance windows",
    }

    fn title(&self, table: Table) -> &'static str {
        match table {
            Table::Outages => "Outages",
            Table::Tickets => "Tickets",
            Table::Manual => "Manual values",
            Table::Events => "Event counts",
            Table::Samples => "Samples",
        }
    }

    fn caption(&self, table: Table) -> &'static str {
        match table {
            Table::Outages => "Times as 2026-03-02T14:05 (local time in the zone above) or with an offset (2026-03-02T13:05:00Z, …+01:00); impact in percent, empty for a full outage. A cell is saved when you leave it or press Enter.",
            Table::Tickets => "Times as 2026-03-02T14:05 (local time in the zone above) or with an offset; first response and resolution may stay empty (still open). Pauses stop the clock: start..end, several separated by `;`. A cell is saved when you leave it or press Enter.",
            Table::Manual => "A value entered by hand per target and period (2026-02, 2026-Q1, 2026); percentages in percent (98.5). A cell is saved when you leave it or press Enter.",
            Table::Events => "Good and total events of a series (for occurrence and time-slice targets), counted at a time or for the slice starting then. A cell is saved when you leave it or press Enter.",
            Table::Samples => "One measured value of a series (for percentile, mean and largest-value targets), in the unit of its target. A cell is saved when you leave it or press Enter.",
        }
    }

    fn heading(&self, table: Table, rows: &Count) -> String {
        format!("{} ({rows})", self.title(table))
    }

    fn skip_table(&self, table: Table) -> String {
        format!("Skip past the {} table", self.title(table).to_lowercase())
    }

    fn pages_of(&self, table: Table) -> String {
        format!("Pages of {}", self.title(table).to_lowercase())
    }

    fn previous_rows(&self, table: Table, rows: usize) -> String {
        format!("Previous {rows} {}", self.title(table).to_lowercase())
    }

    fn next_rows(&self, table: Table, rows: usize) -> String {
        format!("Next {rows} {}", self.title(table).to_lowercase())
    }

    fn rows_shown(&self, first: &str, last: &str, total: &str) -> String {
        format!("rows {first}–{last} of {total}")
    }

    fn scrollable(&self, table: Table) -> String {
        format!("{}, scrollable", self.title(table))
    }

    fn add_row(&self, table: Table) -> String {
        format!("Add {}", record_name(table))
    }

    fn cell_label(&self, table: Table, row: usize, column: &str) -> String {
        format!("{} {row} {column}", capitalised(record_name(table)))
    }

    fn new_cell_label(&self, table: Table, column: &str) -> String {
        format!("New {} {column}", record_name(table))
    }

    fn delete_row(&self, table: Table, row: usize) -> String {
        format!("Delete {} {row}", record_name(table))
    }

    fn discard_new(&self, table: Table) -> String {
        format!("Discard the new {}", record_name(table))
    }

    fn fill_in(&self, table: Table, columns: &[&str]) -> String {
        format!("Fill in {} to add this {}.", columns.join(", "), record_name(table))
    }

    fn cell_error(&self, column: &str, problem: &str) -> String {
        format!("{column}: {problem}")
    }

    fn empty(&self, advice: &str) -> String {
        format!("it is empty; {advice}")
    }

    fn pause_without_dots(&self, number: usize, typed: &str) -> String {
        format!("pause {number} `{typed}` has no `..`; write each pause as start..end, separated by `;`")
    }

    fn pause_problem(&self, number: usize, problem: &str) -> String {
        format!("pause {number}: {problem}")
    }

    fn not_a_period(&self, typed: &str) -> String {
        format!("`{typed}` is not a period; {}", MEASUREMENTS.advice_period)
    }

    fn not_a_target(&self, typed: &str) -> String {
        format!("`{typed}` is not agreement-id/target-id, e.g. sla-desk/satisfaction")
    }

    fn not_a_whole_number(&self, typed: &str) -> String {
        format!("`{typed}` is not a whole number of events")
    }

    fn unknown_service(&self, service: &str) -> String {
        format!("The agreements have no service `{service}`: no target counts this record.")
    }

    fn unknown_manual_target(&self, target: &str, known: &[String]) -> String {
        if known.is_empty() {
            format!("The agreements have no manual target `{target}` (they have none).")
        } else {
            format!(
                "The agreements have no manual target `{target}` (they have {}).",
                known.join(", ")
            )
        }
    }

    fn reopened(&self, times: &Count) -> String {
        let word = plural(times, "time", "times");
        format!("Reopened {times} {word}: kept as in the file.")
    }

    fn more_good_than_total(&self, good: &str, total: &str) -> String {
        format!("More good events ({good}) than events in all ({total}): the engine skips this record.")
    }

    fn zone_hint(&self, zone: &str) -> String {
        format!("Empty: the agreements' zone, {zone}. An IANA name (Europe/Berlin) or an offset (+01:00).")
    }

    fn zone_error(&self, problem: &str) -> String {
        format!("Time zone: {problem}")
    }

    fn zone_not_known(&self, typed: &str) -> String {
        format!("`{typed}` is not a time zone this browser knows; write an IANA name such as Europe/Berlin or an offset such as +01:00")
    }

    fn import_unavailable(&self, why: &str) -> String {
        format!("The import could not load ({why}). Reload the workbench while online once; it then works offline too. Until then, `sla import <file> --time-zone <zone> -o measurements.json` turns a CSV export or a Statuspage history into a measurement file, which \"Open a file…\" in the Workspace menu adds to this workspace.")
    }

    fn import_unreadable(&self, problem: &str) -> String {
        format!("The import could not be taken into the workspace ({problem}); nothing was changed.")
    }

    fn timeline_heading(&self, span: &str) -> String {
        format!("Outages over {span}")
    }

    fn timeline_title(&self, span: &str) -> String {
        format!("Outages per service, {span}")
    }

    fn span_unreadable(&self, span: &str, problem: &str) -> String {
        format!("`{span}`: {problem}")
    }

    fn span_out_of_range(&self, span: &str) -> String {
        format!("`{span}` is out of range")
    }

    fn span_empty(&self, span: &str) -> String {
        format!("`{span}` is empty")
    }

    fn no_timeline(&self, problem: &str) -> String {
        format!("No timeline: the span {problem}.")
    }

    fn row_not_shaded(&self, service: &str, why: &str) -> String {
        format!("{service}: {why}, so no outage counts and nothing is shaded.")
    }

    fn calendar(&self, id: &str, hours: &str, zone: &str) -> String {
        format!("calendar `{id}` ({hours}, {zone})")
    }

    fn calendar_not_found(&self, id: &str, zone: &str) -> String {
        format!("calendar `{id}` (not found: 24×7 in {zone})")
    }

    fn always(&self, zone: &str) -> String {
        format!("24×7 in {zone}")
    }

    fn row_shaded(&self, service: &str, calendar: &str, target: &str, left_out: &[&str]) -> String {
        if left_out.is_empty() {
            format!("{service}: service time of {calendar}, from target `{target}`.")
        } else {
            format!(
                "{service}: service time of {calendar}, from target `{target}`; {} not shaded (too many to draw over this span: choose a shorter span).",
                left_out.join(" and ")
            )
        }
    }

    fn services_not_drawn(&self, services: &Count) -> String {
        if services.value == 1 {
            format!("{services} more service is not drawn.")
        } else {
            format!("{services} more services are not drawn.")
        }
    }

    fn outages_not_drawn(&self, outages: &Count, most: usize) -> String {
        if outages.value == 1 {
            format!("{outages} outage is not drawn: at most {most} per service.")
        } else {
            format!("{outages} outages are not drawn: at most {most} per service.")
        }
    }

    fn outage_mark(&self, number: usize, start: &str, end: &str, length: &str, not_counted: Option<&str>) -> String {
        match not_counted {
            None => format!("Outage {number}: {start} – {end} ({length}), counted"),
            Some(why) => format!("Outage {number}: {start} – {end} ({length}), not counted: {why}"),
        }
    }
}

/// `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

translate! {
    WORKSPACE_FILE: WorkspaceFile, WorkspaceFileMessages for English {
        imported_name: "Imported agreements",
        not_an_object: "a workspace file is a JSON object.",
        nothing_to_join: "a measurement file needs a workspace to join: open or create one first.",
    }

    fn not_json(&self, line: usize, column: usize, problem: &str) -> String {
        format!("line {line}, column {column}: this is not JSON ({problem}).")
    }

    fn no_version(&self, version: u32) -> String {
        format!("version: missing or not a whole number; write \"version\": {version}.")
    }

    fn newer_version(&self, saved: u64, reads: u32) -> String {
        format!("this workspace was saved by a newer version (version {saved}); this app reads version {reads}.")
    }

    fn no_format(&self, workspace: &str, agreements: &str, measurements: &str) -> String {
        format!("the file has no \"format\": expected \"{workspace}\", \"{agreements}\" or \"{measurements}\".")
    }

    fn unknown_format(&self, format: &str) -> String {
        format!("format: \"{format}\" is not a workspace, agreement or measurement file.")
    }

    fn unknown_field(&self, key: &str, fields: &[&str]) -> String {
        format!("{key}: unknown field; a workspace has {}.", and_list(fields))
    }

    fn not_a_text(&self, key: &str, found: &str) -> String {
        format!("{key}: expected a text, found {found}.")
    }

    fn missing(&self, key: &str) -> String {
        format!("{key}: missing.")
    }

    fn not_agreements(&self, format: &str) -> String {
        format!("agreements.format: expected \"{format}\".")
    }

    fn not_a_list(&self, key: &str) -> String {
        format!("{key}: expected a list.")
    }
}

translate! {
    TEMPLATES: Templates, TemplatesMessages for English {
        cloud_sla: "Cloud IaaS SLA with step credits",
        cloud_sla_description: "Region-level monthly uptime of a compute service, step credits, a month of outages.",
        service_desk: "IT service desk SLA (P1–P4)",
        service_desk_description: "Response and resolution times per priority on business hours with UK holidays, a month of tickets.",
        outsourcing: "Outsourcing contract with an at-risk amount",
        outsourcing_description: "At-risk pool with allocations, earn-back and a termination right for repeated critical misses; half a year of data.",
        multi_level: "Multi-level SLA (corporate / customer / service)",
        multi_level_description: "Two departments and three services; the effective target per department and service comes from the most specific level.",
        multi_supplier: "Multi-supplier end-to-end service with two UCs",
        multi_supplier_description: "An online shop's end-to-end SLA backed by two underpinning contracts (carrier and cloud), with each supplier's share of a miss.",
        service_based: "Service-based SLA",
        service_based_description: "An e-mail service for every customer, with the OLA and UC behind it, a month of outages.",
        customer_based: "Customer-based SLA",
        customer_based_description: "The finance department and every service it uses, with an OLA, a month of outages.",
        blank_name: "New agreement",
    }
}

translate! {
    SIMULATOR: Simulator, SimulatorMessages for English {
        heading: "Contract simulator",
        intro: "Draws many contract years from a failure model per service and settles each with this workspace's agreements: their calendars, credit terms and termination rights. The same seed gives the same figures here and on the command line (sla simulate).",
        run_legend: "The run",
        start_label: "Contract year from",
        start_hint: "The first month, YYYY-MM; the year runs twelve months from it.",
        years_label: "Contract years",
        years_hint: "Replications, 1 to 1,000,000; the standard error falls with √years.",
        seed_label: "Seed",
        seed_hint: "A whole number: the same seed draws the same years.",
        models_legend: "Failure model per service",
        models_hint: "Durations such as 30d, 12h 30m or 45m. Up times are exponential with mean MTBF and repairs exponential with mean MTTR, each service independent of the others.",
        no_services: "No availability target to simulate: the simulator draws outages of the services of availability targets.",
        service: "Service",
        mtbf: "Mean time between failures (MTBF)",
        mttr: "Mean time to repair (MTTR)",
        model_unavailability: "Unavailability MTTR ÷ (MTBF + MTTR)",
        run: "Run",
        cancel: "Cancel",
        progress_label: "Contract years simulated",
        worker_stopped: "the simulation stopped without a result",
        targets_heading: "Availability per target",
        target: "Target",
        level: "Level",
        periods: "Periods a year",
        yearly_availability: "Yearly availability (mean ± standard error)",
        percentiles: "Percentiles (nearest rank)",
        missed_per_year: "Periods missed a year (mean ± standard error)",
        any_missed: "Years with a period missed",
        agreements_heading: "Credits and termination rights per agreement",
        agreement: "Agreement",
        credits_mean: "Credits a year, after caps and earn-back (mean ± standard error)",
        no_credit: "Years without a credit",
        rights: "Termination rights: years triggered",
        no_rights: "none in the agreement",
        histogram_of: "Histogram of",
        bin_from: "From",
        years_in_bin: "Years",
        model_note: "Each contract year starts in the model's steady state and is settled with no history before it: a repeat miss, an earn-back or a termination right does not reach into the year before. ± is the Monte Carlo standard error. Method and limits: docs/simulator.md.",
        download_csv: "Download every year (CSV)",
        history_label: "History to fit from",
        history_hint: "A span of this workspace's measurements, e.g. 2025 or 2025-01..2025-06.",
        fit: "Fit from the measurements",
        fitting: "Fitting the models from the measurements…",
    }

    fn agreements_invalid(&self, why: &str) -> String {
        format!("The agreements cannot be simulated until they are valid: {why}")
    }

    fn fitted(&self, services: &Count, history: &str) -> String {
        let noun = plural(services, "service's model", "services' models");
        format!("{services} {noun} fitted from the unplanned outages of {history}: MTTR is the mean down time, MTBF the mean time up between them (as sla simulate --history fits them).")
    }

    fn fitted_service(&self, service: &str, outages: &Count, mtbf: &str, mttr: &str) -> String {
        let noun = plural(outages, "down time", "down times");
        format!("{service}: {outages} {noun}, MTBF about {mtbf}, MTTR about {mttr} (exact in the fields, in place of what was typed).")
    }

    fn not_fitted(&self, service: &str, why: &str) -> String {
        format!("{service} not fitted: {why}; its model stays as typed.")
    }

    fn fit_failed(&self, why: &str) -> String {
        format!("The models could not be fitted: {why}")
    }

    fn start_invalid(&self, text: &str) -> String {
        format!("`{text}` is not a month: write YYYY-MM, e.g. 2027-01.")
    }

    fn years_invalid(&self, text: &str) -> String {
        format!("`{text}` is not a number of years from 1 to 1,000,000.")
    }

    fn seed_invalid(&self, text: &str) -> String {
        format!("`{text}` is not a whole number from 0 to 18,446,744,073,709,551,615.")
    }

    fn span_invalid(&self, text: &str, why: &str) -> String {
        format!("`{text}` is not a duration: {why}")
    }

    fn span_not_positive(&self, text: &str) -> String {
        format!("`{text}` is no time at all: a mean must be longer than zero.")
    }

    fn mtbf_of(&self, service: &str) -> String {
        format!("MTBF of {service}")
    }

    fn mttr_of(&self, service: &str) -> String {
        format!("MTTR of {service}")
    }

    fn progress(&self, done: &Count, years: &Count) -> String {
        format!("{done} of {years} contract years simulated…")
    }

    fn running(&self, years: &Count) -> String {
        let noun = plural(years, "contract year", "contract years");
        format!("Simulating {years} {noun}…")
    }

    fn left(&self, done: &Count, years: &Count) -> String {
        format!("The run stopped when the view was left, after {done} of {years} contract years; run it again for its figures.")
    }

    fn cancelled(&self, done: &Count, years: &Count) -> String {
        format!("Cancelled after {done} of {years} contract years; no figures are shown for a part of a run.")
    }

    fn failed(&self, why: &str) -> String {
        format!("The simulation could not run: {why}")
    }

    fn done(&self, years: &Count, seed: &str) -> String {
        let noun = plural(years, "contract year", "contract years");
        format!("{years} {noun} simulated, seed {seed}.")
    }

    fn group_not_simulated(&self, targets: &str) -> String {
        format!("Not simulated, so paying no credit here and not counted by a right: {targets}.")
    }

    fn not_simulated(&self, targets: &Count) -> String {
        let noun = plural(targets, "target", "targets");
        format!("{targets} {noun} not simulated, and why")
    }

    fn histogram_availability(&self, target: &str) -> String {
        format!("Yearly availability of {target}")
    }

    fn histogram_credits(&self, agreement: &str) -> String {
        format!("Credits a year of {agreement}")
    }

    fn histogram_availability_title(&self, target: &str) -> String {
        format!("Contract years by yearly availability of {target} (bars from the lowest to the highest, in %)")
    }

    fn histogram_credits_title(&self, agreement: &str, currency: &str) -> String {
        format!("Contract years by credits of {agreement} (bars from the lowest to the highest, in {currency})")
    }
}

translate! {
    ADVISOR: Advisor, AdvisorMessages for English {
        heading: "Target advisor",
        intro: "Which level could these agreements have promised, and what would it have cost? For each availability and response- or resolution-time target, every candidate level is tried over a history of this workspace's measurements under the agreement's own terms: availability at 99, 99.5, 99.8, 99.9, 99.95, 99.99, 99.999 % and the agreement's level, times at the agreement's × 0.5, 1, 1.5 and 2. The same figures as the command line (sla advise).",
        legend: "The history and the questions",
        history_label: "History",
        history_hint: "A span of this workspace's measurements: 2025, 2025-01..2025-06, 2025-Q3.",
        k_label: "Met in at least (k)",
        k_hint: "The strictest level met in at least k of the last n periods counted.",
        n_label: "Of the last (n) periods",
        n_hint: "Periods counted: met, missed or below minimum (excluded ones and those without data are left out).",
        limit_hint: "Optional: the strictest level whose credits over the history stay at or under this amount.",
        run: "Advise",
        cancel: "Cancel",
        running: "Working out every candidate level: each is a whole report of the history…",
        cancelled: "Cancelled; no figures are shown for a part of the targets.",
        left: "The advice stopped when the view was left; run it again for its figures.",
        progress_label: "Targets advised on",
        summary_heading: "Per target",
        summary_hint: "Margins in percentage points, a shortfall rounded up and a surplus down: never shown better than they are. In brackets after the level met in k of n: that level against the agreement's.",
        target: "Target",
        current: "The agreement's level",
        met_at_current: "Periods met at it",
        worst_margin: "Margin in the worst period",
        under_head: "Strictest level within the credits",
        no_level_within: "none: even the loosest candidate costs more",
        none: "none",
        candidates_of: "Candidate levels of",
        candidate: "Candidate",
        met: "Periods met",
        worst_period: "Worst period",
        budget_used: "Error budget used",
        credits: "Credits over the history",
        agreements_own: "(the agreement's own)",
        level_axis: "Level (%)",
        time_axis: "Time",
        nothing_advised: "No availability or response- or resolution-time target to advise on.",
        assumptions_heading: "How these figures are worked out",
        method_note: "The history is the past: the advice says what a level would have given, not what it will (the contract simulator below is for the future). Method and limits: docs/advisor.md.",
        download_csv: "Download the table (CSV, with these assumptions)",
    }

    fn agreements_invalid(&self, why: &str) -> String {
        format!("The agreements cannot be advised on until they are valid: {why}")
    }

    fn history_invalid(&self, text: &str, why: &str) -> String {
        format!("`{text}` is not a span: {why}")
    }

    fn k_invalid(&self, text: &str) -> String {
        format!("`{text}` is not a count of periods from 1 to n.")
    }

    fn n_invalid(&self, text: &str) -> String {
        format!("`{text}` is not a count of periods from 1 to 1,200.")
    }

    fn limit_invalid(&self, text: &str, why: &str) -> String {
        format!("`{text}` is not an amount: {why}")
    }

    fn limit_negative(&self, text: &str) -> String {
        format!("`{text}` is below zero: credits are never negative.")
    }

    fn limit_label(&self, currency: &str) -> String {
        format!("Credits at most ({currency})")
    }

    fn failed(&self, why: &str) -> String {
        format!("The advice could not be worked out: {why}")
    }

    fn done(&self, targets: &Count, history: &str) -> String {
        let noun = plural(targets, "target", "targets");
        format!("{targets} {noun} advised on over {history}.")
    }

    fn progress(&self, done: &Count) -> String {
        let noun = plural(done, "target", "targets");
        format!("{done} {noun} done")
    }

    fn met_of(&self, met: &Count, periods: &Count) -> String {
        format!("{met} of {periods}")
    }

    fn left_out(&self, periods: &Count) -> String {
        format!("({periods} left out)")
    }

    fn k_of_n_head(&self, k: usize, n: usize) -> String {
        format!("Strictest level met in {k} of the last {n}")
    }

    fn under_limit_head(&self, limit: &str) -> String {
        format!("Strictest level with credits at most {limit}")
    }

    fn not_advised(&self, targets: &Count) -> String {
        let noun = plural(targets, "target", "targets");
        format!("{targets} {noun} not advised on, and why")
    }

    fn candidates_caption(&self, key: &str, name: &str) -> String {
        format!("{key} ({name}): each candidate over the history")
    }

    fn too_few(&self, counted: &Count) -> String {
        let noun = plural(counted, "period", "periods");
        format!("none: only {counted} {noun} counted")
    }

    fn met_chart(&self, key: &str) -> String {
        format!("Periods met at each candidate of {key}")
    }

    fn credits_chart(&self, key: &str, currency: &str) -> String {
        format!("Credits ({currency}) at each candidate of {key}")
    }
}

translate! {
    REQUIREMENTS: Requirements, RequirementsMessages for English {
        heading: "Requirements against capability",
        intro: "What the customer asked for (the service level requirements) beside what the OLAs and UCs behind the SLA deliver together, exactly: by a service's dependencies when given, otherwise every supporting agreement in series. Each edit here is an edit of the agreements, undone with Undo. The same figures as the command line (sla requirements).",
        target: "SLA target",
        expected: "Level asked for (%)",
        within: "Time asked for",
        note: "Where it comes from",
        remove: "Remove",
        add: "Add a requirement",
        no_sla_targets: "No SLA target is of this service: a requirement is asked of one.",
        dependencies_label: "Depends on",
        dependencies_hint: "OLA and UC availability targets (agreement/target) and services (service:id) in serial(…), parallel(…) or 2of3(…), nested; e.g. serial(ops-ola/availability, parallel(host-a/availability, host-b/availability), service:db). Empty: every supporting agreement in series.",
        nothing_supports: "Nothing supports it: no dependencies and no OLA or UC availability target.",
        nothing_supports_time: "No OLA or UC time target supports this target.",
        would_close: "What would close it:",
        exposure_heading: "Back-to-back exposure",
        exposure_intro: "For each SLA backed by UCs, per period of the workspace's span and from its measurements: the credits the SLA pays against those its UCs give back, and where the difference comes from (the same figures as sla exposure).",
        exposing: "Working out the report of the span…",
        period: "Period",
        pays: "The SLA pays",
        recovers: "The UCs give back",
        left: "Left with us",
        from: "Where it comes from",
        method_note: "Components fail independently of each other; promised levels, not measured ones. Method and limits: docs/requirements.md.",
    }

    fn of_row(&self, control: &str, n: usize, service: &str) -> String {
        format!("{control}, requirement {n} of {service}")
    }

    fn requirements_caption(&self, service: &str) -> String {
        format!("What the customer asked of {service}")
    }

    fn level_invalid(&self, text: &str, why: &str) -> String {
        format!("`{text}` is not a level: {why}")
    }

    fn time_invalid(&self, text: &str, why: &str) -> String {
        format!("`{text}` is not a duration: {why}")
    }

    fn check_head(&self, target: &str, expected: &str, within: &str, promised: &str) -> String {
        if within.is_empty() {
            format!("{target}: {expected} % asked, {promised} % promised")
        } else {
            format!("{target}: {expected} % within {within} asked, {promised} % promised")
        }
    }

    fn supplied(&self, value: &str, basis: &str) -> String {
        format!("The suppliers deliver {value} % ({basis}).")
    }

    fn gap(&self, points: &str, met: bool) -> String {
        if met {
            format!("Gap {points} pp: the requirement is met.")
        } else {
            format!("Gap {points} pp: the requirement is not met.")
        }
    }

    fn time_support(&self, target: &str, share: &str, within: &str, covers: bool) -> String {
        let verdict = if covers { "covers it" } else { "does not cover it" };
        format!("{target} promises {share} % within {within}: {verdict}")
    }

    fn not_compared(&self, why: &str) -> String {
        format!("Not compared: {why}")
    }

    fn exposure_run(&self, span: &str) -> String {
        format!("Work out the exposure over {span}")
    }

    fn exposed(&self, slas: usize, span: &str) -> String {
        match slas {
            0 => format!("No SLA is backed by a UC in {span}: a UC target supports an SLA target, or is in its service's dependencies."),
            1 => format!("1 SLA backed by UCs, over {span}."),
            n => format!("{n} SLAs backed by UCs, over {span}."),
        }
    }

    fn exposure_failed(&self, why: &str) -> String {
        format!("The exposure could not be worked out: {why}")
    }

    fn exposure_caption(&self, sla: &str, ucs: &str) -> String {
        format!("{sla}, backed by {ucs}")
    }
}
