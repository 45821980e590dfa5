// Runs in the page before the app: provides window.sac with the same shape as the preload
// bridge, forwarding calls to the test process through the exposed __sacInvoke binding.
// Byte arrays are sent as base64 because a binding's arguments cross as JSON.
(() => {
  const listeners = new Map();
  const encode = (value) => {
    if (value instanceof Uint8Array) {
      let binary = '';
      for (let i = 0; i < value.length; i += 0x8000) binary += String.fromCharCode(...value.subarray(i, i + 0x8000));
      return { __bytes: btoa(binary) };
    }
    if (Array.isArray(value)) return value.map(encode);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encode(item)]));
    }
    return value;
  };
  window.__sacEmit = (event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  window.sac = {
    invoke: (channel, input) => window.__sacInvoke(channel, encode(input)),
    on: (event, listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event).delete(listener);
    },
  };
})();
