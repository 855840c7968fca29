// Only the latest request draws: when a newer request of the same drawing was made meanwhile,
// an older answer (or its error) is stale and draws nothing. One helper for every place the
// window asks Rust again before the last answer came (ticks, filters, formatted counts).

export const STALE = Symbol('stale');

// A drawing's requests: `const answer = await ask(promise); if (answer === STALE) return;`.
export function latest() {
  let newest = 0;
  return async (promise) => {
    const mine = ++newest;
    try {
      const answer = await promise;
      return mine === newest ? answer : STALE;
    } catch (err) {
      if (mine !== newest) return STALE;
      throw err;
    }
  };
}

// The requests of the drawing into `element` (one per element, kept while it lives).
const perElement = new WeakMap();
export function latestFor(element) {
  if (!perElement.has(element)) perElement.set(element, latest());
  return perElement.get(element);
}
