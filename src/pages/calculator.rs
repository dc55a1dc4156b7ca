//! The quick calculator's page ([`App`], `index.html`): targets, reverse,
//! service hours, composites and room for the import module, its state kept
//! in the URL fragment so that a link reproduces it. Old links to the
//! workbench (`#workbench`, `#workspace=…`) are sent on to `workbench.html`
//! with their fragment.

use yew::prelude::*;

use crate::browser;
use crate::browser::share::PREFIX as SHARE_PREFIX;
use crate::components::composite::Composite;
use crate::components::downtime_table::DowntimeTable;
use crate::components::notices::Notices;
use crate::components::reverse::Reverse;
use crate::components::service_hours::ServiceHours;
use crate::components::site_header::{Page, SiteHeader};
use crate::components::targets::Targets;
use crate::state::calculator::quick::{QuickAction, QuickState};
use crate::state::calculator::url;

/// Where the calculator's import module mounts its panel.
pub const IMPORT_ROOT: &str = "import-root";

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The fragment to start from; `None` reads the page's own URL. Tests pass one.
    #[prop_or_default]
    pub fragment: Option<String>,
    /// The current month (`YYYY-MM`) for the defaults; `None` reads the clock.
    #[prop_or_default]
    pub month: Option<String>,
}

/// Whether a fragment of the calculator's page belongs to the workbench: the
/// old `#workbench` view and share links. The calculator's page sends these
/// on to [`WORKBENCH_PAGE`](crate::components::site_header::WORKBENCH_PAGE), so links made before the split keep working.
pub fn is_workbench_fragment(fragment: &str) -> bool {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment == "workbench" || fragment.starts_with(SHARE_PREFIX)
}

/// The quick calculator's page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let initial = {
        let fragment = props.fragment.clone();
        let month = props.month.clone();
        use_memo((), move |_| {
            let fragment = fragment.unwrap_or_else(browser::read_fragment);
            let month = month.unwrap_or_else(browser::current_month);
            let defaults = QuickState::defaults(&month);
            let own = if is_workbench_fragment(&fragment) {
                ""
            } else {
                fragment.as_str()
            };
            url::from_fragment(own, &defaults)
        })
    };
    let state = {
        let initial = initial.clone();
        use_reducer(move || initial.0.clone())
    };
    let notices = {
        let initial = initial.clone();
        use_state(move || initial.1.clone())
    };
    let reads_own_url = props.fragment.is_none();
    use_effect_with(state.clone(), move |state| {
        if reads_own_url {
            browser::write_fragment(&url::to_fragment(state));
        }
    });

    let dispatch = {
        let state = state.clone();
        Callback::from(move |action| state.dispatch(action))
    };
    let ondismiss = {
        let notices = notices.clone();
        Callback::from(move |()| notices.set(Vec::new()))
    };
    let current: std::rc::Rc<QuickState> = std::rc::Rc::new((*state).clone());

    // The sections below the first one, in a task after it: the first
    // result shows at the end of a shorter task (on a phone, the page's
    // longest while loading).
    let below = use_state(|| false);
    {
        let below = below.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                browser::yield_now().await;
                below.set(true);
            });
        });
    }
    // The import module, once those are drawn: after the first result, not
    // before it.
    let import_status = use_state(|| None::<String>);
    {
        let import_status = import_status.clone();
        use_effect_with(*below, move |below| {
            if *below {
                wasm_bindgen_futures::spawn_local(async move {
                    browser::after_paint().await;
                    if let Err(message) = browser::load_lazy("import-panel").await {
                        import_status.set(Some(
                            crate::i18n::texts().site().import_unavailable(&message),
                        ));
                    }
                });
            }
        });
    }
    let t = crate::i18n::texts().site();
    html! {
        <>
            <SiteHeader page={Page::Quick} />
            <main id="main">
                <Notices notices={(*notices).clone()} {ondismiss} />
                <section aria-labelledby="targets-title">
                    <h2 id="targets-title">{t.targets_title}</h2>
                    <Targets state={current.clone()}
                        on_set_target={dispatch.reform(|(i, text)| QuickAction::SetTarget(i, text))}
                        on_add_target={dispatch.reform(QuickAction::AddTarget)}
                        on_remove_target={dispatch.reform(QuickAction::RemoveTarget)}
                        on_set_month={dispatch.reform(QuickAction::SetMonth)} />
                    <DowntimeTable state={current.clone()} />
                </section>
                if *below {
                <section aria-labelledby="reverse-title">
                    <h2 id="reverse-title">{t.reverse_title}</h2>
                    <Reverse state={current.clone()}
                        on_set_downtime={dispatch.reform(QuickAction::SetDowntime)}
                        on_set_period={dispatch.reform(QuickAction::SetReversePeriod)}
                        on_set_in_hours={dispatch.reform(QuickAction::SetReverseInHours)} />
                </section>
                <section aria-labelledby="hours-title">
                    <h2 id="hours-title">{t.hours_title}</h2>
                    <ServiceHours state={current.clone()}
                        on_set_hours={dispatch.reform(|(i, text)| QuickAction::SetHours(i, text))}
                        on_set_all_hours={dispatch.reform(QuickAction::SetAllHours)} />
                </section>
                <section aria-labelledby="composite-title">
                    <h2 id="composite-title">{t.composite_title}</h2>
                    <Composite state={current}
                        on_set_mode={dispatch.reform(QuickAction::SetCompositeMode)}
                        on_set_k={dispatch.reform(QuickAction::SetCompositeK)}
                        on_set_part={dispatch.reform(|(i, text)| QuickAction::SetPart(i, text))}
                        on_add_part={dispatch.reform(|()| QuickAction::AddPart)}
                        on_remove_part={dispatch.reform(QuickAction::RemovePart)} />
                </section>
                <section aria-labelledby="import-title">
                    <h2 id="import-title">{t.import_title}</h2>
                    // Filled by the import module (`import-panel.html`),
                    // loaded once the figures above show; until then (or if
                    // it cannot load) this says so. The module replaces
                    // the note; a later render of this page changes a
                    // detached note, which nothing shows.
                    <div id={IMPORT_ROOT}>
                        <p class="loading" role="status" id="import-loading">
                            {(*import_status).clone().unwrap_or_else(|| t.import_loading.to_string())}
                        </p>
                    </div>
                </section>
                }
            </main>
            <footer class="site no-print">
                <p>{t.quick_footer}</p>
            </footer>
        </>
    }
}
