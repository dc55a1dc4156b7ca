// The contract simulator's Web Worker (src/simulator.rs). The workbench's
// Plan view posts { boot, agreements, setup }: `boot` is the simulator
// module's boot script (the page's <meta name="sla-lazy-simulate">), which
// loads its wasm here too; the worker runs the simulation and posts
// { type: "progress", done } along the way, then { type: "done", result }
// (the run as JSON) or { type: "error", message }. A cancel terminates the
// worker. Nothing leaves the page: the module is fetched from this origin.
self.onmessage = async (event) => {
  const { boot, agreements, setup } = event.data;
  try {
    const bindings = (await import(new URL(boot, self.location.href).href)).default;
    const result = bindings.run(agreements, setup, (done) => self.postMessage({ type: "progress", done }));
    self.postMessage({ type: "done", result });
  } catch (error) {
    self.postMessage({ type: "error", message: String((error && error.message) || error) });
  }
};
