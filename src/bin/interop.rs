//! The workbench's OpenSLO and iCalendar module (`interop.html`), which the
//! workbench loads the first time the user reads or writes one of these
//! files (`sla_app::interop`). Its `main` only registers the browser's time
//! zones: the readers resolve the zones that files and calendars name.

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    sla_app::browser::zone::install();
}

/// An OpenSLO file read: `sla_app::interop::OpenSloRead` as JSON.
#[wasm_bindgen]
pub fn openslo_import(text: &str) -> String {
    sla_app::interop::openslo_import_json(text)
}

/// The agreement file an OpenSLO import makes, as JSON.
#[wasm_bindgen]
pub fn openslo_agreement_file(imported: &str, defaults: &str) -> String {
    sla_app::interop::openslo_agreement_file_json(imported, defaults)
}

/// An agreement file (JSON) as OpenSLO, with what OpenSLO cannot say.
#[wasm_bindgen]
pub fn openslo_export(file: &str) -> String {
    sla_app::interop::openslo_export_json(file)
}

/// Whether two dates make a range for an `.ics` import.
#[wasm_bindgen]
pub fn ics_range(from: &str, to: &str) -> String {
    sla_app::interop::ics_range_json(from, to)
}

/// An `.ics` file read over a range and added to a calendar (JSON).
#[wasm_bindgen]
pub fn ics_import(content: &str, from: &str, to: &str, calendar: &str) -> String {
    sla_app::interop::ics_import_json(content, from, to, calendar)
}

/// A calendar (JSON) as an `.ics` file.
#[wasm_bindgen]
pub fn ics_export(calendar: &str, now_ms: f64) -> String {
    sla_app::interop::ics_export_json(calendar, now_ms)
}
