// Preloaded into tools that would reach the internet on their own (electronegativity fetches
// translations and Electron's release list at every run): every outgoing connection to a host
// outside 127.0.0.0/8 and ::1 fails at once, and the 'got' HTTP client rejects without a
// request. The tool then falls back to its bundled data.
const net = require('node:net');
const Module = require('node:module');

const isLoopback = (host) => host === undefined || host === 'localhost' || /^127\./.test(host) || host === '::1';

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const options = args[0] !== null && typeof args[0] === 'object' ? args[0] : { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
  if (options.path === undefined && !isLoopback(options.host)) {
    throw new Error(`offline-guard: connection to ${options.host} blocked`);
  }
  return connect.apply(this, args);
};

const load = Module._load;
Module._load = function guardedLoad(request, ...rest) {
  if (request === 'got') return () => Promise.reject(new Error('offline-guard: network disabled'));
  return load.call(this, request, ...rest);
};
