//! The screen: two views, the quick availability calculator (its state kept
//! in the URL fragment so that a link reproduces the view) and the agreement
//! workbench (`#workbench`; a share link `#workspace=…` opens there).

use yew::prelude::*;

use crate::browser::share::PREFIX as SHARE_PREFIX;
use crate::components::composite::Composite;
use crate::components::downtime_table::DowntimeTable;
use crate::components::import::Import;
use crate::components::notices::Notices;
use crate::components::reverse::Reverse;
use crate::components::service_hours::ServiceHours;
use crate::components::targets::Targets;
use crate::components::workbench::Workbench;
use crate::state::quick::QuickState;
use crate::state::url;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The fragment to start from; `None` reads the page's own URL. Tests pass one.
    #[prop_or_default]
    pub fragment: Option<String>,
    /// The current month (`YYYY-MM`) for the defaults; `None` reads the clock.
    #[prop_or_default]
    pub month: Option<String>,
}

/// Which screen is shown.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum View {
    Quick,
    Workbench,
}

/// The fragment that selects the workbench.
const WORKBENCH_FRAGMENT: &str = "workbench";
/// Where the last view is remembered (a visit without a fragment returns to it).
const VIEW_KEY: &str = "sla.view";

/// The view a fragment asks for: the workbench for `#workbench` and share
/// links, the calculator for its own state, else the view used last.
pub fn view_for(fragment: &str, remembered: Option<&str>) -> View {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let asked = fragment == WORKBENCH_FRAGMENT || fragment.starts_with(SHARE_PREFIX);
    let last = fragment.is_empty() && remembered == Some(WORKBENCH_FRAGMENT);
    if asked || last {
        View::Workbench
    } else {
        View::Quick
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let fragment = {
        let fragment = props.fragment.clone();
        use_memo((), move |_| fragment.unwrap_or_else(read_fragment))
    };
    let initial = {
        let fragment = fragment.clone();
        let month = props.month.clone();
        use_memo((), move |_| {
            let month = month.unwrap_or_else(current_month);
            let defaults = QuickState::defaults(&month);
            let quick = if view_for(&fragment, None) == View::Quick {
                fragment.as_str()
            } else {
                ""
            };
            url::from_fragment(quick, &defaults)
        })
    };
    let view = {
        let fragment = fragment.clone();
        use_state(move || view_for(&fragment, crate::browser::load(VIEW_KEY).as_deref()))
    };
    let shared = use_state({
        let fragment = fragment.clone();
        move || {
            let f = fragment.strip_prefix('#').unwrap_or(&fragment);
            f.starts_with(SHARE_PREFIX).then(|| f.to_string())
        }
    });
    let state = {
        let initial = initial.clone();
        use_reducer(move || initial.0.clone())
    };
    let notices = {
        let initial = initial.clone();
        use_state(move || initial.1.clone())
    };
    // A share link pasted into the address bar of an open page only changes
    // the fragment: open it too.
    {
        let view = view.clone();
        let shared = shared.clone();
        let listen = props.fragment.is_none();
        use_effect_with((), move |_| {
            let window = web_sys::window().filter(|_| listen);
            let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                let fragment = read_fragment();
                let fragment = fragment.strip_prefix('#').unwrap_or(&fragment);
                if fragment.starts_with(SHARE_PREFIX) {
                    view.set(View::Workbench);
                    shared.set(Some(fragment.to_string()));
                }
            });
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
                );
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
                    );
                }
                drop(listener);
            }
        });
    }
    let reads_own_url = props.fragment.is_none();
    use_effect_with(
        (state.clone(), *view, shared.is_some()),
        move |(state, view, sharing)| {
            if reads_own_url && !sharing {
                match view {
                    View::Quick => write_fragment(&url::to_fragment(state)),
                    View::Workbench => write_fragment(WORKBENCH_FRAGMENT),
                }
            }
        },
    );
    let show = |v: View| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            crate::browser::save(
                VIEW_KEY,
                if v == View::Workbench {
                    WORKBENCH_FRAGMENT
                } else {
                    "quick"
                },
            );
            view.set(v);
        })
    };
    let on_shared_opened = {
        let shared = shared.clone();
        Callback::from(move |()| shared.set(None))
    };
    let month = props.month.clone().unwrap_or_else(current_month);

    let dispatch = {
        let state = state.clone();
        Callback::from(move |action| state.dispatch(action))
    };
    let ondismiss = {
        let notices = notices.clone();
        Callback::from(move |()| notices.set(Vec::new()))
    };
    let current: std::rc::Rc<QuickState> = std::rc::Rc::new((*state).clone());

    html! {
        <>
            <header class="site">
                <h1>{"SLA calculator"}</h1>
                <p class="tagline">{"Availability targets, allowed downtime, service hours and composites: computed in your browser, nothing leaves the page."}</p>
                <nav class="views no-print" aria-label="Screens">
                    <button type="button" id="view-quick" aria-current={(*view == View::Quick).then_some("page")} onclick={show(View::Quick)}>{"Quick calculator"}</button>
                    <button type="button" id="view-workbench" aria-current={(*view == View::Workbench).then_some("page")} onclick={show(View::Workbench)}>{"Agreement workbench"}</button>
                </nav>
            </header>
            if *view == View::Workbench {
                <main id="main" class="wide">
                    <h2 class="visually-hidden">{"Agreement workbench"}</h2>
                    <Workbench {month} shared={(*shared).clone()} {on_shared_opened} />
                </main>
            } else {
            <main id="main">
                <Notices notices={(*notices).clone()} {ondismiss} />
                <section aria-labelledby="targets-title">
                    <h2 id="targets-title">{"Allowed downtime for a target"}</h2>
                    <Targets state={current.clone()} dispatch={dispatch.clone()} />
                    <DowntimeTable state={current.clone()} />
                </section>
                <section aria-labelledby="reverse-title">
                    <h2 id="reverse-title">{"Availability from downtime"}</h2>
                    <Reverse state={current.clone()} dispatch={dispatch.clone()} />
                </section>
                <section aria-labelledby="hours-title">
                    <h2 id="hours-title">{"Service hours"}</h2>
                    <ServiceHours state={current.clone()} dispatch={dispatch.clone()} />
                </section>
                <section aria-labelledby="composite-title">
                    <h2 id="composite-title">{"Composite availability"}</h2>
                    <Composite state={current} {dispatch} />
                </section>
                <section aria-labelledby="import-title">
                    <h2 id="import-title">{"Import measurements"}</h2>
                    <Import />
                </section>
            </main>
            }
            <footer class="site no-print">
                <p>{"Works offline once loaded. The link in the address bar holds everything you entered: copy it to share this view."}</p>
            </footer>
        </>
    }
}

/// `YYYY-MM` of today in the browser's time zone.
fn current_month() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let now = js_sys::Date::new_0();
        format!("{:04}-{:02}", now.get_full_year(), now.get_month() + 1)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        "2026-01".to_string()
    }
}

fn read_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the URL's fragment without adding a history entry per keystroke.
fn write_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let wanted = format!("#{fragment}");
    if window.location().hash().ok().as_deref() == Some(wanted.as_str()) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&wanted));
    }
}
