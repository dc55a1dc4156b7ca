// The Web Worker of the workbench's Plan view (src/simulator.rs,
// src/advisor.rs). The view posts { boot, kind, ...input }: `boot` is the
// boot script of the module of the view's jobs (the page's
// <meta name="sla-lazy-plan-worker">, src/bin/plan_worker.rs), which loads
// its wasm here; `kind` is the job:
// - "run": a simulation of { agreements, setup };
// - "advise": the target advisor on { agreements, measurements, options };
// - "fit": failure models fitted from { agreements, measurements, history };
// - "exposure": the back-to-back exposure over the span `history` of
//   { agreements, measurements }.
// The worker posts { type: "progress", done } along the way, then
// { type: "done", result } (the job's JSON) or { type: "error", message }.
// A cancel terminates the worker. Nothing leaves the page: the module is
// fetched from this origin.
self.onmessage = async (event) => {
  const { boot, kind, agreements, setup, measurements, options, history } = event.data;
  try {
    const bindings = (await import(new URL(boot, self.location.href).href)).default;
    const progress = (done) => self.postMessage({ type: "progress", done });
    let result;
    if (kind === "advise") {
      result = bindings.advise(agreements, measurements, options, progress);
    } else if (kind === "fit") {
      result = bindings.fit(agreements, measurements, history);
    } else if (kind === "exposure") {
      result = bindings.exposure(agreements, measurements, history);
    } else {
      result = bindings.run(agreements, setup, progress);
    }
    self.postMessage({ type: "done", result });
  } catch (error) {
    self.postMessage({ type: "error", message: String((error && error.message) || error) });
  }
};
